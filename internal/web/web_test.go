package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/db"
	"claimdesk/internal/db/dbtest"
	"claimdesk/internal/web"

	"github.com/PuerkitoBio/goquery"
	"gorm.io/gorm"
)

var ctx = context.Background()

// desk is a server over a fresh database holding one user of each role, one source
// (id 1, official) and one claim (id 1).
type desk struct {
	t       *testing.T
	srv     *web.Server
	store   *db.DB
	gdb     *gorm.DB
	claims  *claims.Service
	auth    *auth.Service
	cookies map[auth.Role]*http.Cookie
}

const password = "correct horse battery"

func newDesk(t *testing.T) *desk {
	t.Helper()
	store := dbtest.Open(t)
	gdb := store.Gorm()
	d := &desk{t: t, store: store, gdb: gdb, claims: claims.NewService(store), auth: auth.NewService(store), cookies: map[auth.Role]*http.Cookie{}}
	for _, r := range []auth.Role{auth.RoleViewer, auth.RoleEditor, auth.RoleFactchecker, auth.RoleAdmin} {
		u, err := d.auth.CreateUser(ctx, auth.NewUser{Email: string(r) + "@desk.test", Name: "The " + string(r), Role: r, Password: password})
		if err != nil {
			t.Fatal(err)
		}
		token, err := d.auth.StartSession(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		d.cookies[r] = &http.Cookie{Name: "claimdesk_session", Value: token}
	}
	centcom := &claims.PartyRecord{Party: claims.Party{Name: "US Central Command", Kind: claims.PartyForces}}
	if err := d.claims.CreateParty(ctx, 1, centcom); err != nil {
		t.Fatal(err)
	}
	if err := d.claims.CreateSource(ctx, 1, &claims.Source{Name: "CENTCOM", Kind: claims.KindOfficial, PartyID: centcom.ID, Relation: claims.RelationVoice}); err != nil {
		t.Fatal(err)
	}
	c := &claims.Claim{Title: "Drones hit the al-Tanf garrison", Place: "al-Tanf", Country: "Syria",
		OccurredOn: time.Date(2023, 10, 19, 0, 0, 0, 0, time.UTC), DatePrecision: "day", AttackType: "drone"}
	if err := d.claims.CreateClaim(ctx, 1, c); err != nil {
		t.Fatal(err)
	}
	d.srv = web.New(web.Config{Claims: d.claims, Auth: d.auth, Logger: slog.New(slog.NewTextHandler(testLog{t}, nil))})
	return d
}

// testLog sends the server's log lines of errors to the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	if strings.Contains(string(p), "level=ERROR") {
		l.t.Log(strings.TrimSpace(string(p)))
	}
	return len(p), nil
}

// do sends a request as role ("" for nobody) and returns the response.
func (d *desk) do(role auth.Role, method, path string, form url.Values, headers ...string) *http.Response {
	d.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	if c, ok := d.cookies[role]; ok {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	d.srv.ServeHTTP(rec, req)
	return rec.Result()
}

func page(t *testing.T, res *http.Response) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func (d *desk) version(id int64) string {
	c, err := d.claims.Claim(ctx, id)
	if err != nil {
		d.t.Fatal(err)
	}
	return strconv.Itoa(c.Version)
}

func (d *desk) revision(id int64) string {
	c, err := d.claims.Claim(ctx, id)
	if err != nil {
		d.t.Fatal(err)
	}
	return strconv.Itoa(c.Revision)
}

func (d *desk) count(table string) int64 {
	var n int64
	d.gdb.Table(table).Count(&n)
	return n
}

// newClaim adds a claim in Syria on 19 Oct 2023 through the service and returns its number.
func (d *desk) newClaim(title, place string) int64 {
	d.t.Helper()
	c := &claims.Claim{Title: title, Place: place, Country: "Syria",
		OccurredOn: time.Date(2023, 10, 19, 0, 0, 0, 0, time.UTC), DatePrecision: "day", AttackType: "drone"}
	if err := d.claims.CreateClaim(ctx, 1, c); err != nil {
		d.t.Fatal(err)
	}
	return c.ID
}

func validClaim() url.Values {
	return url.Values{"title": {"Missile attack on the Conoco gas field"}, "place": {"Conoco gas field"}, "country": {"Syria"},
		"occurred_on": {"2023-10-19"}, "date_precision": {"day"}, "attack_type": {"missile"}}
}

// TestRoleRoutes checks the status every role gets on every route.
func TestRoleRoutes(t *testing.T) {
	type route struct {
		method, path string
		form         func(d *desk) url.Values
	}
	get := func(p string) route { return route{"GET", p, nil} }
	post := func(p string, f func(d *desk) url.Values) route { return route{"POST", p, f} }
	editClaim := func(d *desk) url.Values {
		v := validClaim()
		v.Set("title", "Edited at "+d.version(1))
		v.Set("version", d.version(1))
		return v
	}
	cite := func(*desk) url.Values { return url.Values{"source_id": {"1"}, "stance": {"confirms"}} }
	verdict := func(d *desk) url.Values {
		return url.Values{"verdict": {"disputed"}, "reason": {"Weapon unclear"}, "revision": {d.revision(1)}}
	}
	newSource := func(d *desk) url.Values {
		return url.Values{"name": {"Source " + strconv.FormatInt(d.count("sources"), 10)}, "kind": {"wire"}}
	}
	review := func(d *desk) url.Values {
		c, _ := d.claims.Claim(ctx, 1)
		if len(c.ContestReasons) == 0 {
			ap := &claims.Source{Name: "AP", Kind: claims.KindWire}
			d.claims.CreateSource(ctx, 1, ap)
			for _, n := range []int{2, 3} {
				d.claims.AddCitation(ctx, 1, &claims.Citation{ClaimID: 1, SourceID: ap.ID, Stance: "reports",
					Figures: claims.FigureSet{Launched: claims.FigureValue{Qualifier: claims.QualExactly, N: n}}})
				ap = &claims.Source{Name: "AP " + strconv.Itoa(n), Kind: claims.KindWire}
				d.claims.CreateSource(ctx, 1, ap)
			}
			c, _ = d.claims.Claim(ctx, 1)
		}
		key := ""
		if len(c.ContestReasons) > 0 {
			key = c.ContestReasons[0].Key
		}
		return url.Values{"key": {key}, "note": {"Counted twice"}, "revision": {strconv.Itoa(c.Revision)}}
	}
	citationVersion := func(d *desk) string {
		if cit, err := d.claims.Citation(ctx, 1); err == nil {
			return strconv.Itoa(cit.Version)
		}
		return "1"
	}
	correct := func(d *desk) url.Values {
		return url.Values{"source_id": {"1"}, "stance": {"confirms"}, "quote": {"Corrected " + citationVersion(d)}, "version": {citationVersion(d)}}
	}
	withdraw := func(d *desk) url.Values {
		return url.Values{"reason": {"Cited on the wrong claim"}, "version": {citationVersion(d)}}
	}
	newParty := func(d *desk) url.Values {
		return url.Values{"name": {"Party " + strconv.FormatInt(d.count("parties"), 10)}, "kind": {"armed_group"}}
	}
	editParty := func(d *desk) url.Values {
		p, _ := d.claims.PartyByID(ctx, 1)
		return url.Values{"name": {p.Name}, "kind": {"forces"}, "notes": {"Edited " + strconv.Itoa(p.Version)}, "version": {strconv.Itoa(p.Version)}}
	}
	work := func(d *desk) url.Values {
		return url.Values{"work_status": {"needs_review"}, "assignee_id": {"2"}, "revision": {d.revision(1)}}
	}
	comment := func(*desk) url.Values { return url.Values{"body": {"Looks like a Shahed, @editor"}} }
	seen := func(*desk) url.Values {
		return url.Values{"through": {claims.Cursor{At: time.Now(), ID: 1}.String()}}
	}
	none := func(*desk) url.Values { return url.Values{} }
	merge := func(d *desk) url.Values {
		for d.count("claims") < 2 {
			d.newClaim("Rockets on Conoco", "Conoco gas field")
		}
		into := d.newClaim("Drone on Erbil", "Erbil")
		return url.Values{"into": {strconv.FormatInt(into, 10)}, "revision": {d.revision(2)}, "into_revision": {d.revision(into)}, "reason": {"Same attack"}}
	}
	newUser := func(d *desk) url.Values {
		return url.Values{"email": {fmt.Sprintf("new%d@desk.test", d.count("users"))}, "role": {"viewer"}, "password": {password}}
	}

	// Expected status for: nobody, viewer, editor, factchecker, admin.
	tests := []struct {
		route route
		want  [5]int
	}{
		{get("/healthz"), [5]int{200, 200, 200, 200, 200}},
		{get("/readyz"), [5]int{200, 200, 200, 200, 200}},
		{get("/login"), [5]int{200, 303, 303, 303, 303}},
		{get("/"), [5]int{303, 200, 200, 200, 200}},
		{get("/?type=drone&mine=1&sort=updated&from=2023-01-01"), [5]int{303, 200, 200, 200, 200}},
		{post("/views", func(*desk) url.Values { return url.Values{"name": {"Drones"}, "query": {"type=drone"}} }), [5]int{303, 303, 303, 303, 303}},
		{post("/views/1/delete", none), [5]int{303, 303, 303, 303, 303}},
		{get("/claims/1"), [5]int{303, 200, 200, 200, 200}},
		{get("/claims/new"), [5]int{303, 403, 200, 200, 200}},
		{post("/claims", func(*desk) url.Values { return validClaim() }), [5]int{303, 403, 303, 303, 303}},
		{get("/claims/1/edit"), [5]int{303, 403, 200, 200, 200}},
		{post("/claims/1", editClaim), [5]int{303, 403, 303, 303, 303}},
		{post("/claims/1/citations", cite), [5]int{303, 403, 303, 303, 303}},
		{post("/claims/1/verdict", verdict), [5]int{303, 403, 403, 303, 303}},
		{get("/claims/1/citations"), [5]int{303, 303, 303, 303, 303}},
		{post("/claims/1/reviews", review), [5]int{303, 403, 403, 303, 303}},
		{get("/queue"), [5]int{303, 200, 200, 200, 200}},
		{get("/claims/1/work"), [5]int{303, 303, 303, 303, 303}},
		{post("/claims/1/work", work), [5]int{303, 403, 303, 303, 303}},
		{post("/claims/1/follow", none), [5]int{303, 303, 303, 303, 303}},
		{post("/claims/1/unfollow", none), [5]int{303, 303, 303, 303, 303}},
		{get("/claims/1/comments"), [5]int{303, 303, 303, 303, 303}},
		{post("/claims/1/comments", comment), [5]int{303, 303, 303, 303, 303}},
		{get("/comments/1"), [5]int{303, 303, 303, 303, 303}},
		{post("/comments/1", func(*desk) url.Values { return url.Values{"body": {"Edited"}} }), [5]int{303, 303, 303, 303, 303}},
		{post("/comments/1/remove", none), [5]int{303, 403, 403, 403, 303}},
		{get("/activity"), [5]int{303, 200, 200, 200, 200}},
		{post("/activity/seen", seen), [5]int{303, 303, 303, 303, 303}},
		{get("/notifications"), [5]int{303, 200, 200, 200, 200}},
		{post("/notifications/read", none), [5]int{303, 303, 303, 303, 303}},
		{get("/claims/1/merge"), [5]int{303, 403, 200, 200, 200}},
		{get("/claims/1/merge?into=2"), [5]int{303, 403, 200, 200, 200}},
		{post("/claims/2/merge", merge), [5]int{303, 403, 303, 303, 303}},
		{get("/citations/1/edit"), [5]int{303, 403, 200, 200, 200}},
		{post("/citations/1", correct), [5]int{303, 403, 303, 303, 303}},
		{post("/citations/1/withdraw", withdraw), [5]int{303, 403, 303, 303, 303}},
		{get("/parties"), [5]int{303, 200, 200, 200, 200}},
		{get("/parties/new"), [5]int{303, 403, 200, 200, 200}},
		{post("/parties", newParty), [5]int{303, 403, 303, 303, 303}},
		{get("/parties/1/edit"), [5]int{303, 403, 200, 200, 200}},
		{post("/parties/1", editParty), [5]int{303, 403, 303, 303, 303}},
		{get("/sources"), [5]int{303, 200, 200, 200, 200}},
		{get("/sources/1"), [5]int{303, 200, 200, 200, 200}},
		{get("/sources/new"), [5]int{303, 403, 200, 200, 200}},
		{post("/sources", newSource), [5]int{303, 403, 303, 303, 303}},
		{get("/sources/1/edit"), [5]int{303, 403, 200, 200, 200}},
		{post("/sources/1", func(d *desk) url.Values {
			s, _ := d.claims.Source(ctx, 1)
			return url.Values{"name": {"CENTCOM"}, "kind": {"official"}, "homepage": {"https://www.centcom.mil"}, "version": {strconv.Itoa(s.Version)}}
		}), [5]int{303, 403, 303, 303, 303}},
		{get("/users"), [5]int{303, 403, 403, 403, 200}},
		{post("/users", newUser), [5]int{303, 403, 403, 403, 303}},
		{get("/settings"), [5]int{303, 403, 403, 403, 200}},
		{post("/settings", func(*desk) url.Values { return url.Values{"awaiting_hours": {"36"}} }), [5]int{303, 403, 403, 403, 303}},
		{post("/logout", func(*desk) url.Values { return url.Values{} }), [5]int{303, 303, 303, 303, 303}},
	}
	roles := []auth.Role{"", auth.RoleViewer, auth.RoleEditor, auth.RoleFactchecker, auth.RoleAdmin}
	for i, role := range roles {
		name := string(role)
		if name == "" {
			name = "anonymous"
		}
		t.Run(name, func(t *testing.T) {
			d := newDesk(t)
			for _, tt := range tests {
				var form url.Values
				if tt.route.form != nil {
					form = tt.route.form(d)
				}
				res := d.do(role, tt.route.method, tt.route.path, form)
				if got := res.StatusCode; got != tt.want[i] {
					t.Errorf("%s %s as %s = %d, want %d", tt.route.method, tt.route.path, name, got, tt.want[i])
				}
				if role == "" && res.StatusCode == 303 && tt.route.path != "/logout" && !strings.HasPrefix(res.Header.Get("Location"), "/login") {
					t.Errorf("%s %s as nobody redirects to %q, want the login page", tt.route.method, tt.route.path, res.Header.Get("Location"))
				}
			}
		})
	}
}

func TestCrossSitePostRefused(t *testing.T) {
	d := newDesk(t)
	before := d.count("claims")
	res := d.do(auth.RoleEditor, "POST", "/claims", validClaim(), "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST = %d, want 403", res.StatusCode)
	}
	if got := d.count("claims"); got != before {
		t.Errorf("claims = %d, want %d: a cross-site POST changed the database", got, before)
	}
	res = d.do(auth.RoleEditor, "POST", "/claims", validClaim(), "Sec-Fetch-Site", "same-origin")
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("same-origin POST = %d, want 303", res.StatusCode)
	}
}

func TestBadInput(t *testing.T) {
	long := strings.Repeat("x", 201)
	tests := []struct {
		name, path string
		form       url.Values
		field      string // data-testid error-<field> must show
		table      string // must not grow
	}{
		{"ClaimTitleMissing", "/claims", url.Values{"title": {""}, "place": {"al-Tanf"}, "occurred_on": {"2023-10-19"}, "date_precision": {"day"}, "attack_type": {"drone"}}, "title", "claims"},
		{"ClaimTitleTooLong", "/claims", url.Values{"title": {long}, "occurred_on": {"2023-10-19"}, "date_precision": {"day"}, "attack_type": {"drone"}}, "title", "claims"},
		{"ClaimBadAttackType", "/claims", url.Values{"title": {"x"}, "place": {"al-Tanf"}, "occurred_on": {"2023-10-19"}, "date_precision": {"day"}, "attack_type": {"laser"}}, "attack_type", "claims"},
		{"ClaimBadDate", "/claims", url.Values{"title": {"x"}, "place": {"al-Tanf"}, "occurred_on": {"19/10/2023"}, "date_precision": {"day"}, "attack_type": {"drone"}}, "occurred_on", "claims"},
		{"ClaimBadLatitude", "/claims", url.Values{"title": {"x"}, "place": {"al-Tanf"}, "latitude": {"north"}, "longitude": {"38"}, "occurred_on": {"2023-10-19"}, "date_precision": {"day"}, "attack_type": {"drone"}}, "latitude", "claims"},
		{"CitationBadURL", "/claims/1/citations", url.Values{"source_id": {"1"}, "stance": {"confirms"}, "url": {"javascript:alert(1)"}, "quote": {"said so"}}, "url", "citations"},
		{"CitationBadStance", "/claims/1/citations", url.Values{"source_id": {"1"}, "stance": {"likes"}, "quote": {"said so"}}, "stance", "citations"},
		{"CitationUnknownSource", "/claims/1/citations", url.Values{"source_id": {"99"}, "stance": {"reports"}, "quote": {"said so"}}, "source_id", "citations"},
		{"CitationNegativeFigure", "/claims/1/citations", url.Values{"source_id": {"1"}, "stance": {"reports"}, "launched": {"-2"}, "quote": {"said so"}}, "launched", "citations"},
		{"VerdictNoReason", "/claims/1/verdict", url.Values{"verdict": {"disputed"}, "reason": {" "}, "revision": {"1"}}, "reason", "verdict_changes"},
		{"VerdictConfirmedWithoutCitation", "/claims/1/verdict", url.Values{"verdict": {"confirmed"}, "reason": {"Seen it myself"}, "revision": {"1"}}, "verdict", "verdict_changes"},
		{"VerdictUnknown", "/claims/1/verdict", url.Values{"verdict": {"maybe"}, "reason": {"hm, who knows"}, "revision": {"1"}}, "verdict", "verdict_changes"},
		{"SourceDuplicateName", "/sources", url.Values{"name": {"centcom"}, "kind": {"official"}, "affiliation": {"US military"}}, "name", "sources"},
		{"SourceBadKind", "/sources", url.Values{"name": {"Reuters"}, "kind": {"blog"}, "affiliation": {"wire"}}, "kind", "sources"},
		{"SourceBadHomepage", "/sources", url.Values{"name": {"Reuters"}, "kind": {"wire"}, "homepage": {"ftp://reuters"}}, "homepage", "sources"},
		{"UserBadRole", "/users", url.Values{"email": {"x@desk.test"}, "name": {"X"}, "role": {"root"}, "password": {password}}, "role", "users"},
		{"UserShortPassword", "/users", url.Values{"email": {"x@desk.test"}, "name": {"X"}, "role": {"viewer"}, "password": {"short"}}, "password", "users"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDesk(t)
			before := d.count(tt.table)
			res := d.do(auth.RoleAdmin, "POST", tt.path, tt.form)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status = %d, want 422", res.StatusCode)
			}
			doc := page(t, res)
			if msg := doc.Find(`[data-testid="error-` + tt.field + `"]`).Text(); msg == "" {
				t.Errorf("no message beside field %q", tt.field)
			}
			// What the user typed is still there (passwords excepted).
			for k, vs := range tt.form {
				if k == "password" || k == "version" || vs[0] == "" || strings.TrimSpace(vs[0]) == "" {
					continue
				}
				sel := doc.Find(`[name="` + k + `"]`)
				got, _ := sel.Attr("value")
				if goquery.NodeName(sel) == "textarea" {
					got = sel.Text()
				}
				if goquery.NodeName(sel) == "select" {
					got, _ = sel.Find("option[selected]").Attr("value")
					if k == "attack_type" || k == "stance" || k == "kind" || k == "role" || k == "verdict" || k == "source_id" {
						// An invalid choice cannot be shown selected; the field's message says so.
						continue
					}
				}
				if got != vs[0] {
					t.Errorf("field %s shows %q, want the typed %q", k, got, vs[0])
				}
			}
			if strings.Contains(doc.Text(), "SQL") || strings.Contains(doc.Text(), "goroutine") {
				t.Error("page leaks internals")
			}
			if got := d.count(tt.table); got != before {
				t.Errorf("%s rows = %d, want %d", tt.table, got, before)
			}
		})
	}
}

func TestEditConflict(t *testing.T) {
	d := newDesk(t)
	// Two editors open the edit form at version 1.
	first, second := validClaim(), validClaim()
	first.Set("version", "1")
	first.Set("title", "Drones hit al-Tanf, one intercepted")
	second.Set("version", "1")
	second.Set("title", "Three drones hit al-Tanf")
	if res := d.do(auth.RoleEditor, "POST", "/claims/1", first); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save = %d", res.StatusCode)
	}
	res := d.do(auth.RoleFactchecker, "POST", "/claims/1", second)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("second save = %d, want 409", res.StatusCode)
	}
	doc := page(t, res)
	saved := doc.Find(`[data-testid="saved-value"]`).First().Text()
	mine := doc.Find(`[data-testid="mine-value"]`).First().Text()
	if saved != "Drones hit al-Tanf, one intercepted" || mine != "Three drones hit al-Tanf" {
		t.Errorf("conflict page shows saved %q, mine %q", saved, mine)
	}
	if v, _ := doc.Find(`input[name="version"]`).Attr("value"); v != "2" {
		t.Errorf("resubmit form carries version %q, want 2", v)
	}
	c, _ := d.claims.Claim(ctx, 1)
	if c.Title != "Drones hit al-Tanf, one intercepted" {
		t.Errorf("stored title = %q: the first save was overwritten", c.Title)
	}
}

func TestVerdictConflict(t *testing.T) {
	d := newDesk(t)
	stale := url.Values{"verdict": {"false"}, "reason": {"No trace of it"}, "revision": {"1"}}
	d.do(auth.RoleEditor, "POST", "/claims/1/citations", url.Values{"source_id": {"1"}, "stance": {"denies"}})
	res := d.do(auth.RoleFactchecker, "POST", "/claims/1/verdict", stale)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("verdict on a stale page = %d, want 409", res.StatusCode)
	}
	doc := page(t, res)
	if doc.Find(`[data-testid="notice"]`).Text() == "" || doc.Find(`textarea[name="reason"]`).Text() != "No trace of it" {
		t.Error("409 page lacks the notice or lost the reason")
	}
	if n := d.count("verdict_changes"); n != 0 {
		t.Errorf("verdict changes = %d, want 0", n)
	}
}

func TestClaimPage(t *testing.T) {
	d := newDesk(t)
	d.claims.CreateSource(ctx, 1, &claims.Source{Name: "Al Mayadeen", Kind: claims.KindAffiliated})
	d.do(auth.RoleEditor, "POST", "/claims/1/citations", url.Values{"source_id": {"1"}, "stance": {"confirms"}, "launched": {"2"}, "intercepted": {"1"}, "attribution": {"an anonymous US official"}})
	d.do(auth.RoleEditor, "POST", "/claims/1/citations", url.Values{"source_id": {"2"}, "stance": {"reports"}, "launched": {"3"}, "url": {"https://example.org/report"}})
	res := d.do(auth.RoleFactchecker, "POST", "/claims/1/verdict", url.Values{"verdict": {"confirmed"}, "reason": {"CENTCOM statement"}, "revision": {d.revision(1)}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/claims/1" {
		t.Fatalf("verdict = %d to %q", res.StatusCode, res.Header.Get("Location"))
	}

	t.Run("Factchecker", func(t *testing.T) {
		doc := page(t, d.do(auth.RoleFactchecker, "GET", "/claims/1", nil))
		if got := doc.Find(`[data-testid="verdict"]`).Text(); got != "Confirmed" {
			t.Errorf("verdict = %q", got)
		}
		if got := doc.Find(`[data-testid="stance-confirms"] [data-testid="citation"]`).Length(); got != 1 {
			t.Errorf("confirming citations = %d", got)
		}
		if got := doc.Find(`[data-testid="figure-differs"]`).Text(); got != "2 ⚠3 ⚠" {
			t.Errorf("differing figures = %q, want launched 2 and 3 marked", got)
		}
		if got := doc.Find(`[data-testid="contested-reasons"]`).Text(); !strings.Contains(got, "2 (CENTCOM) vs 3 (Al Mayadeen)") {
			t.Errorf("contested reasons = %q", got)
		}
		if got := doc.Find(`[data-testid="verdict-history"] li`).Text(); !strings.Contains(got, "Unverified → Confirmed") || !strings.Contains(got, "CENTCOM statement") || !strings.Contains(got, "The factchecker") {
			t.Errorf("history = %q", got)
		}
		if doc.Find(`[data-testid="verdict-form"]`).Length() != 1 || doc.Find(`[data-testid="citation-form"]`).Length() != 1 {
			t.Error("fact-checker should see the verdict and citation forms")
		}
	})
	t.Run("ViewerSeesNoForms", func(t *testing.T) {
		doc := page(t, d.do(auth.RoleViewer, "GET", "/claims/1", nil))
		// A viewer may join the discussion and follow the claim, nothing more.
		if doc.Find(`form[data-testid]:not([data-testid="comment-form"]):not([data-testid$="follow-form"])`).Length() != 0 {
			t.Error("a viewer sees an editing form")
		}
		if doc.Find(`[data-testid="comment-form"]`).Length() != 1 || doc.Find(`[data-testid$="follow-form"]`).Length() != 1 {
			t.Error("a viewer sees no comment box or follow toggle")
		}
	})
	t.Run("EditorSeesNoVerdictForm", func(t *testing.T) {
		doc := page(t, d.do(auth.RoleEditor, "GET", "/claims/1", nil))
		if doc.Find(`[data-testid="verdict-form"]`).Length() != 0 || doc.Find(`[data-testid="citation-form"]`).Length() != 1 {
			t.Error("editor's forms are wrong")
		}
	})
}

func TestDashboard(t *testing.T) {
	d := newDesk(t)
	d.do(auth.RoleEditor, "POST", "/claims", validClaim())
	d.do(auth.RoleEditor, "POST", "/claims/1/citations", url.Values{"source_id": {"1"}, "stance": {"confirms"}})
	tests := []struct {
		query  string
		titles []string
	}{
		{"/", []string{"Missile attack on the Conoco gas field", "Drones hit the al-Tanf garrison"}}, // same day: newest entry first
		{"/?bucket=officially-confirmed", []string{"Drones hit the al-Tanf garrison"}},
		{"/?bucket=unverified&source=1", []string{"Drones hit the al-Tanf garrison"}},
		{"/?bucket=contested", nil},
		{"/?country=Iraq", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := d.do(auth.RoleViewer, "GET", tt.query, nil)
			if res.StatusCode != 200 {
				t.Fatalf("status %d", res.StatusCode)
			}
			doc := page(t, res)
			var got []string
			doc.Find(`[data-testid="claim-row"] td:first-child a`).Each(func(_ int, s *goquery.Selection) { got = append(got, s.Text()) })
			if strings.Join(got, "|") != strings.Join(tt.titles, "|") {
				t.Errorf("claims = %q, want %q", got, tt.titles)
			}
		})
	}
	doc := page(t, d.do(auth.RoleViewer, "GET", "/", nil))
	if got := doc.Find(`[data-testid="count-officially-confirmed"] strong`).Text(); got != "1" {
		t.Errorf("officially confirmed count = %q", got)
	}
	if got := doc.Find(`[data-testid="badge-official"]`).Length(); got != 1 {
		t.Errorf("official badges = %d", got)
	}
	for _, bad := range []string{"/?bucket=maybe", "/?page=0", "/?page=x", "/?source=abc"} {
		if res := d.do(auth.RoleViewer, "GET", bad, nil); res.StatusCode != http.StatusBadRequest {
			t.Errorf("GET %s = %d, want 400", bad, res.StatusCode)
		}
	}
}

func TestLogin(t *testing.T) {
	d := newDesk(t)
	t.Run("WrongPassword", func(t *testing.T) {
		res := d.do("", "POST", "/login", url.Values{"email": {"editor@desk.test"}, "password": {"nope"}})
		if res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("status %d, want 401", res.StatusCode)
		}
		doc := page(t, res)
		if doc.Find(`[data-testid="login-error"]`).Text() == "" {
			t.Error("no message")
		}
		if v, _ := doc.Find(`input[name="email"]`).Attr("value"); v != "editor@desk.test" {
			t.Errorf("email not kept: %q", v)
		}
	})
	t.Run("OKRenewsTokenAndRedirectsLocally", func(t *testing.T) {
		res := d.do("", "POST", "/login", url.Values{"email": {"Editor@desk.test"}, "password": {password}, "next": {"//evil.example/"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
			t.Fatalf("login = %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		var session *http.Cookie
		for _, c := range res.Cookies() {
			if c.Name == "claimdesk_session" {
				session = c
			}
		}
		if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Value == d.cookies[auth.RoleEditor].Value {
			t.Fatalf("session cookie = %+v", session)
		}
		// Log out ends the session on the server.
		d.cookies["loggedin"] = session
		if res := d.do("loggedin", "GET", "/", nil); res.StatusCode != 200 {
			t.Fatalf("with new session: %d", res.StatusCode)
		}
		d.do("loggedin", "POST", "/logout", url.Values{})
		if res := d.do("loggedin", "GET", "/", nil); res.StatusCode != http.StatusSeeOther {
			t.Errorf("after logout = %d, want 303 to login", res.StatusCode)
		}
	})
	t.Run("RateLimited", func(t *testing.T) {
		var last int
		for range 15 {
			last = d.do("", "POST", "/login", url.Values{"email": {"editor@desk.test"}, "password": {"guess"}}).StatusCode
		}
		if last != http.StatusTooManyRequests {
			t.Errorf("15th quick login attempt = %d, want 429", last)
		}
	})
}

func TestHeadersAndLimits(t *testing.T) {
	d := newDesk(t)
	res := d.do(auth.RoleViewer, "GET", "/", nil)
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP = %q", csp)
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("X-Frame-Options") != "DENY" {
		t.Error("missing nosniff or frame headers")
	}
	big := validClaim()
	big.Set("summary", strings.Repeat("a", 2<<20))
	before := d.count("claims")
	if res := d.do(auth.RoleEditor, "POST", "/claims", big); res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MB form = %d, want 413", res.StatusCode)
	}
	if d.count("claims") != before {
		t.Error("an oversized form changed the database")
	}
	res = d.do(auth.RoleViewer, "GET", "/claims/12345", nil)
	if res.StatusCode != 404 || !strings.Contains(page(t, res).Find("h1").Text(), "Not found") {
		t.Errorf("missing claim = %d", res.StatusCode)
	}
	res = d.do(auth.RoleViewer, "GET", "/static/style.css", nil)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Errorf("stylesheet = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

func TestEscapesUserText(t *testing.T) {
	d := newDesk(t)
	v := validClaim()
	v.Set("title", `<script>alert("x")</script>`)
	res := d.do(auth.RoleEditor, "POST", "/claims", v)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create = %d", res.StatusCode)
	}
	body, _ := io.ReadAll(d.do(auth.RoleViewer, "GET", "/", nil).Body)
	if strings.Contains(string(body), `<script>alert`) {
		t.Error("claim title rendered unescaped")
	}
}

func TestServerErrorPage(t *testing.T) {
	d := newDesk(t)
	d.gdb.Exec("DROP TABLE claim_counts") // the dashboard can no longer be built
	res := d.do(auth.RoleViewer, "GET", "/", nil)
	if res.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500", res.StatusCode)
	}
	doc := page(t, res)
	if got := doc.Find("h1").Text(); got != "Something went wrong" {
		t.Errorf("heading = %q", got)
	}
	if doc.Find("header.top nav").Length() != 1 {
		t.Error("500 page is not in the app's layout")
	}
	if body := doc.Text(); strings.Contains(body, "claim_counts") || strings.Contains(body, "no such table") {
		t.Error("500 page leaks the database error")
	}
}

func TestSourceEditConflict(t *testing.T) {
	d := newDesk(t)
	first := url.Values{"name": {"CENTCOM"}, "kind": {"official"}, "affiliation": {"US Central Command"}, "version": {"1"}}
	second := url.Values{"name": {"CENTCOM"}, "kind": {"other"}, "version": {"1"}}
	if res := d.do(auth.RoleEditor, "POST", "/sources/1", first); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save = %d", res.StatusCode)
	}
	res := d.do(auth.RoleAdmin, "POST", "/sources/1", second)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("second save = %d, want 409", res.StatusCode)
	}
	doc := page(t, res)
	if got := doc.Find(`[data-testid="conflict"]`).Text(); !strings.Contains(got, "The editor saved a newer version") {
		t.Errorf("conflict notice = %q, want who saved", got)
	}
	kind := doc.Find(`[data-testid="compare"] tr`).FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find("th").Text() == "Kind" })
	if saved, mine := kind.Find(`[data-testid="saved-value"]`).Text(), kind.Find(`[data-testid="mine-value"]`).Text(); saved != "Official (government or military)" || mine != "Other" {
		t.Errorf("kind row shows saved %q, mine %q; want labels", saved, mine)
	}
	if s, _ := d.claims.Source(ctx, 1); s.Kind != claims.KindOfficial {
		t.Errorf("kind = %q: the first save was overwritten", s.Kind)
	}
}

// TestProxyRewritesHost: behind a proxy that sends its own Host (nginx's $host drops
// the port; a default proxy_pass sends the upstream's name), a form posted from the
// desk's configured origin by a browser that sends no Sec-Fetch-Site is still
// accepted, and other origins are still refused.
func TestProxyRewritesHost(t *testing.T) {
	d, _ := newDeskWith(t, func(c *web.Config) { c.Origin = "https://desk.example.org:8443" })
	plain := newDesk(t)
	for _, tc := range []struct {
		name   string
		d      *desk
		origin string
		want   int
	}{
		{"ConfiguredOrigin", d, "https://desk.example.org:8443", http.StatusSeeOther},
		{"OtherSite", d, "https://evil.example", http.StatusForbidden},
		{"OtherPort", d, "https://desk.example.org:9443", http.StatusForbidden},
		{"NoOriginConfigured", plain, "https://desk.example.org:8443", http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := tc.d.count("claims")
			res := tc.d.do(auth.RoleEditor, "POST", "/claims", validClaim(), "Origin", tc.origin)
			if res.StatusCode != tc.want {
				t.Errorf("POST from %s with Host %s = %d, want %d", tc.origin, "example.com", res.StatusCode, tc.want)
			}
			if grew := tc.d.count("claims") - before; (grew == 1) != (tc.want == http.StatusSeeOther) {
				t.Errorf("claims grew by %d", grew)
			}
		})
	}
}
