package loadtest

import (
	"context"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"claimdesk/internal/claims"
)

// Route is one thing the desk is asked to do over and over in a run.
type Route struct {
	// Name is how -routes picks it.
	Name string
	// Path describes the request in the report.
	Path string
	// Write marks routes that change data; reads must answer 200 every time.
	Write bool
	// Conns, when positive, overrides Config.Conns for this route.
	Conns int
	do    func(*worker) outcome
}

// Routes returns every route the harness knows, in the order it measures them.
func Routes() []Route {
	out := append([]Route(nil), readRoutes...)
	return append(out,
		Route{Name: "verdict", Path: "POST /claims/ID/verdict", Write: true, do: (*worker).verdict},
		Route{Name: "citation", Path: "POST /claims/ID/citations", Write: true, do: (*worker).citation},
		Route{Name: "writers32", Path: "POST /claims/ID/verdict", Write: true, Conns: 32, do: (*worker).verdict},
		Route{Name: "mixed", Path: "80% reads, 20% writes", Write: true, do: (*worker).mixed},
	)
}

// HotClaims is how many of the newest claims the claim route opens.
const HotClaims = 100

// readRoutes are the pages the desk is read through; the mixed workload picks among them.
var readRoutes = []Route{
	page("dashboard", "/"),
	page("contested", "/?bucket=contested"),
	page("country", "/?country=Syria"),
	page("page500", "/?page=500"),
	// A desk works on the claims of the day: one of the newest HotClaims, as a busy
	// desk opens and reopens them.
	{Name: "claim", Path: fmt.Sprintf("/claims/ID, %d newest", HotClaims), do: func(w *worker) outcome {
		ids := w.r.cfg.ClaimIDs
		hot := ids[max(0, len(ids)-HotClaims):]
		return w.page(fmt.Sprintf("/claims/%d", hot[w.rng.IntN(len(hot))]))
	}},
	// Any claim of the whole desk, nearly always one not opened before: the page is
	// read and rendered afresh.
	{Name: "claimany", Path: "/claims/ID, any", do: func(w *worker) outcome {
		return w.page(fmt.Sprintf("/claims/%d", w.r.cfg.ClaimIDs[w.rng.IntN(len(w.r.cfg.ClaimIDs))]))
	}},
	page("sources", "/sources"),
	page("search", "/?q=drone"),
}

func page(name, path string) Route {
	return Route{Name: name, Path: path, do: func(w *worker) outcome { return w.page(path) }}
}

// SelectRoutes returns the routes named in a comma-separated list, in the list's order;
// an empty list means all of them.
func SelectRoutes(list string) ([]Route, error) {
	all := Routes()
	if strings.TrimSpace(list) == "" {
		return all, nil
	}
	var out []Route
	for name := range strings.SplitSeq(list, ",") {
		name = strings.TrimSpace(name)
		i := -1
		for j, r := range all {
			if r.Name == name {
				i = j
			}
		}
		if i < 0 {
			names := make([]string, len(all))
			for j, r := range all {
				names[j] = r.Name
			}
			return nil, fmt.Errorf("loadtest: no route %q; choose from %s", name, strings.Join(names, ", "))
		}
		out = append(out, all[i])
	}
	return out, nil
}

// worker is one connection's loop in a run.
type worker struct {
	r         *runner
	ctx       context.Context
	index, of int // this is worker index of of
	rng       *rand.Rand
}

// page fetches a path of the desk as the logged-in user and expects 200.
func (w *worker) page(path string) outcome { return w.get(w.r.cfg.BaseURL+path, w.r.cfg.Cookie) }

func (w *worker) get(u, cookie string) outcome {
	req, err := http.NewRequestWithContext(w.ctx, http.MethodGet, u, nil)
	if err != nil {
		return outcome{failure: err.Error()}
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	o, _ := w.send(req, func(status int) bool { return status == http.StatusOK })
	return o
}

// post sends a form to the desk; any 2xx or 3xx answer is a success.
func (w *worker) post(path string, form url.Values) (outcome, int) {
	req, err := http.NewRequestWithContext(w.ctx, http.MethodPost, w.r.cfg.BaseURL+path, strings.NewReader(form.Encode()))
	if err != nil {
		return outcome{failure: err.Error()}, 0
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", w.r.cfg.Cookie)
	return w.send(req, func(status int) bool { return status >= 200 && status < 400 })
}

// send times one request until its whole body is read.
func (w *worker) send(req *http.Request, ok func(int) bool) (outcome, int) {
	start := time.Now()
	res, err := w.r.cfg.Client.Do(req)
	if err != nil {
		return outcome{failure: err.Error()}, 0
	}
	_, err = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	o := outcome{lat: time.Since(start)}
	switch {
	case err != nil:
		o.failure = fmt.Sprintf("%s %s: read body: %v", req.Method, req.URL.Path, err)
	case !ok(res.StatusCode):
		o.failure = fmt.Sprintf("%s %s: %s", req.Method, req.URL.Path, res.Status)
		if loc := res.Header.Get("Location"); loc != "" {
			o.failure += " to " + loc
		}
	}
	return o, res.StatusCode
}

// verdict gives one of this worker's claims a different verdict, with the version it
// last saw. A claim it has not seen yet, or whose write was refused, is read first from
// its page's hidden version input; that fetch is not timed.
func (w *worker) verdict() outcome {
	id := w.poolClaim()
	st, ok := w.r.state(id)
	if !ok {
		var err error
		if st, err = w.fetchState(id); err != nil {
			return outcome{failure: err.Error()}
		}
	}
	to := nextVerdict(st.verdict, w.rng)
	form := url.Values{
		"verdict":  {to},
		"reason":   {"Load test: the verdict moves from " + st.verdict + " to " + to + "."},
		"revision": {strconv.Itoa(st.version)},
	}
	o, status := w.post(fmt.Sprintf("/claims/%d/verdict", id), form)
	if o.failure == "" && status == http.StatusSeeOther {
		w.r.setState(id, claimState{version: st.version + 1, verdict: to})
	} else {
		w.r.forget(id)
	}
	return o
}

// citation cites a random source as reporting a random claim. Claims of the verdict
// pool are taken only from this worker's share, so no other worker's version goes stale.
func (w *worker) citation() outcome {
	ids := w.r.cfg.ClaimIDs
	id := ids[w.rng.IntN(len(ids))]
	if w.r.inPool[id] {
		id = w.poolClaim()
	}
	src := w.r.cfg.SourceIDs[w.rng.IntN(len(w.r.cfg.SourceIDs))]
	form := url.Values{"source_id": {strconv.FormatInt(src, 10)}, "stance": {string(claims.StanceReports)}}
	o, _ := w.post(fmt.Sprintf("/claims/%d/citations", id), form)
	w.r.forget(id)
	return o
}

// mixed is a desk at work: 80% page reads across the read routes, 10% verdicts and 10%
// citations.
func (w *worker) mixed() outcome {
	switch n := w.rng.IntN(100); {
	case n < 10:
		return w.verdict()
	case n < 20:
		return w.citation()
	}
	return readRoutes[w.rng.IntN(len(readRoutes))].do(w)
}

// poolClaim picks a claim of this worker's share of the verdict pool.
func (w *worker) poolClaim() int64 {
	pool := w.r.writePool
	if w.index >= len(pool) {
		return pool[w.rng.IntN(len(pool))]
	}
	return pool[w.index+w.of*w.rng.IntN((len(pool)-w.index+w.of-1)/w.of)]
}

var (
	versionInput = regexp.MustCompile(`name="revision" value="(\d+)"`)
	verdictLabel = regexp.MustCompile(`data-testid="verdict">([^<]+)<`)
)

// fetchState reads a claim's version and verdict from its page.
func (w *worker) fetchState(id int64) (claimState, error) {
	req, err := http.NewRequestWithContext(w.ctx, http.MethodGet, fmt.Sprintf("%s/claims/%d", w.r.cfg.BaseURL, id), nil)
	if err != nil {
		return claimState{}, err
	}
	req.Header.Set("Cookie", w.r.cfg.Cookie)
	res, err := w.r.cfg.Client.Do(req)
	if err != nil {
		return claimState{}, fmt.Errorf("fetch claim %d: %w", id, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		return claimState{}, fmt.Errorf("fetch claim %d: %s %v", id, res.Status, err)
	}
	v, l := versionInput.FindSubmatch(body), verdictLabel.FindSubmatch(body)
	if v == nil || l == nil {
		return claimState{}, fmt.Errorf("fetch claim %d: no version input or verdict on the page (is the account a fact-checker?)", id)
	}
	st := claimState{verdict: verdictValue(html.UnescapeString(string(l[1])))}
	st.version, _ = strconv.Atoi(string(v[1]))
	return st, nil
}

// verdictValue maps a verdict's label back to its value.
func verdictValue(label string) string {
	for _, c := range claims.Verdicts {
		if c.Label == label {
			return c.Value
		}
	}
	return ""
}

// nextVerdict picks a verdict other than from, so every write is a change.
func nextVerdict(from string, rng *rand.Rand) string {
	var others []string
	for _, c := range claims.Verdicts {
		if c.Value != from {
			others = append(others, c.Value)
		}
	}
	return others[rng.IntN(len(others))]
}

func (r *runner) state(id int64) (claimState, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	st, ok := r.claims[id]
	return st, ok
}

func (r *runner) setState(id int64, st claimState) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.claims[id] = st
}

func (r *runner) forget(id int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.claims, id)
}

// SessionCookie is the name of the desk's session cookie.
const SessionCookie = "claimdesk_session"

// Login posts the desk's login form and returns the session cookie as a Cookie header
// value, for Config.Cookie.
func Login(ctx context.Context, client *http.Client, baseURL, email, password string) (string, error) {
	form := url.Values{"email": {email}, "password": {password}, "next": {"/"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("loadtest: log in: %w", err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("loadtest: log in as %s: got %s, want 303", email, res.Status)
	}
	for _, c := range res.Cookies() {
		if c.Name == SessionCookie && c.Value != "" {
			return c.Name + "=" + c.Value, nil
		}
	}
	return "", fmt.Errorf("loadtest: log in as %s: no %s cookie in the answer", email, SessionCookie)
}
