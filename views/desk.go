package views

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"claimdesk/internal/claims"
)

// ClaimDesk is the desk's own part of a claim page: who is on it and how far, whether
// the viewer follows it, and its discussion.
type ClaimDesk struct {
	Work       *claims.Work
	Assignable []claims.Person // choices for the assignee
	Following  bool
	Comments   []claims.Comment
	Now        time.Time // the server's clock, for the comment edit window
	WorkForm   Form      // the work form, as stored or as sent back
	// CommentForm is a new comment sent back; EditForm the edit of comment EditID.
	CommentForm Form
	EditID      int64
	EditForm    Form
}

// Queue is a person's list of the claims assigned to them.
type Queue struct {
	Items    []claims.QueueItem
	WithDone bool
}

// ActivityQuery is what the activity page was asked for.
type ActivityQuery struct {
	Claim  int64 // only this claim's history; 0 for the whole desk
	Person int64
	Kind   string
	All    bool // everything, not only what came since the last visit
	Before string
}

// Activity is the desk-wide list of changes.
type Activity struct {
	Page      *claims.ActivityPage
	People    []claims.Person
	Query     ActivityQuery
	LastVisit *time.Time    // the viewer's mark, nil if they never set one (or on a claim's history)
	Claim     *claims.Claim // the claim whose history this is, when Query.Claim is set
}

// SinceLastVisit reports whether the list shows only what came after the mark.
func (a Activity) SinceLastVisit() bool { return a.LastVisit != nil && !a.Query.All }

// ClaimHistoryURL is the address of a claim's whole history, or of its verdicts alone
// when kind is "verdict".
func ClaimHistoryURL(id int64, kind string) string {
	return Activity{Query: ActivityQuery{Claim: id, Kind: kind}}.URL(nil)
}

// URL returns the activity page's address with the query changed by edit; the page
// starts again from the newest unless edit sets Before.
func (a Activity) URL(edit func(*ActivityQuery)) string {
	q := a.Query
	q.Before = ""
	if edit != nil {
		edit(&q)
	}
	v := url.Values{}
	if q.Claim > 0 {
		v.Set("claim", strconv.FormatInt(q.Claim, 10))
	}
	if q.Person > 0 {
		v.Set("person", strconv.FormatInt(q.Person, 10))
	}
	if q.Kind != "" {
		v.Set("kind", q.Kind)
	}
	if q.All {
		v.Set("all", "1")
	}
	if q.Before != "" {
		v.Set("before", q.Before)
	}
	if len(v) == 0 {
		return "/activity"
	}
	return "/activity?" + v.Encode()
}

// Notifications is one page of the viewer's notifications.
type Notifications struct {
	Page *claims.NotificationPage
}

// unreadLabel is the header's count: "99+" beyond what it counts.
func unreadLabel(n int) string {
	if n > claims.MaxUnread {
		return strconv.Itoa(claims.MaxUnread) + "+"
	}
	return strconv.Itoa(n)
}

// textPart is a piece of a comment as shown: text, a link, or a line break.
type textPart struct {
	Text  string
	URL   string // set for a link; only ever http or https
	Break bool
}

// webLink finds what may be a web address: http:// or https:// at the start of a word,
// up to the next space or character that cannot end an address in running text.
var webLink = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"]+`)

// linkify splits a comment into text, line breaks and links. Only absolute http and
// https addresses with a host become links; anything else (javascript:, data:, a bare
// word) stays text, which the template escapes.
func linkify(body string) []textPart {
	var out []textPart
	for i, line := range strings.Split(body, "\n") {
		if i > 0 {
			out = append(out, textPart{Break: true})
		}
		rest := strings.TrimSuffix(line, "\r")
		for rest != "" {
			loc := webLink.FindStringIndex(rest)
			if loc == nil {
				out = append(out, textPart{Text: rest})
				break
			}
			link := trimLink(rest[loc[0]:loc[1]])
			end := loc[0] + len(link)
			if loc[0] > 0 {
				out = append(out, textPart{Text: rest[:loc[0]]})
			}
			if u, err := url.Parse(link); err == nil && (strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https")) && u.Host != "" {
				out = append(out, textPart{Text: link, URL: u.String()})
			} else {
				out = append(out, textPart{Text: link})
			}
			rest = rest[end:]
		}
	}
	return out
}

// trimLink drops the punctuation that ends a sentence around an address, and a
// closing bracket that has no opening one inside it.
func trimLink(s string) string {
	for s != "" {
		last := s[len(s)-1]
		switch {
		case strings.IndexByte(".,;:!?'", last) >= 0:
			s = s[:len(s)-1]
		case last == ')' && strings.Count(s, "(") < strings.Count(s, ")"):
			s = s[:len(s)-1]
		default:
			return s
		}
	}
	return s
}

// mentionHint explains @handles beside the comment box.
const mentionHint = "Plain text; web links become clickable. Write @ and the part of a colleague's email before the @ " +
	"(dana@newsroom.org is @dana) to notify them. You can edit a comment for 10 minutes after posting it."

// handleOf is how a person is named in a comment.
func handleOf(p claims.Person) string { return "@" + claims.Handle(p.Email) }
