package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/events"

	"github.com/labstack/echo/v4"
)

// Live streams: defaults for Config.KeepAlive and Config.StreamsPerUser.
const (
	defaultKeepAlive      = 15 * time.Second
	defaultStreamsPerUser = 4
)

// stream is one open /events response.
type stream struct {
	user    *auth.User
	token   string
	claimID int64         // the claim page it serves; 0 for the dashboard
	ended   chan struct{} // closed when its session is logged out
	once    sync.Once
	others  chan struct{} // signalled when the people on its claim may have changed
}

func (st *stream) end() { st.once.Do(func() { close(st.ended) }) }

// hub knows the open streams: how many each user has, which claim each serves, and
// the names of the people events are about.
type hub struct {
	mu      sync.Mutex
	perUser map[int64]int
	streams map[*stream]struct{}
	names   map[int64]string
}

func newHub() *hub {
	return &hub{perUser: map[int64]int{}, streams: map[*stream]struct{}{}, names: map[int64]string{}}
}

// open registers a stream, unless its user has max open already.
func (h *hub) open(st *stream, max int) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.perUser[st.user.ID] >= max {
		return false
	}
	h.perUser[st.user.ID]++
	h.streams[st] = struct{}{}
	h.names[st.user.ID] = st.user.Display()
	return true
}

// count is the number of open streams.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.streams)
}

func (h *hub) close(st *stream) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.streams[st]; !ok {
		return
	}
	delete(h.streams, st)
	if h.perUser[st.user.ID]--; h.perUser[st.user.ID] <= 0 {
		delete(h.perUser, st.user.ID)
	}
}

// endSession ends the streams of a session that was logged out.
func (h *hub) endSession(token string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for st := range h.streams {
		if st.token == token {
			st.end()
		}
	}
}

// poke tells the streams on a claim, but for the one except, to send who else has
// it open afresh.
func (h *hub) poke(claimID int64, except *stream) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for st := range h.streams {
		if st.claimID != claimID || st == except {
			continue
		}
		select {
		case st.others <- struct{}{}:
		default: // a poke is waiting already
		}
	}
}

// actorName is the name of the user who did what an event says.
func (s *Server) actorName(ctx context.Context, e events.Event) string {
	if e.Actor != "" {
		return e.Actor
	}
	s.live.mu.Lock()
	name, ok := s.live.names[e.ActorID]
	s.live.mu.Unlock()
	if ok {
		return name
	}
	users, err := s.cfg.Auth.Users(ctx)
	if err != nil {
		s.log.Warn("live: look up names", "err", err)
		return "Someone"
	}
	s.live.mu.Lock()
	defer s.live.mu.Unlock()
	for _, u := range users {
		s.live.names[u.ID] = u.Display()
	}
	if name, ok := s.live.names[e.ActorID]; ok {
		return name
	}
	return "Someone"
}

// didWhat says what an event's actor did, as the claim page's live notice.
var didWhat = map[string]string{
	events.ClaimCreated:      "added this claim",
	events.ClaimEdited:       "edited the claim",
	events.Cited:             "cited a source",
	events.CitationCorrected: "corrected a citation",
	events.CitationWithdrawn: "withdrew a citation",
	events.Reviewed:          "reviewed a disagreement",
	events.VerdictSet:        "set the verdict",
	events.WorkChanged:       "changed who works on it",
	events.Commented:         "commented",
	events.SourceChanged:     "changed a source or party",
}

// sse writes Server-Sent Events to a response.
type sse struct {
	c echo.Context
}

// send writes one event and flushes it; data may span lines.
func (w sse) send(name, data string) error {
	var b strings.Builder
	b.WriteString("event: " + name + "\n")
	for line := range strings.SplitSeq(data, "\n") {
		b.WriteString("data: " + line + "\n")
	}
	b.WriteString("\n")
	return w.write(b.String())
}

// comment writes a comment line, which keeps proxies from closing an idle stream.
func (w sse) comment(text string) error { return w.write(": " + text + "\n\n") }

func (w sse) write(s string) error {
	if _, err := w.c.Response().Write([]byte(s)); err != nil {
		return err
	}
	w.c.Response().Flush()
	return nil
}

// liveEvents streams what changes on the desk as Server-Sent Events: for the
// dashboard (no query) each changed claim, for a claim page (?claim=ID) that claim's
// changes by others, as a sentence to show, and who else has it open. A stream ends
// when the client leaves, its session is logged out or expires, or the server shuts
// down; a user may have StreamsPerUser open at once.
func (s *Server) liveEvents(c echo.Context) error {
	u := currentUser(c)
	var claimID int64
	if v := c.QueryParam("claim"); v != "" {
		id, ok := parseID(v)
		if !ok {
			return badRequest("The claim must be a claim's number.")
		}
		claimID = id
	}
	ck, err := c.Cookie(sessionCookie)
	if err != nil {
		return echo.NewHTTPError(http.StatusUnauthorized)
	}
	st := &stream{user: u, token: ck.Value, claimID: claimID, ended: make(chan struct{}), others: make(chan struct{}, 1)}
	if !s.live.open(st, s.streamsPerUser) {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(s.keepAlive/time.Second)))
		return echo.NewHTTPError(http.StatusTooManyRequests,
			fmt.Sprintf("You have %d live pages open already; close one to follow this one live.", s.streamsPerUser))
	}
	defer s.live.close(st)

	ctx := c.Request().Context()
	evs, unsubscribe := s.events.Subscribe(ctx, events.Filter{ClaimID: claimID})
	defer unsubscribe()

	// The server's read and write timeouts are for ordinary requests, not a stream.
	rc := http.NewResponseController(c.Response().Writer)
	_ = rc.SetReadDeadline(time.Time{})
	_ = rc.SetWriteDeadline(time.Time{})
	h := c.Response().Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	c.Response().WriteHeader(http.StatusOK)
	w := sse{c}
	err = w.comment("live")
	if claimID != 0 && err == nil {
		leave := s.visit(st)
		defer leave()
		err = s.sendPresence(w, st)
	}
	tick := time.NewTicker(s.keepAlive)
	defer tick.Stop()
	for err == nil {
		select {
		case <-ctx.Done():
			err = ctx.Err()
		case <-s.liveDone:
			s.presenceGoodbye() // before the server's shutdown can close the broker
			return nil
		case <-st.ended:
			return nil
		case <-tick.C:
			if ok, cerr := s.cfg.Auth.SessionActive(ctx, st.token); cerr != nil {
				s.log.Warn("live: check session", "err", cerr)
			} else if !ok {
				return nil
			}
			err = w.comment("keep-alive")
		case <-st.others:
			err = s.sendPresence(w, st)
		case e, ok := <-evs:
			if !ok {
				// Dropped for falling behind: the page reads itself afresh and
				// the browser opens a new stream.
				_ = w.send("claim-changed", "")
				return nil
			}
			err = s.sendEvent(ctx, w, st, e)
		}
	}
	s.log.Debug("live: client went away", "path", c.Request().URL.Path, "user", u.ID, "err", err)
	return nil
}

// visit counts a claim page's stream among the people with the claim open and tells
// the claim's other streams; the function it returns ends the visit.
func (s *Server) visit(st *stream) (leave func()) {
	if s.presence.open(st.claimID, st.user.ID, st.user.Display()) {
		s.live.poke(st.claimID, st)
	}
	return func() {
		if s.presence.close(st.claimID, st.user.ID) {
			s.live.poke(st.claimID, st)
		}
	}
}

// sendEvent passes one event to a stream, as its page needs it.
func (s *Server) sendEvent(ctx context.Context, w sse, st *stream, e events.Event) error {
	switch {
	case st.claimID == 0:
		return w.send("claim-changed", strconv.FormatInt(e.ClaimID, 10))
	case e.ActorID == st.user.ID:
		return nil // the user's own change: the page they made it from shows it
	}
	what := didWhat[e.Kind]
	if what == "" {
		what = "changed the claim"
	}
	notice := s.actorName(ctx, e) + " " + what + "."
	return w.send("claim-changed", `<span data-testid="live-notice-text">`+html.EscapeString(notice)+`</span>`)
}

// sendPresence tells a claim page who else has the claim open.
func (s *Server) sendPresence(w sse, st *stream) error {
	names := s.presence.others(st.claimID, st.user.ID)
	if len(names) == 0 {
		return w.send("presence", "")
	}
	return w.send("presence", `<span data-testid="presence-names">Also open by `+html.EscapeString(strings.Join(names, ", "))+`</span>`)
}
