package views_test

import (
	"strings"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/views"

	"github.com/PuerkitoBio/goquery"
)

func person(id int64, name string) *claims.Person {
	return &claims.Person{ID: id, Name: name, Email: strings.ToLower(strings.Fields(name)[0]) + "@desk.test"}
}

// commentPage renders a claim page whose discussion holds the comments, seen by viewer.
func commentPage(t *testing.T, viewer *auth.User, now time.Time, comments ...claims.Comment) *goquery.Document {
	t.Helper()
	c := &claims.Claim{ID: 9, Title: "Drones hit al-Tanf", Verdict: "unverified", Version: 1, Revision: 4}
	p := views.ClaimPage{ClaimDetail: detail(c, nil)}
	p.Desk = views.ClaimDesk{Work: &claims.Work{ClaimID: 9, WorkStatus: claims.WorkNew}, Comments: comments, Now: now}
	return render(t, views.ClaimShow(views.Session{User: viewer}, p))
}

func TestCommentLinksMadeSafe(t *testing.T) {
	now := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	body := "See https://example.org/a_(b). and javascript:alert(1) or <b>bold</b>\n" +
		"data:text/html,x http://  ftp://x.org https://news.example/x?q=1&r=2, done"
	cm := claims.Comment{ID: 1, ClaimID: 9, AuthorID: ptr(int64(2)), Author: person(2, "Eli Editor"), Body: body, CreatedAt: now}
	doc := commentPage(t, &auth.User{ID: 3, Role: auth.RoleViewer}, now, cm)
	got := doc.Find(`[data-testid="comment-body"]`)
	var hrefs []string
	got.Find("a").Each(func(_ int, a *goquery.Selection) {
		hrefs = append(hrefs, a.AttrOr("href", ""))
		if rel := a.AttrOr("rel", ""); rel != "noopener noreferrer nofollow" {
			t.Errorf("link %q rel = %q", a.Text(), rel)
		}
	})
	if want := []string{"https://example.org/a_(b)", "https://news.example/x?q=1&r=2"}; strings.Join(hrefs, " ") != strings.Join(want, " ") {
		t.Errorf("links = %q, want %q", hrefs, want)
	}
	if got.Find("b").Length() != 0 || !strings.Contains(got.Text(), "<b>bold</b>") {
		t.Errorf("<b> was not escaped: %q", got.Text())
	}
	if !strings.Contains(got.Text(), "javascript:alert(1)") || !strings.Contains(got.Text(), "ftp://x.org") {
		t.Errorf("text lost: %q", got.Text())
	}
	if got.Find("br").Length() != 1 {
		t.Errorf("line breaks = %d, want 1", got.Find("br").Length())
	}
	html, _ := got.Html()
	if strings.Contains(html, `href="javascript`) || strings.Contains(html, `href="data`) {
		t.Errorf("unsafe link in %s", html)
	}
}

func TestCommentStates(t *testing.T) {
	now := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	eli, dana := person(2, "Eli Editor"), person(4, "Dana Admin")
	edited := now.Add(-2 * time.Minute)
	removed := now.Add(-time.Minute)
	comments := []claims.Comment{
		{ID: 1, ClaimID: 9, AuthorID: &eli.ID, Author: eli, Body: "Fresh", CreatedAt: now.Add(-5 * time.Minute), EditedAt: &edited},
		{ID: 2, ClaimID: 9, AuthorID: &eli.ID, Author: eli, Body: "Old", CreatedAt: now.Add(-10 * time.Minute)},
		{ID: 3, ClaimID: 9, AuthorID: &eli.ID, Author: eli, Body: "", CreatedAt: now.Add(-time.Hour), RemovedAt: &removed, RemovedByID: &dana.ID, RemovedBy: dana},
	}
	t.Run("Author", func(t *testing.T) {
		doc := commentPage(t, &auth.User{ID: eli.ID, Role: auth.RoleEditor}, now, comments...)
		items := doc.Find(`[data-testid="comment"]`)
		if items.Eq(0).Find(`[data-testid="comment-edit-form"]`).Length() != 1 || items.Eq(1).Find(`[data-testid="comment-edit-form"]`).Length() != 0 {
			t.Error("the edit form should show only within 10 minutes of posting")
		}
		if items.Eq(0).Find(`[data-testid="edited"]`).Length() != 1 || items.Eq(1).Find(`[data-testid="edited"]`).Length() != 0 {
			t.Error("only the edited comment should say edited")
		}
		if doc.Find(`[data-testid="comment-remove-form"]`).Length() != 0 {
			t.Error("a non-admin sees the remove button")
		}
		if got, want := strings.TrimSpace(items.Eq(2).Find(`[data-testid="comment-removed"]`).Text()), "Comment removed by Dana Admin on 1 Mar 2024 08:59 UTC."; got != want {
			t.Errorf("removed comment reads %q, want %q", got, want)
		}
		if items.Eq(2).Find(`[data-testid="comment-body"]`).Length() != 0 {
			t.Error("a removed comment still shows a body")
		}
	})
	t.Run("Admin", func(t *testing.T) {
		doc := commentPage(t, &auth.User{ID: dana.ID, Role: auth.RoleAdmin}, now, comments...)
		if got := doc.Find(`[data-testid="comment-remove-form"]`).Length(); got != 2 {
			t.Errorf("remove buttons = %d, want one per comment still standing", got)
		}
		if doc.Find(`[data-testid="comment-edit-form"]`).Length() != 0 {
			t.Error("the admin may edit someone else's comment")
		}
	})
}

func TestHeaderUnreadCount(t *testing.T) {
	for _, tt := range []struct {
		unread int
		want   string
	}{{0, ""}, {3, "3"}, {100, "99+"}} {
		doc := render(t, views.QueuePage(views.Session{User: &auth.User{Role: auth.RoleViewer}, Unread: tt.unread}, views.Queue{}))
		if got := doc.Find(`[data-testid="unread-count"]`).Text(); got != tt.want {
			t.Errorf("unread %d shows %q, want %q", tt.unread, got, tt.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }
