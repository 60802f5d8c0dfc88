package main

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/db"
	"claimdesk/internal/db/dbtest"
)

// stepTimeout bounds one step of a browser test, so a missing element fails the test
// with the page it was on instead of hanging until the test's deadline.
const stepTimeout = 5 * time.Second

// tab is one Chromium tab driven the way a person uses the desk.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu      sync.Mutex
	console []string // errors the page logged: CSP violations, script errors
}

// newTab starts Debian's Chromium headless with a profile of its own, and returns a tab
// for the app at base. The browser is closed when the test ends.
func newTab(t *testing.T, base string) *tab {
	t.Helper()
	path, err := exec.LookPath("/usr/bin/chromium")
	if err != nil {
		if path, err = exec.LookPath("chromium"); err != nil {
			t.Fatal("no chromium on this machine: run `apt-get install -y chromium` (.ci/run installs it)")
		}
	}
	profile := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	// The deadline is the whole test's: the first Run ties the browser to this context.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	// Cleanups run last-in first-out: the browser exits before its profile is removed.
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancel()
	})
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	tb := &tab{t: t, ctx: tabCtx, base: base}
	messages := chromedp.Console(tabCtx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			// The desk serves no favicon; the browser's 404 for it is no page error.
			if strings.HasSuffix(m.URL, "/favicon.ico") {
				continue
			}
			if m.IsException() || m.Type == chromedp.ConsoleError {
				tb.mu.Lock()
				tb.console = append(tb.console, m.String()+" ("+m.URL+")")
				tb.mu.Unlock()
			}
		}
	}()
	t.Cleanup(tb.checkConsole)
	return tb
}

// checkConsole fails the test if the pages logged errors, such as a blocked script.
func (tb *tab) checkConsole() {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, m := range tb.console {
		tb.t.Errorf("browser console: %s", m)
	}
}

// fail stops the test with what the browser shows, so the failure can be understood
// without running it again.
func (tb *tab) fail(what string, err error) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	tb.t.Fatalf("%s: %v\npage %s shows:\n%s", what, err, loc, text)
}

// do runs steps that return nothing.
func (tb *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.fail(what, err)
	}
}

// load runs steps that lead to a new page, such as a click on a link or a submit
// button, waits for it, and checks it answered 200 at an address matching path, a
// regular expression for the path and query.
func (tb *tab) load(what, path string, steps ...chromedp.Action[chromedp.Void]) string {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	res, err := chromedp.RunResponse(ctx, steps...)
	if err != nil {
		tb.fail(what, err)
	}
	got := strings.TrimPrefix(res.URL, tb.base)
	if res.Status != http.StatusOK {
		tb.fail(what, fmt.Errorf("%s answered %d", got, res.Status))
	}
	if !regexp.MustCompile(`^` + path + `$`).MatchString(got) {
		tb.fail(what, fmt.Errorf("landed on %s, want %s", got, path))
	}
	return got
}

// value runs an action that returns a value.
func value[T any](tb *tab, what string, a chromedp.Action[T]) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		tb.fail(what, err)
	}
	return v
}

// text is the visible text of the element a person sees at a data-testid.
func (tb *tab) text(testid string) string {
	tb.t.Helper()
	return strings.TrimSpace(value(tb, "read "+testid, chromedp.Text(byTestID(testid))))
}

// count reads the number on a dashboard count link, such as "2 Officially confirmed".
func (tb *tab) count(bucket string) int {
	tb.t.Helper()
	text := tb.text("count-" + bucket)
	n, err := strconv.Atoi(strings.Fields(text + " x")[0])
	if err != nil {
		tb.t.Fatalf("count of %s is not a number: %q", bucket, text)
	}
	return n
}

func byTestID(id string) chromedp.CSS { return chromedp.CSS(`[data-testid="` + id + `"]`) }

// field selects a form's control by its name, or with name "" its submit button. The
// form is the one with data-testid form, or "login" for the login form.
func field(form, name string) chromedp.CSS {
	sel := `[data-testid="` + form + `"]`
	if form == "login" {
		sel = `form[action="/login"]`
	}
	if name == "" {
		return chromedp.CSS(sel + ` button[type=submit]`)
	}
	return chromedp.CSS(sel + ` [name="` + name + `"]`)
}

// logIn opens the desk, is sent to the login form, and logs in with it.
func (tb *tab) logIn(email, password, name string) {
	tb.t.Helper()
	tb.load("open the desk", `/login\?next=%2F`, chromedp.Navigate(tb.base+"/"))
	tb.load("log in as "+email, "/",
		chromedp.SendKeys(field("login", "email"), email),
		chromedp.SendKeys(field("login", "password"), password),
		chromedp.Click(field("login", "")),
	)
	if got, want := tb.text("flash"), "Welcome, "+name+"."; got != want {
		tb.t.Errorf("flash after login: got %q, want %q", got, want)
	}
}

// claimRow is one row of the dashboard's claim table, as a person reads it.
type claimRow struct {
	Title   string   `json:"title"`
	Badges  []string `json:"badges"`
	Country string   `json:"country"`
}

func (tb *tab) claimRows() []claimRow {
	tb.t.Helper()
	return value(tb, "read the claims table", chromedp.Evaluate[[]claimRow](`Array.from(
		document.querySelectorAll('[data-testid="claim-row"]'),
		r => ({
			title: r.querySelector('td a').innerText,
			badges: Array.from(r.querySelectorAll('.badge'), b => b.innerText),
			country: r.querySelector('[data-testid="claim-country"]')?.innerText ?? '',
		}))`))
}

func findRow(rows []claimRow, title string) (claimRow, bool) {
	i := slices.IndexFunc(rows, func(r claimRow) bool { return r.Title == title })
	if i < 0 {
		return claimRow{}, false
	}
	return rows[i], true
}

// optionValue finds the value of the option of a select whose label starts with label.
func (tb *tab) optionValue(sel chromedp.CSS, label string) string {
	tb.t.Helper()
	opts := value(tb, "read the options of "+string(sel), chromedp.Evaluate[[][2]string](
		`Array.from(document.querySelectorAll('`+string(sel)+` option'), o => [o.value, o.innerText])`))
	for _, o := range opts {
		if strings.HasPrefix(o[1], label) {
			return o[0]
		}
	}
	tb.t.Fatalf("no option %q in %s; options: %q", label, sel, opts)
	return ""
}

func startDemo(t *testing.T) *app {
	t.Helper()
	return startApp(t, map[string]string{"CLAIMDESK_DEMO_PASSWORD": demoPassword}, demoArgs(dbtest.DSN(t))...)
}

// TestBrowserFactcheckerConfirmsClaim: a fact-checker adds a claim, cites an official
// source confirming it, confirms it, and finds it among the officially confirmed.
func TestBrowserFactcheckerConfirmsClaim(t *testing.T) {
	a := startDemo(t)
	tb := newTab(t, a.URL)
	tb.logIn("factchecker@demo.test", demoPassword, "Farah Factchecker")
	if got, want := tb.text("whoami"), "Farah Factchecker (factchecker)"; got != want {
		t.Errorf("whoami: got %q, want %q", got, want)
	}
	confirmedBefore := tb.count("officially-confirmed")

	const title = "Drones shot down near Erbil airport"
	tb.load("open the new claim form", "/claims/new", chromedp.Click(chromedp.CSS(`nav a[href="/claims/new"]`)))
	tb.do("fill in the claim",
		chromedp.SendKeys(field("claim-form", "title"), title),
		chromedp.SendKeys(field("claim-form", "place"), "Erbil international airport"),
		chromedp.SendKeys(field("claim-form", "country"), "Iraq"),
		chromedp.SetValue(field("claim-form", "occurred_on"), "2023-10-26"),
		chromedp.SetValue(field("claim-form", "attack_type"), "drone"),
	)
	claimPath := tb.load("save the claim", `/claims/\d+`, chromedp.Click(field("claim-form", "")))
	if got, want := tb.text("flash"), "Claim created. Now cite its sources."; got != want {
		t.Errorf("flash after creating the claim: got %q, want %q", got, want)
	}
	if got := tb.text("claim-title"); got != title {
		t.Errorf("claim page title: got %q, want %q", got, title)
	}
	if got, want := tb.text("verdict"), "Unverified"; got != want {
		t.Errorf("verdict of a new claim: got %q, want %q", got, want)
	}

	tb.do("cite CENTCOM confirming",
		chromedp.SetValue(field("citation-form", "source_id"), tb.optionValue(field("citation-form", "source_id"), "CENTCOM (")),
		chromedp.SetValue(field("citation-form", "stance"), "confirms"),
		chromedp.SendKeys(field("citation-form", "quote"), "Coalition forces engaged two drones near Erbil."),
		chromedp.SendKeys(field("citation-form", "launched"), "2"),
	)
	tb.load("add the citation", claimPath, chromedp.Click(field("citation-form", "")))
	if got, want := tb.text("flash"), "Citation added: CENTCOM Confirms."; got != want {
		t.Errorf("flash after citing: got %q, want %q", got, want)
	}
	if got := tb.text("stance-confirms"); !strings.Contains(got, "CENTCOM") || !strings.Contains(got, "Coalition forces engaged two drones") {
		t.Errorf("the confirms section does not show CENTCOM's quote: %q", got)
	}
	if got := tb.text("evidence"); !strings.Contains(got, "Confirmed by a neutral official: CENTCOM") {
		t.Errorf("evidence panel does not say CENTCOM confirms it: %q", got)
	}

	const reason = "CENTCOM confirmed on the record that its forces engaged the drones."
	tb.do("give the verdict",
		chromedp.SetValue(field("verdict-form", "verdict"), "confirmed"),
		chromedp.SendKeys(field("verdict-form", "reason"), reason),
	)
	tb.load("save the verdict", claimPath, chromedp.Click(field("verdict-form", "")))
	if got, want := tb.text("flash"), "Verdict set: Confirmed."; got != want {
		t.Errorf("flash after the verdict: got %q, want %q", got, want)
	}
	if got, want := tb.text("verdict"), "Confirmed"; got != want {
		t.Errorf("verdict: got %q, want %q", got, want)
	}
	if got := tb.text("verdict-history"); !strings.Contains(got, "Unverified → Confirmed") || !strings.Contains(got, reason) {
		t.Errorf("verdict history lacks the change and its reason: %q", got)
	}

	tb.load("open the dashboard", "/", chromedp.Click(chromedp.CSS(`nav a[href="/"]`)))
	if got, want := tb.count("officially-confirmed"), confirmedBefore+1; got != want {
		t.Errorf("officially confirmed count: got %d, want %d", got, want)
	}
	tb.load("open the officially confirmed bucket", `/\?bucket=officially-confirmed`, chromedp.Click(byTestID("count-officially-confirmed")))
	rows := tb.claimRows()
	row, ok := findRow(rows, title)
	if !ok {
		t.Fatalf("the officially confirmed bucket does not list %q; it lists %+v", title, rows)
	}
	if !slices.Contains(row.Badges, "Officially confirmed") {
		t.Errorf("%q has badges %q, want \"Officially confirmed\"", title, row.Badges)
	}
	for _, r := range rows {
		if !slices.Contains(r.Badges, "Officially confirmed") {
			t.Errorf("%q is in the officially confirmed bucket without the badge", r.Title)
		}
	}
}

// pinThreeDrones corrects Al Mayadeen's citation on the al-Tanf claim of the demo
// database at dbPath, as an editor who read the channel's three drones as Thursday's
// would: they become its launched figure, against the two of the US official speaking
// to the AP. The demo data leaves them unpinned (the report does not say which attack
// they were), so this is what opens a disagreement for a viewer to find.
func pinThreeDrones(t *testing.T, dbPath string) {
	t.Helper()
	ctx := t.Context()
	d, err := db.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	editor, err := auth.NewService(d).UserByEmail(ctx, "editor@demo.test")
	if err != nil {
		t.Fatal(err)
	}
	var claimID int64
	if err := d.Read(ctx).Model(&claims.Claim{}).Where("title = ?", "Drone attack on the al-Tanf garrison in Syria").Pluck("id", &claimID).Error; err != nil || claimID == 0 {
		t.Fatalf("no al-Tanf claim in the demo: %v", err)
	}
	cs := claims.NewService(d)
	detail, err := cs.Detail(ctx, claimID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range detail.Citations {
		if c.Source.Name != "Al Mayadeen" {
			continue
		}
		c.Figures.Launched = claims.FigureValue{Qualifier: claims.QualExactly, N: 3}
		if err := cs.UpdateCitation(ctx, editor.ID, &c, "The channel's three drones read as Thursday's."); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("the al-Tanf claim does not cite Al Mayadeen")
}

// TestBrowserContestedFigures: once an editor has pinned Al Mayadeen's three drones on
// the al-Tanf attack, a viewer narrows the dashboard to Syria, opens the contested
// bucket and sees that the sources disagree on the number of drones.
func TestBrowserContestedFigures(t *testing.T) {
	dbPath := dbtest.DSN(t)
	a := startApp(t, map[string]string{"CLAIMDESK_DEMO_PASSWORD": demoPassword}, demoArgs(dbPath)...)
	pinThreeDrones(t, dbPath)
	tb := newTab(t, a.URL)
	tb.logIn("viewer@demo.test", demoPassword, "Vic Viewer")

	// The filter form swaps the table in place with htmx when a choice changes.
	// The mark on the old table tells when the new one has replaced it.
	tb.do("choose Syria in the country filter",
		chromedp.SetAttributeValue(byTestID("claims"), "data-stale", "1"),
		chromedp.SendKeys(chromedp.CSS(`form.filters select[name="country"]`), "Syria"),
		chromedp.Poll[chromedp.Void](`!document.querySelector('[data-testid="claims"][data-stale]') && location.search.includes("country=Syria")`),
	)
	rows := tb.claimRows()
	if len(rows) == 0 {
		t.Fatal("no claims in Syria after filtering; the demo has some")
	}
	for _, r := range rows {
		if r.Country != "Syria" {
			t.Errorf("filtered to Syria, the dashboard lists %q in %q", r.Title, r.Country)
		}
	}

	const title = "Drone attack on the al-Tanf garrison in Syria"
	tb.load("open the contested bucket", `/\?bucket=contested(&.*)?`, chromedp.Click(byTestID("count-contested")))
	row, ok := findRow(tb.claimRows(), title)
	if !ok || !slices.Contains(row.Badges, "Contested") {
		t.Fatalf("the contested bucket does not list %q as contested: %+v", title, row)
	}
	tb.load("open the al-Tanf claim", `/claims/\d+`,
		chromedp.Click(chromedp.Search(`//tr[@data-testid="claim-row"]//a[normalize-space()="`+title+`"]`)))
	if got := tb.text("claim-title"); got != title {
		t.Errorf("claim page title: got %q, want %q", got, title)
	}
	figures := value(tb, "read the figures table", chromedp.Evaluate[[][]string](`Array.from(
		document.querySelectorAll('[data-testid="figures"] tbody tr'),
		r => Array.from(r.cells, c => c.innerText.trim()))`))
	want := map[string]string{"The Associated Press": "2 ⚠", "Al Mayadeen": "3 ⚠"}
	for _, r := range figures {
		if w, ok := want[r[0]]; ok {
			if len(r) < 3 || r[2] != w {
				t.Errorf("%s's launched figure: got row %q, want %q marked as differing", r[0], r, w)
			}
			delete(want, r[0])
		}
	}
	if len(want) > 0 {
		t.Errorf("figures table lacks rows for %v; it shows %q", want, figures)
	}
	differs := value(tb, "read the differing figures", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('[data-testid="figure-differs"]'), c => c.innerText.trim())`))
	if got, want := differs, []string{"2 ⚠", "3 ⚠"}; !slices.Equal(got, want) {
		t.Errorf("figures marked as differing: got %q, want %q", got, want)
	}
	if got := tb.text("evidence"); !strings.Contains(got, "Contested") {
		t.Errorf("evidence panel does not say the claim is contested: %q", got)
	}
	if got := tb.text("contested-reasons"); got == "" {
		t.Errorf("no reason given for the contested badge")
	}
	forms := value(tb, "count the forms", chromedp.Evaluate[int](
		`document.querySelectorAll('[data-testid="citation-form"], [data-testid="verdict-form"]').length`))
	if forms != 0 {
		t.Errorf("a viewer sees %d citation or verdict forms, want none", forms)
	}
}

// TestBrowserDashboardScreenshot takes a picture of the demo dashboard as an editor sees
// it. With CLAIMDESK_UPDATE_SCREENSHOT=1 it also updates docs/dashboard.png.
func TestBrowserDashboardScreenshot(t *testing.T) {
	a := startDemo(t)
	tb := newTab(t, a.URL)
	tb.logIn("editor@demo.test", demoPassword, "Eli Editor")
	tb.do("set the window size", chromedp.EmulateViewport(1280, 900))
	tb.load("reload the dashboard without the welcome message", "/", chromedp.Navigate(a.URL+"/"))
	shot := value(tb, "take a screenshot", chromedp.CaptureScreenshot())
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if got := img.Bounds().Size(); got.X != 1280 || got.Y != 900 {
		t.Errorf("screenshot is %v, want 1280x900", got)
	}
	if err := os.WriteFile(filepath.Join(t.TempDir(), "dashboard.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("CLAIMDESK_UPDATE_SCREENSHOT") == "1" {
		docs := filepath.Join("..", "..", "docs")
		if err := os.MkdirAll(docs, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(docs, "dashboard.png"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("updated docs/dashboard.png")
	}
}

// phoneCheckJS measures, in a window %d px wide, what a person on a phone would notice:
// a page wider than the screen, and header controls that are hidden, off screen or
// illegible. The effective background of an element is the first ancestor's that both
// has a colour and covers the element: text that overflows its dark header lies on
// the light page.
const phoneCheckJS = `(() => {
	const W = %d, problems = [];
	if (window.innerWidth !== W) problems.push("window is " + window.innerWidth + " px wide, want " + W);
	const sw = document.documentElement.scrollWidth;
	if (sw > W) problems.push("page is " + sw + " px wide in a " + W + " px window");
	const rgba = c => { const p = c.match(/[\d.]+/g).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
	const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
	const within = (r, o) => r.left >= o.left - 0.5 && r.right <= o.right + 0.5 && r.top >= o.top - 0.5 && r.bottom <= o.bottom + 0.5;
	const background = el => {
		const r = el.getBoundingClientRect(), layers = [];
		for (let e = el; e; e = e.parentElement) {
			const c = rgba(getComputedStyle(e).backgroundColor);
			if (c[3] === 0 || (e !== document.documentElement && !within(r, e.getBoundingClientRect()))) continue;
			layers.push(c);
			if (c[3] >= 1) break;
		}
		let out = [255, 255, 255];
		for (const c of layers.reverse()) out = out.map((v, i) => c[i] * c[3] + v * (1 - c[3]));
		return out;
	};
	const contrast = el => {
		const bg = background(el), fg = rgba(getComputedStyle(el).color);
		const shown = bg.map((v, i) => fg[i] * fg[3] + v * (1 - fg[3]));
		const a = lum(shown), b = lum(bg);
		return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
	};
	const els = [...document.querySelectorAll('header.top nav a, header.top .who button, [data-testid="whoami"]')];
	if (els.length < 3) problems.push("header has " + els.length + " nav links, name and Log out button, want at least 3");
	for (const el of els) {
		const name = '"' + el.innerText.trim() + '"', r = el.getBoundingClientRect(), s = getComputedStyle(el);
		if (r.width === 0 || r.height === 0 || s.visibility === "hidden") { problems.push(name + " is not shown"); continue; }
		if (r.left < 0 || r.right > W || r.top < 0 || r.bottom > window.innerHeight) problems.push(name + " is outside the window: " + JSON.stringify(r));
		const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		if (!top || !(el.contains(top) || top.contains(el))) problems.push(name + " is covered by " + (top ? top.outerHTML.slice(0, 60) : "nothing"));
		const k = contrast(el);
		if (k < 4.5) problems.push(name + " has contrast " + k.toFixed(2) + ", want at least 4.5");
	}
	return problems;
})()`

// top is the distance from the top of the page to the element at a data-testid.
func (tb *tab) top(testid string) float64 {
	tb.t.Helper()
	return value(tb, "measure "+testid, chromedp.Evaluate[float64](
		`document.querySelector('[data-testid="`+testid+`"]').getBoundingClientRect().top + window.scrollY`))
}

// checkPhone fails the test for what phoneCheckJS finds on the page open in the tab,
// and saves a picture of it in CLAIMDESK_SHOTS if that names a folder.
func (tb *tab) checkPhone(width int, page string) {
	tb.t.Helper()
	problems := value(tb, "measure "+page, chromedp.Evaluate[[]string](fmt.Sprintf(phoneCheckJS, width)))
	for _, p := range problems {
		tb.t.Errorf("%s at %d px: %s", page, width, p)
	}
	if dir := os.Getenv("CLAIMDESK_SHOTS"); dir != "" {
		shot := value(tb, "take a screenshot", chromedp.FullScreenshot(100))
		name := fmt.Sprintf("%d-%s.png", width, strings.Trim(regexp.MustCompile(`\W+`).ReplaceAllString(page, "-"), "-"))
		if err := os.WriteFile(filepath.Join(dir, name), shot, 0o644); err != nil {
			tb.t.Fatal(err)
		}
	}
}

// TestBrowserPhone: on a phone 390 or 360 px wide, a fact-checker goes through the
// desk and an admin opens the users page. No page scrolls sideways; the nav links, the
// name and "Log out" stay on screen and legible; on a claim the evidence and the
// verdict form come before the long citation form.
func TestBrowserPhone(t *testing.T) {
	a := startDemo(t)
	for _, width := range []int{390, 360} {
		t.Run(strconv.Itoa(width), func(t *testing.T) {
			tb := newTab(t, a.URL)
			tb.do("use a phone's screen", chromedp.EmulateViewport(int64(width), 780, chromedp.EmulateMobile, chromedp.EmulatePortrait))
			tb.logIn("factchecker@demo.test", demoPassword, "Farah Factchecker")
			tb.checkPhone(width, "dashboard")

			claim := value(tb, "find the al-Tanf claim", chromedp.Evaluate[string](
				`[...document.querySelectorAll('[data-testid="claim-row"] a')].find(a => a.innerText === "Drone attack on the al-Tanf garrison in Syria").getAttribute("href")`))
			tb.load("open the al-Tanf claim", claim, chromedp.Navigate(a.URL+claim))
			tb.checkPhone(width, "claim")
			evidence, verdict, cite := tb.top("evidence"), tb.top("verdict-form"), tb.top("citation-form")
			if evidence >= cite || verdict >= cite {
				t.Errorf("at %d px the evidence (top %.0f) and verdict form (top %.0f) come after the citation form (top %.0f)", width, evidence, verdict, cite)
			}
			// A fact-checker holds an editor's rights: correcting a citation is one of them.
			edit := value(tb, "find a citation's edit link", chromedp.Evaluate[string](`document.querySelector('[data-testid="edit-citation"]').getAttribute("href")`))
			tb.load("open a citation's edit page", `/citations/\d+/edit`, chromedp.Navigate(a.URL+edit))
			tb.checkPhone(width, "citation edit")
			tb.load("open the parties", "/parties", chromedp.Navigate(a.URL+"/parties"))
			tb.checkPhone(width, "parties")

			tb.load("open the sources", "/sources", chromedp.Navigate(a.URL+"/sources"))
			tb.checkPhone(width, "sources")
			src := value(tb, "find a source", chromedp.Evaluate[string](`document.querySelector('[data-testid="source-row"] a').getAttribute("href")`))
			tb.load("open a source", src, chromedp.Navigate(a.URL+src))
			tb.checkPhone(width, "source")
			tb.load("open the new claim form", "/claims/new", chromedp.Navigate(a.URL+"/claims/new"))
			tb.checkPhone(width, "new claim")

			tb.load("log out", `/login`, chromedp.Click(chromedp.CSS(`header.top .who button`)))
			tb.load("log in as the admin", "/",
				chromedp.SendKeys(field("login", "email"), "admin@demo.test"),
				chromedp.SendKeys(field("login", "password"), demoPassword),
				chromedp.Click(field("login", "")),
			)
			tb.load("open the users", "/users", chromedp.Navigate(a.URL+"/users"))
			tb.checkPhone(width, "users")
		})
	}
	t.Run("desktop", func(t *testing.T) {
		tb := newTab(t, a.URL)
		tb.do("use a desktop screen", chromedp.EmulateViewport(1280, 900))
		tb.logIn("factchecker@demo.test", demoPassword, "Farah Factchecker")
		tb.load("open a claim", `/claims/\d+`, chromedp.Click(chromedp.CSS(`[data-testid="claim-row"] a`)))
		// Two columns: the evidence beside the facts, the citation form below the facts.
		side := value(tb, "measure the columns", chromedp.Evaluate[[]float64](`[
			document.querySelector('[data-testid="claim-facts"]').getBoundingClientRect().right,
			document.querySelector('[data-testid="evidence"]').getBoundingClientRect().left,
			document.querySelector('[data-testid="claim-facts"]').getBoundingClientRect().top,
			document.querySelector('[data-testid="evidence"]').getBoundingClientRect().top]`))
		if side[1] < side[0] || side[3] != side[2] {
			t.Errorf("at 1280 px the evidence (left %.0f, top %.0f) is not beside the facts (right %.0f, top %.0f)", side[1], side[3], side[0], side[2])
		}
		tb.checkPhone(1280, "claim")
	})
}
