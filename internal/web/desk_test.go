package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
)

// Users of the test desk, by id: 1 viewer, 2 editor, 3 factchecker, 4 admin.

func TestSetWorkForm(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		d := newDesk(t)
		version := d.version(1)
		res := d.do(auth.RoleEditor, "POST", "/claims/1/work", url.Values{"work_status": {"in_progress"}, "assignee_id": {"3"}, "revision": {d.revision(1)}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/claims/1#work" {
			t.Fatalf("status %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		if got := d.version(1); got != version {
			t.Errorf("version = %s, want %s: the editor's open form went stale", got, version)
		}
		doc := page(t, d.do(auth.RoleFactchecker, "GET", "/claims/1", nil))
		if got := doc.Find(`[data-testid="work-status"]`).Text(); got != "In progress" {
			t.Errorf("work status = %q", got)
		}
		if got := doc.Find(`[data-testid="history"] [data-testid="change"]`).Text(); !strings.Contains(got, "Work status: New → In progress") ||
			!strings.Contains(got, "Assigned to: (none) → The factchecker") {
			t.Errorf("history changes = %q", got)
		}
		if got := doc.Find(`[data-testid="unread-count"]`).Text(); got != "1" {
			t.Errorf("the assignee's unread count = %q, want 1", got)
		}
		q := page(t, d.do(auth.RoleFactchecker, "GET", "/queue", nil))
		if got := q.Find(`[data-testid="queue-row"]`).Text(); !strings.Contains(got, "Drones hit the al-Tanf garrison") || !strings.Contains(got, "In progress") {
			t.Errorf("queue = %q", got)
		}
	})
	bad := []struct {
		name, status, assignee, field string
	}{
		{"ErrStatus", "closed", "", "work_status"},
		{"ErrStatusNotText", "new\xff", "", "work_status"},
		{"ErrAssigneeJunk", "new", "x", "assignee_id"},
		{"ErrAssigneeViewer", "new", "1", "assignee_id"},
		{"ErrInProgressNobody", "in_progress", "", "assignee_id"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			d := newDesk(t)
			before := d.count("claim_history")
			res := d.do(auth.RoleEditor, "POST", "/claims/1/work", url.Values{"work_status": {tt.status}, "assignee_id": {tt.assignee}, "revision": {d.revision(1)}})
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status = %d, want 422", res.StatusCode)
			}
			doc := page(t, res)
			if doc.Find(`[data-testid="work-form"] [data-testid="error-`+tt.field+`"]`).Length() != 1 {
				t.Errorf("no message beside %s", tt.field)
			}
			if got := d.count("claim_history"); got != before {
				t.Errorf("history rows = %d, want %d", got, before)
			}
		})
	}
	t.Run("ErrStaleKeepsChoice", func(t *testing.T) {
		d := newDesk(t)
		stale := d.revision(1)
		d.do(auth.RoleEditor, "POST", "/claims/1/citations", url.Values{"source_id": {"1"}, "stance": {"confirms"}})
		res := d.do(auth.RoleEditor, "POST", "/claims/1/work", url.Values{"work_status": {"done"}, "assignee_id": {"2"}, "revision": {stale}})
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("status = %d, want 409", res.StatusCode)
		}
		doc := page(t, res)
		if !strings.Contains(doc.Find(`[data-testid="notice"]`).Text(), "not saved") {
			t.Error("no notice that the work was not saved")
		}
		if got := doc.Find(`#work_status option[selected]`).AttrOr("value", ""); got != "done" {
			t.Errorf("status kept = %q, want done", got)
		}
		if got := doc.Find(`#assignee_id option[selected]`).AttrOr("value", ""); got != "2" {
			t.Errorf("assignee kept = %q, want 2", got)
		}
	})
}

func TestCommentForm(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		d := newDesk(t)
		res := d.do(auth.RoleViewer, "POST", "/claims/1/comments", url.Values{"body": {"Geolocated: https://example.org/map, @factchecker <b>check</b>"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/claims/1#comment-1" {
			t.Fatalf("status %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		doc := page(t, d.do(auth.RoleViewer, "GET", "/claims/1", nil))
		body := doc.Find(`[data-testid="comment-body"]`)
		if got := body.Find("a").AttrOr("href", ""); got != "https://example.org/map" {
			t.Errorf("link = %q", got)
		}
		if body.Find("b").Length() != 0 {
			t.Error("<b> was not escaped")
		}
		fc := page(t, d.do(auth.RoleFactchecker, "GET", "/notifications", nil))
		if got := fc.Find(`[data-testid="notification"]`).Text(); !strings.Contains(got, "The viewer") || !strings.Contains(got, "mentioned you") {
			t.Errorf("mention = %q", got)
		}
		if got := fc.Find(`[data-testid="unread-count"]`).Text(); got != "1" {
			t.Errorf("unread = %q, want 1", got)
		}
		through := fc.Find(`[data-testid="mark-read-form"] input[name="through"]`).AttrOr("value", "")
		res = d.do(auth.RoleFactchecker, "POST", "/notifications/read", url.Values{"through": {through}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("mark read = %d", res.StatusCode)
		}
		fc = page(t, d.do(auth.RoleFactchecker, "GET", "/notifications", nil))
		if fc.Find(`[data-testid="unread-count"]`).Length() != 0 || fc.Find(`[data-testid="notification-unread"]`).Length() != 0 {
			t.Error("notifications still unread after mark all read")
		}
	})
	bad := []struct{ name, body, want string }{
		{"ErrEmpty", "   ", "Write something"},
		{"ErrTooLong", strings.Repeat("x", 10*1024), "Keep a comment to 4000 characters"},
		{"ErrNotText", "broken \xff text", "not text"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			d := newDesk(t)
			res := d.do(auth.RoleEditor, "POST", "/claims/1/comments", url.Values{"body": {tt.body}})
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status = %d, want 422", res.StatusCode)
			}
			doc := page(t, res)
			form := doc.Find(`[data-testid="comment-form"]`)
			if got := form.Find(`[data-testid="error-body"]`).Text(); !strings.Contains(got, tt.want) {
				t.Errorf("message = %q, want %q", got, tt.want)
			}
			if got, want := form.Find("textarea").Text(), strings.ToValidUTF8(tt.body, "\uFFFD"); got != want && strings.TrimSpace(tt.body) != "" {
				t.Errorf("input kept = %d chars %q…, want %d chars", len(got), got[:min(20, len(got))], len(want))
			}
			if got := d.count("comments"); got != 0 {
				t.Errorf("comments = %d, want 0", got)
			}
		})
	}
}

func TestCommentEditAndRemove(t *testing.T) {
	d := newDesk(t)
	now := time.Now().UTC()
	d.claims.Now = func() time.Time { return now }
	d.do(auth.RoleEditor, "POST", "/claims/1/comments", url.Values{"body": {"Three drones"}})

	res := d.do(auth.RoleEditor, "POST", "/comments/1", url.Values{"body": {"Two drones"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit within 10 minutes = %d", res.StatusCode)
	}
	if res := d.do(auth.RoleFactchecker, "POST", "/comments/1", url.Values{"body": {"Not mine"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("someone else's edit = %d, want 403", res.StatusCode)
	}
	now = now.Add(11 * time.Minute)
	res = d.do(auth.RoleEditor, "POST", "/comments/1", url.Values{"body": {"One drone"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("edit after 11 minutes = %d, want 422", res.StatusCode)
	}
	doc := page(t, res)
	if got := doc.Find(`[data-testid="comment-edit-form"] [data-testid="error-body"]`).Text(); !strings.Contains(got, "10 minutes") {
		t.Errorf("message = %q", got)
	}
	if got := doc.Find(`[data-testid="comment-edit-form"] textarea`).Text(); got != "One drone" {
		t.Errorf("input kept = %q", got)
	}
	if got := doc.Find(`[data-testid="comment-body"]`).Text(); !strings.Contains(got, "Two drones") {
		t.Errorf("stored comment = %q, want the edit made in time", got)
	}
	if doc.Find(`[data-testid="edited"]`).Length() != 1 {
		t.Error("the edited comment does not say edited")
	}

	if res := d.do(auth.RoleAdmin, "POST", "/comments/1/remove", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove = %d", res.StatusCode)
	}
	doc = page(t, d.do(auth.RoleViewer, "GET", "/claims/1", nil))
	if got := doc.Find(`[data-testid="comment-removed"]`).Text(); !strings.HasPrefix(got, "Comment removed by The admin on ") {
		t.Errorf("trace = %q", got)
	}
	if strings.Contains(doc.Find(`[data-testid="comments"]`).Text(), "drones") {
		t.Error("the removed text is still on the page")
	}
}

func TestActivityPage(t *testing.T) {
	d := newDesk(t)
	d.do(auth.RoleEditor, "POST", "/claims/1/work", url.Values{"work_status": {"needs_review"}, "assignee_id": {"2"}, "revision": {d.revision(1)}})
	doc := page(t, d.do(auth.RoleViewer, "GET", "/activity?kind=work&person=2", nil))
	entries := doc.Find(`[data-testid="activity-entry"]`)
	if entries.Length() != 1 || !strings.Contains(entries.Text(), "Work status: New → Needs review") {
		t.Errorf("entries = %d: %q", entries.Length(), entries.Text())
	}
	// Marking all as seen leaves nothing new until the next change.
	doc = page(t, d.do(auth.RoleViewer, "GET", "/activity", nil))
	through := doc.Find(`[data-testid="activity-seen-form"] input[name="through"]`).AttrOr("value", "")
	if res := d.do(auth.RoleViewer, "POST", "/activity/seen", url.Values{"through": {through}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark seen = %d", res.StatusCode)
	}
	doc = page(t, d.do(auth.RoleViewer, "GET", "/activity", nil))
	if doc.Find(`[data-testid="activity-empty"]`).Length() != 1 {
		t.Errorf("after marking seen: %q", doc.Find("main").Text())
	}
	d.do(auth.RoleEditor, "POST", "/claims/1/comments", url.Values{"body": {"New"}})
	doc = page(t, d.do(auth.RoleViewer, "GET", "/activity", nil))
	if got := doc.Find(`[data-testid="activity-entry"]`).Length(); got != 1 {
		t.Errorf("entries since the last visit = %d, want 1", got)
	}
	for _, q := range []string{"kind=dropped", "person=x", "before=junk", "all=yes"} {
		if res := d.do(auth.RoleViewer, "GET", "/activity?"+q, nil); res.StatusCode != http.StatusBadRequest {
			t.Errorf("/activity?%s = %d, want 400", q, res.StatusCode)
		}
	}
	if res := d.do(auth.RoleViewer, "POST", "/activity/seen", url.Values{"through": {"junk"}}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("mark seen with junk = %d, want 400", res.StatusCode)
	}
	if got := d.count("activity_marks"); got != 1 {
		t.Errorf("marks = %d, want 1", got)
	}
}

func TestFollowToggle(t *testing.T) {
	d := newDesk(t)
	if res := d.do(auth.RoleEditor, "POST", "/claims/1/follow", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("follow = %d", res.StatusCode)
	}
	doc := page(t, d.do(auth.RoleEditor, "GET", "/claims/1", nil))
	if doc.Find(`[data-testid="unfollow-form"]`).Length() != 1 {
		t.Error("after following, no unfollow button")
	}
	d.do(auth.RoleFactchecker, "POST", "/claims/1/citations", url.Values{"source_id": {"1"}, "stance": {"confirms"}})
	d.do(auth.RoleFactchecker, "POST", "/claims/1/verdict", url.Values{"verdict": {"confirmed"}, "reason": {"CENTCOM"}, "revision": {d.revision(1)}})
	doc = page(t, d.do(auth.RoleEditor, "GET", "/notifications", nil))
	if got := doc.Find(`[data-testid="notification"]`).Text(); !strings.Contains(got, "set the verdict on") || !strings.Contains(got, "Unverified → Confirmed") {
		t.Errorf("notification = %q", got)
	}
	if res := d.do(auth.RoleEditor, "POST", "/claims/1/unfollow", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unfollow = %d", res.StatusCode)
	}
	if res := d.do(auth.RoleEditor, "POST", "/claims/99/follow", url.Values{}); res.StatusCode != http.StatusNotFound {
		t.Errorf("follow a missing claim = %d, want 404", res.StatusCode)
	}
}

// A claim worked on for weeks keeps a page of bounded size: the newest of its history
// and verdicts, and links to the whole of each in the activity filtered to the claim.
func TestClaimPageShowsNewestHistory(t *testing.T) {
	d := newDesk(t)
	to := []claims.Verdict{claims.VerdictDisputed, claims.VerdictFalse}
	const verdicts = 30
	for i := range verdicts {
		if err := d.claims.SetVerdict(ctx, 3, 1, 1+i, to[i%2], fmt.Sprintf("Review round %d", i+1)); err != nil {
			t.Fatal(err)
		}
	}
	other := &claims.Claim{Title: "Rockets at Ain al-Asad", Place: "Ain al-Asad", Country: "Iraq",
		OccurredOn: time.Date(2023, 10, 20, 0, 0, 0, 0, time.UTC), DatePrecision: "day", AttackType: "rocket"}
	if err := d.claims.CreateClaim(ctx, 2, other); err != nil {
		t.Fatal(err)
	}
	// The viewer's last-visit mark narrows the desk's feed, not a claim's history.
	if err := d.claims.MarkVisited(ctx, 1, time.Now()); err != nil {
		t.Fatal(err)
	}

	doc := page(t, d.do(auth.RoleViewer, "GET", "/claims/1", nil))
	if got := doc.Find(`[data-testid="history"] > li`).Length(); got != claims.HistoryShown {
		t.Errorf("history entries on the page = %d, want %d", got, claims.HistoryShown)
	}
	if got := doc.Find(`[data-testid="verdict-history"] > li`).Length(); got != claims.VerdictsShown {
		t.Errorf("verdicts on the page = %d, want %d", got, claims.VerdictsShown)
	}
	if got := doc.Find(`[data-testid="verdict-history"] .reason`).First().Text(); got != "Review round 30" {
		t.Errorf("newest verdict on the page = %q", got)
	}
	all := doc.Find(`[data-testid="all-history"]`)
	if all.Text() != "All 31 changes" || all.AttrOr("href", "") != "/activity?claim=1" {
		t.Errorf("history link = %q to %q", all.Text(), all.AttrOr("href", ""))
	}
	allVerdicts := doc.Find(`[data-testid="all-verdicts"]`)
	if allVerdicts.Text() != "All 30 verdicts" || allVerdicts.AttrOr("href", "") != "/activity?claim=1&kind=verdict" {
		t.Errorf("verdicts link = %q to %q", allVerdicts.Text(), allVerdicts.AttrOr("href", ""))
	}

	doc = page(t, d.do(auth.RoleViewer, "GET", all.AttrOr("href", ""), nil))
	if got := doc.Find("h1").Text(); got != "History of “Drones hit the al-Tanf garrison”" {
		t.Errorf("heading = %q", got)
	}
	entries := doc.Find(`[data-testid="activity-entry"]`)
	if entries.Length() != verdicts+1 || strings.Contains(entries.Text(), "The editor") {
		t.Errorf("claim's history = %d entries, want %d (the other claim's, by the editor, among them: %v)", entries.Length(), verdicts+1, strings.Contains(entries.Text(), "The editor"))
	}
	if entries.Find("a").Length() != 0 {
		t.Error("a claim's history links every entry to the claim it is the history of")
	}
	whole := doc.Find(`[data-testid="activity-claim"] a`).Last().AttrOr("href", "")
	if whole != "/activity" {
		t.Errorf("the whole desk's activity is at %q", whole)
	}
	if got := page(t, d.do(auth.RoleViewer, "GET", "/activity?all=1", nil)).Find(`[data-testid="activity-entry"] a`).First().Text(); got != "Rockets at Ain al-Asad" {
		t.Errorf("the desk's activity names the newest entry's claim %q", got)
	}
	if doc.Find(`[data-testid="activity-seen-form"]`).Length() != 0 {
		t.Error("a claim's history offers to mark the desk's feed seen")
	}
	if got := doc.Find(`[data-testid="activity-filters"] input[name="claim"]`).AttrOr("value", ""); got != "1" {
		t.Errorf("filters keep the claim as %q", got)
	}
	doc = page(t, d.do(auth.RoleViewer, "GET", allVerdicts.AttrOr("href", ""), nil))
	if got := doc.Find(`[data-testid="activity-entry"]`).Length(); got != verdicts {
		t.Errorf("claim's verdicts = %d entries, want %d", got, verdicts)
	}

	for q, want := range map[string]int{"claim=x": http.StatusBadRequest, "claim=-1": http.StatusBadRequest, "claim=999": http.StatusNotFound} {
		if res := d.do(auth.RoleViewer, "GET", "/activity?"+q, nil); res.StatusCode != want {
			t.Errorf("/activity?%s = %d, want %d", q, res.StatusCode, want)
		}
	}
}
