package claims_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/claims"

	"gorm.io/gorm"
)

// addUser adds an account and returns its id.
func addUser(t *testing.T, gdb *gorm.DB, email, name, role string) int64 {
	t.Helper()
	err := gdb.Exec("INSERT INTO users (email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, 'x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
		email, name, role).Error
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	gdb.Raw("SELECT id FROM users WHERE email = ?", email).Scan(&id)
	return id
}

// clock is a settable clock for Service.Now.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time          { return c.now }
func (c *clock) advance(d time.Duration) { c.now = c.now.Add(d) }
func newClock() *clock                   { return &clock{now: time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)} }
func ptr[T any](v T) *T                  { return &v }
func unread(t *testing.T, svc *claims.Service, user int64) []claims.Notification {
	t.Helper()
	p, err := svc.Notifications(ctx, user, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []claims.Notification
	for _, n := range p.Notifications {
		if !n.Read() {
			out = append(out, n)
		}
	}
	return out
}

func TestWorkStatus(t *testing.T) {
	for _, tt := range []struct {
		status        claims.WorkStatus
		valid, needer bool
	}{
		{claims.WorkNew, true, false},
		{claims.WorkInProgress, true, true},
		{claims.WorkNeedsReview, true, false},
		{claims.WorkDone, true, false},
		{"closed", false, false},
		{"", false, false},
	} {
		if got := tt.status.Valid(); got != tt.valid {
			t.Errorf("%q.Valid() = %v, want %v", tt.status, got, tt.valid)
		}
		if got := tt.status.NeedsAssignee(); got != tt.needer {
			t.Errorf("%q.NeedsAssignee() = %v, want %v", tt.status, got, tt.needer)
		}
	}
}

func TestSetWork(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, gdb := setup(t)
		farah := addUser(t, gdb, "farah@desk.test", "Farah Factchecker", "factchecker")
		c := newClaim(t, svc, "Drones over al-Tanf")
		changes, err := svc.SetWork(ctx, 1, c.ID, c.Revision, claims.WorkInProgress, &farah)
		if err != nil {
			t.Fatal(err)
		}
		want := []claims.Change{
			{Field: "work_status", Label: "Work status", Old: "New", New: "In progress"},
			{Field: "assignee_id", Label: "Assigned to", Old: "", New: "Farah Factchecker"},
		}
		if !slices.Equal(changes, want) {
			t.Errorf("changes = %+v, want %+v", changes, want)
		}
		after, _ := svc.Claim(ctx, c.ID)
		if got, want := after.Revision, c.Revision+1; got != want {
			t.Errorf("revision = %d, want %d", got, want)
		}
		if got, want := after.Version, c.Version; got != want {
			t.Errorf("version = %d, want %d: an open edit form went stale", got, want)
		}
		w, _ := svc.WorkOf(ctx, c.ID)
		if w.WorkStatus != claims.WorkInProgress || w.AssigneeID == nil || *w.AssigneeID != farah || w.AssignedAt == nil {
			t.Errorf("work = %+v", w)
		}
		d, _ := svc.Detail(ctx, c.ID)
		if got := d.History[0]; got.Kind != "work" || !slices.Equal(got.Changes, want) {
			t.Errorf("newest history entry = %+v, want the work change with old and new values", got)
		}
		if n := unread(t, svc, farah); len(n) != 1 || n[0].Kind != claims.NotifyAssigned || n[0].ClaimTitle != c.Title {
			t.Errorf("farah's notifications = %+v, want one assignment", n)
		}
		if ok, _ := svc.Following(ctx, farah, c.ID); !ok {
			t.Error("the assignee does not follow the claim")
		}

		// Unassigning: the change names the old assignee, the assignment time goes.
		changes, err = svc.SetWork(ctx, 1, c.ID, after.Revision, claims.WorkNeedsReview, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(changes) != 2 || changes[1].Old != "Farah Factchecker" || changes[1].New != "" {
			t.Errorf("changes = %+v", changes)
		}
		if w, _ := svc.WorkOf(ctx, c.ID); w.AssigneeID != nil || w.AssignedAt != nil {
			t.Errorf("work after unassigning = %+v", w)
		}
	})
	t.Run("NothingChanged", func(t *testing.T) {
		svc, gdb := setup(t)
		c := newClaim(t, svc, "Drones over al-Tanf")
		before := count(t, gdb, "claim_history")
		changes, err := svc.SetWork(ctx, 1, c.ID, c.Revision, claims.WorkNew, nil)
		if err != nil || len(changes) != 0 {
			t.Fatalf("changes = %v, err = %v", changes, err)
		}
		if got := count(t, gdb, "claim_history"); got != before {
			t.Errorf("history rows = %d, want %d", got, before)
		}
		if after, _ := svc.Claim(ctx, c.ID); after.Revision != c.Revision {
			t.Errorf("revision = %d, want %d", after.Revision, c.Revision)
		}
	})
	t.Run("AssigningMyselfTellsNobody", func(t *testing.T) {
		svc, gdb := setup(t)
		c := newClaim(t, svc, "Drones over al-Tanf")
		if _, err := svc.SetWork(ctx, 1, c.ID, c.Revision, claims.WorkInProgress, ptr(int64(1))); err != nil {
			t.Fatal(err)
		}
		if got := count(t, gdb, "notifications"); got != 0 {
			t.Errorf("notifications = %d, want 0", got)
		}
	})
	bad := []struct {
		name     string
		status   claims.WorkStatus
		assignee func(gdb *gorm.DB) *int64
		revision int
		field    string
		err      error
	}{
		{"ErrStatus", "closed", nil, 0, "work_status", nil},
		{"ErrInProgressNeedsAssignee", claims.WorkInProgress, nil, 0, "assignee_id", nil},
		{"ErrAssigneeViewer", claims.WorkNew, func(gdb *gorm.DB) *int64 {
			return ptr(addUser(t, gdb, "vic@desk.test", "Vic Viewer", "viewer"))
		}, 0, "assignee_id", nil},
		{"ErrAssigneeMissing", claims.WorkNew, func(*gorm.DB) *int64 { return ptr(int64(99)) }, 0, "assignee_id", nil},
		{"ErrConflict", claims.WorkDone, nil, -1, "", claims.ErrConflict},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			svc, gdb := setup(t)
			c := newClaim(t, svc, "Drones over al-Tanf")
			var assignee *int64
			if tt.assignee != nil {
				assignee = tt.assignee(gdb)
			}
			before := count(t, gdb, "claim_history")
			_, err := svc.SetWork(ctx, 1, c.ID, c.Revision+tt.revision, tt.status, assignee)
			var ve claims.ValidationError
			switch {
			case tt.err != nil && !errors.Is(err, tt.err):
				t.Errorf("err = %v, want %v", err, tt.err)
			case tt.err == nil && (!errors.As(err, &ve) || ve[tt.field] == ""):
				t.Errorf("err = %v, want a message for %s", err, tt.field)
			}
			if got := count(t, gdb, "claim_history"); got != before {
				t.Errorf("history rows = %d, want %d", got, before)
			}
		})
	}
	t.Run("ErrNotFound", func(t *testing.T) {
		svc, _ := setup(t)
		if _, err := svc.SetWork(ctx, 1, 42, 1, claims.WorkDone, nil); !errors.Is(err, claims.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
}

func TestQueue(t *testing.T) {
	svc, gdb := setup(t)
	clk := newClock()
	svc.Now = clk.Now
	eli := addUser(t, gdb, "eli@desk.test", "Eli Editor", "editor")
	var ids []int64
	for _, title := range []string{"First", "Second", "Third", "Someone else's"} {
		ids = append(ids, newClaim(t, svc, title).ID)
	}
	// Assigned in the order Second, First, Third: the queue follows the assignments.
	for _, i := range []int{1, 0, 2} {
		clk.advance(time.Minute)
		c, _ := svc.Claim(ctx, ids[i])
		if _, err := svc.SetWork(ctx, 1, c.ID, c.Revision, claims.WorkInProgress, &eli); err != nil {
			t.Fatal(err)
		}
	}
	c, _ := svc.Claim(ctx, ids[3])
	svc.SetWork(ctx, 1, c.ID, c.Revision, claims.WorkInProgress, ptr(int64(1)))
	c, _ = svc.Claim(ctx, ids[2])
	svc.SetWork(ctx, 1, c.ID, c.Revision, claims.WorkDone, &eli)

	titles := func(withDone bool) string {
		q, err := svc.Queue(ctx, eli, withDone)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, it := range q {
			out = append(out, it.Title+":"+string(it.WorkStatus))
		}
		return strings.Join(out, ", ")
	}
	if got, want := titles(false), "Second:in_progress, First:in_progress"; got != want {
		t.Errorf("queue = %q, want %q", got, want)
	}
	if got, want := titles(true), "Second:in_progress, First:in_progress, Third:done"; got != want {
		t.Errorf("queue with done = %q, want %q", got, want)
	}
}

func TestMentions(t *testing.T) {
	for _, tt := range []struct {
		body string
		want []string
	}{
		{"@dana look", []string{"dana"}},
		{"Thanks @Farah.", []string{"farah"}},
		{"@dana, @eli and @dana again", []string{"dana", "eli"}},
		{"mail dana@desk.test about it", nil},
		{"(@j.smith) said", []string{"j.smith"}},
		{"@ alone, @@twice", nil},
		{"Ask @émile", []string{"émile"}},
	} {
		if got := claims.Mentions(tt.body); !slices.Equal(got, tt.want) {
			t.Errorf("Mentions(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
	if got := claims.Handle("Dana.Admin@Newsroom.org"); got != "dana.admin" {
		t.Errorf("Handle = %q", got)
	}
}

func TestComments(t *testing.T) {
	type desk struct {
		svc                     *claims.Service
		gdb                     *gorm.DB
		clk                     *clock
		claim                   *claims.Claim
		dana, farah, eli, vicky int64
	}
	open := func(t *testing.T) desk {
		svc, gdb := setup(t)
		d := desk{svc: svc, gdb: gdb, clk: newClock()}
		svc.Now = d.clk.Now
		d.dana = addUser(t, gdb, "dana@desk.test", "Dana Admin", "admin")
		d.farah = addUser(t, gdb, "farah@desk.test", "Farah Factchecker", "factchecker")
		d.eli = addUser(t, gdb, "eli@other.test", "Eli Editor", "editor")
		d.vicky = addUser(t, gdb, "vicky@desk.test", "Vicky Viewer", "viewer")
		d.claim = newClaim(t, svc, "Drones over al-Tanf")
		return d
	}
	t.Run("MentionsNotifyExactlyTheNamed", func(t *testing.T) {
		d := open(t)
		body := "@dana and @Farah: see eli@other.test, not @nobody. @vicky (me) too."
		cm, err := d.svc.AddComment(ctx, d.vicky, d.claim.ID, body)
		if err != nil {
			t.Fatal(err)
		}
		for user, want := range map[int64]int{d.dana: 1, d.farah: 1, d.eli: 0, d.vicky: 0, 1: 0} {
			n := unread(t, d.svc, user)
			if len(n) != want {
				t.Errorf("user %d has %d notifications, want %d", user, len(n), want)
			}
			if want == 1 && (n[0].Kind != claims.NotifyMention || n[0].CommentID == nil || *n[0].CommentID != cm.ID) {
				t.Errorf("user %d notification = %+v", user, n[0])
			}
		}
		if ok, _ := d.svc.Following(ctx, d.vicky, d.claim.ID); !ok {
			t.Error("the commenter does not follow the claim")
		}
		if ok, _ := d.svc.Following(ctx, d.dana, d.claim.ID); ok {
			t.Error("being mentioned made dana follow the claim")
		}
		hist, _ := d.svc.Detail(ctx, d.claim.ID)
		if hist.History[0].Kind != "commented" || strings.Contains(hist.History[0].Detail, "dana") {
			t.Errorf("history entry = %+v, want a commented entry without the text", hist.History[0])
		}
	})
	t.Run("EditWithinTenMinutes", func(t *testing.T) {
		d := open(t)
		cm, _ := d.svc.AddComment(ctx, d.eli, d.claim.ID, "Looks like a drone")
		d.clk.advance(9*time.Minute + 59*time.Second)
		got, err := d.svc.EditComment(ctx, d.eli, cm.ID, "Looks like a drone, @farah")
		if err != nil {
			t.Fatal(err)
		}
		if !got.Edited() || got.Body != "Looks like a drone, @farah" {
			t.Errorf("edited comment = %+v", got)
		}
		if n := unread(t, d.svc, d.farah); len(n) != 1 {
			t.Errorf("farah, newly named, has %d notifications, want 1", len(n))
		}
		// Naming her again in a later edit does not tell her twice.
		d.svc.EditComment(ctx, d.eli, cm.ID, "Looks like a Shahed, @farah")
		if n := unread(t, d.svc, d.farah); len(n) != 1 {
			t.Errorf("farah has %d notifications after a second edit, want 1", len(n))
		}
	})
	t.Run("ErrEditAfterTenMinutes", func(t *testing.T) {
		d := open(t)
		cm, _ := d.svc.AddComment(ctx, d.eli, d.claim.ID, "Looks like a drone")
		d.clk.advance(10 * time.Minute)
		_, err := d.svc.EditComment(ctx, d.eli, cm.ID, "Changed my mind")
		var ve claims.ValidationError
		if !errors.As(err, &ve) || ve["body"] == "" {
			t.Errorf("err = %v, want a message beside the comment", err)
		}
		if got, _ := d.svc.Comment(ctx, cm.ID); got.Body != "Looks like a drone" || got.Edited() {
			t.Errorf("comment = %+v, want it unchanged", got)
		}
	})
	t.Run("ErrEditSomeoneElses", func(t *testing.T) {
		d := open(t)
		cm, _ := d.svc.AddComment(ctx, d.eli, d.claim.ID, "Looks like a drone")
		if _, err := d.svc.EditComment(ctx, d.dana, cm.ID, "Admin's words"); !errors.Is(err, claims.ErrNotAllowed) {
			t.Errorf("err = %v, want ErrNotAllowed", err)
		}
	})
	t.Run("AdminRemovalLeavesATrace", func(t *testing.T) {
		d := open(t)
		cm, _ := d.svc.AddComment(ctx, d.eli, d.claim.ID, "The source's name is Ahmad, phone 0999")
		d.clk.advance(time.Hour)
		if _, err := d.svc.RemoveComment(ctx, d.dana, cm.ID); err != nil {
			t.Fatal(err)
		}
		list, _ := d.svc.Comments(ctx, d.claim.ID)
		if len(list) != 1 {
			t.Fatalf("comments = %d, want the removed one kept in the thread", len(list))
		}
		got := list[0]
		if !got.Removed() || got.Body != "" || got.RemovedBy.Display() != "Dana Admin" || !got.RemovedAt.Equal(d.clk.now) || got.Author.Display() != "Eli Editor" {
			t.Errorf("removed comment = %+v", got)
		}
		var stored int64
		d.gdb.Raw("SELECT COUNT(*) FROM comments WHERE body LIKE '%Ahmad%'").Scan(&stored)
		if stored != 0 {
			t.Error("the removed text is still in the database")
		}
		hist, _ := d.svc.Detail(ctx, d.claim.ID)
		if e := hist.History[0]; e.Kind != "comment_removed" || e.User.Display() != "Dana Admin" || !strings.Contains(e.Detail, "Eli Editor") {
			t.Errorf("history entry = %+v", e)
		}
		if _, err := d.svc.EditComment(ctx, d.eli, cm.ID, "back"); !errors.Is(err, claims.ErrNotAllowed) {
			t.Errorf("editing a removed comment: err = %v, want ErrNotAllowed", err)
		}
	})
	bad := []struct{ name, body string }{
		{"ErrEmpty", "  \n "},
		{"ErrTooLong", strings.Repeat("x", 10*1024)},
		{"ErrNotText", "bad \xff byte"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			d := open(t)
			_, err := d.svc.AddComment(ctx, d.eli, d.claim.ID, tt.body)
			var ve claims.ValidationError
			if !errors.As(err, &ve) || ve["body"] == "" {
				t.Errorf("err = %v, want a message for body", err)
			}
			if got := count(t, d.gdb, "comments"); got != 0 {
				t.Errorf("comments = %d, want 0", got)
			}
		})
	}
	t.Run("ErrNotFound", func(t *testing.T) {
		d := open(t)
		if _, err := d.svc.AddComment(ctx, d.eli, 42, "hello"); !errors.Is(err, claims.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
}

func TestFollowing(t *testing.T) {
	svc, gdb := setup(t)
	vicky := addUser(t, gdb, "vicky@desk.test", "Vicky Viewer", "viewer")
	eli := addUser(t, gdb, "eli@desk.test", "Eli Editor", "editor")
	omar := addUser(t, gdb, "omar@desk.test", "Omar Other", "editor")
	c := newClaim(t, svc, "Drones over al-Tanf") // made by user 1
	newSource(t, svc, "CENTCOM", claims.KindOfficial)
	if err := svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: 1, Stance: "confirms"}); err != nil {
		t.Fatal(err)
	}
	if err := svc.Follow(ctx, vicky, c.ID); err != nil {
		t.Fatal(err)
	}
	svc.AddComment(ctx, eli, c.ID, "On it")
	svc.Follow(ctx, omar, c.ID)
	svc.Unfollow(ctx, omar, c.ID)
	if got, want := mustFollowers(t, svc, c.ID), []int64{1, vicky, eli}; !slices.Equal(got, want) {
		t.Errorf("followers = %v, want the creator, the one who clicked Follow and the commenter %v", got, want)
	}
	c, _ = svc.Claim(ctx, c.ID)
	if err := svc.SetVerdict(ctx, eli, c.ID, c.Revision, claims.VerdictConfirmed, "CENTCOM confirms"); err != nil {
		t.Fatal(err)
	}
	for user, want := range map[int64]int{1: 1, vicky: 1, eli: 0, omar: 0} {
		n := unread(t, svc, user)
		if len(n) != want {
			t.Errorf("user %d has %d notifications, want %d", user, len(n), want)
		}
		if want == 1 && (n[0].Kind != claims.NotifyVerdict || n[0].Detail != "Unverified → Confirmed" || n[0].Actor.Display() != "Eli Editor") {
			t.Errorf("user %d notification = %+v", user, n[0])
		}
	}
	if err := svc.Follow(ctx, vicky, 42); !errors.Is(err, claims.ErrNotFound) {
		t.Errorf("following a missing claim: err = %v", err)
	}

	// Mark all read stops at the newest the person saw.
	svc.AddComment(ctx, eli, c.ID, "@vicky see the verdict")
	all := unread(t, svc, vicky)
	if n, err := svc.MarkAllRead(ctx, vicky, all[1].ID); err != nil || n != 1 {
		t.Fatalf("marked %d, err %v", n, err)
	}
	if got, _ := svc.Unread(ctx, vicky); got != 1 {
		t.Errorf("unread = %d, want the newer mention left", got)
	}
}

func mustFollowers(t *testing.T, svc *claims.Service, claimID int64) []int64 {
	t.Helper()
	ids, err := svc.Followers(ctx, claimID)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestActivity(t *testing.T) {
	svc, gdb := setup(t)
	clk := newClock()
	svc.Now = clk.Now
	eli := addUser(t, gdb, "eli@desk.test", "Eli Editor", "editor")
	var c *claims.Claim
	for i := range 60 {
		clk.advance(time.Second)
		c = newClaim(t, svc, "Claim "+strings.Repeat("I", i%5+1))
	}
	mark := clk.now
	clk.advance(time.Second)
	svc.AddComment(ctx, eli, c.ID, "First look")
	clk.advance(time.Second)
	svc.SetWork(ctx, eli, c.ID, c.Revision, claims.WorkInProgress, &eli)

	// Every entry once, newest first, over two pages.
	page, err := svc.Activity(ctx, claims.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Entries) != claims.ActivityPerPage || page.Next == nil {
		t.Fatalf("first page = %d entries, next %v", len(page.Entries), page.Next)
	}
	if e := page.Entries[0]; e.Kind != "work" || e.ClaimTitle != c.Title || len(e.Changes) != 2 {
		t.Errorf("newest entry = %+v", e)
	}
	cur, err := claims.ParseCursor(page.Next.String())
	if err != nil || cur != *page.Next {
		t.Fatalf("cursor round trip = %v, %v", cur, err)
	}
	rest, err := svc.Activity(ctx, claims.ActivityFilter{Before: &cur})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	for _, e := range append(page.Entries, rest.Entries...) {
		if seen[e.ID] {
			t.Errorf("entry %d listed twice", e.ID)
		}
		seen[e.ID] = true
	}
	if len(seen) != 62 || rest.Next != nil {
		t.Errorf("entries over both pages = %d, next %v; want 62 and no third page", len(seen), rest.Next)
	}

	kinds := func(f claims.ActivityFilter) string {
		p, err := svc.Activity(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range p.Entries {
			out = append(out, e.Kind)
		}
		return strings.Join(out, ",")
	}
	if got := kinds(claims.ActivityFilter{UserID: eli}); got != "work,commented" {
		t.Errorf("eli's activity = %q", got)
	}
	if got := kinds(claims.ActivityFilter{Kind: "commented"}); got != "commented" {
		t.Errorf("comments = %q", got)
	}
	if err := svc.MarkVisited(ctx, eli, mark); err != nil {
		t.Fatal(err)
	}
	since, _ := svc.LastVisit(ctx, eli)
	if since == nil || !since.Equal(mark) {
		t.Fatalf("last visit = %v, want %v", since, mark)
	}
	if got := kinds(claims.ActivityFilter{Since: since}); got != "work,commented" {
		t.Errorf("since the last visit = %q", got)
	}
	svc.MarkVisited(ctx, eli, mark.Add(-time.Hour))
	if again, _ := svc.LastVisit(ctx, eli); !again.Equal(mark) {
		t.Errorf("the mark moved back to %v", again)
	}
	if _, err := claims.ParseCursor("12-x"); !errors.Is(err, claims.ErrBadCursor) {
		t.Errorf("bad cursor: err = %v", err)
	}
}
