package web

import (
	"net/http"
	"strconv"
	"sync"

	"claimdesk/internal/claims"
	"claimdesk/views"

	"github.com/labstack/echo/v4"
)

const unreadKey = "unread"

// unread counts the viewer's unread notifications for the header: one indexed query
// per page, none for an htmx fragment (which has no header). A fault is logged and
// shows no count; it never fails the page.
func (s *Server) unread(c echo.Context) int {
	u := currentUser(c)
	h := c.Request().Header
	if u == nil || (h.Get("HX-Request") == "true" && h.Get("HX-History-Restore-Request") != "true") {
		return 0
	}
	if n, ok := c.Get(unreadKey).(int); ok {
		return n
	}
	// Notifications are made and read only by saves, which move the desk's version on:
	// a count at the version this request read is current.
	v, versioned := c.Get(versionKey).(int64)
	if versioned {
		if n, ok := s.unreadCounts.get(u.ID, v); ok {
			c.Set(unreadKey, n)
			return n
		}
	}
	n, err := s.cfg.Claims.Unread(c.Request().Context(), u.ID)
	if err != nil && !clientGone(c, err) {
		s.log.Warn("count unread notifications", "path", c.Request().URL.Path, "err", err)
	}
	if err == nil && versioned {
		s.unreadCounts.put(u.ID, v, n)
	}
	c.Set(unreadKey, n)
	return n
}

// activity lists changes across the desk, newest first: by default only those since
// the viewer's last visit, filtered by person and kind. Filtered to a claim, it is that
// claim's whole history, which its page shows only the newest of.
func (s *Server) activity(c echo.Context) error {
	q, err := parseActivity(c)
	if err != nil {
		return err
	}
	ctx, me := c.Request().Context(), currentUser(c)
	a := views.Activity{Query: q}
	if q.Claim > 0 {
		if a.Claim, err = s.cfg.Claims.Claim(ctx, q.Claim); err != nil {
			return err
		}
	}
	if q.Claim == 0 { // the mark is for the desk's feed, not a claim's history
		if a.LastVisit, err = s.cfg.Claims.LastVisit(ctx, me.ID); err != nil {
			return err
		}
	}
	f := claims.ActivityFilter{ClaimID: q.Claim, UserID: q.Person, Kind: q.Kind}
	if a.SinceLastVisit() {
		f.Since = a.LastVisit
	}
	if q.Before != "" {
		cur, _ := claims.ParseCursor(q.Before) // checked by parseActivity
		f.Before = &cur
	}
	if a.Page, err = s.cfg.Claims.Activity(ctx, f); err != nil {
		return err
	}
	if a.People, err = s.cfg.Claims.People(ctx); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.ActivityPage(s.session(c), a))
}

// parseActivity reads the activity page's query; anything it cannot read is a 400.
func parseActivity(c echo.Context) (views.ActivityQuery, error) {
	var q views.ActivityQuery
	if v := c.QueryParam("claim"); v != "" {
		if q.Claim = positiveID(v); q.Claim == 0 {
			return q, badRequest("The claim filter must be a claim's number.")
		}
	}
	if v := c.QueryParam("person"); v != "" {
		if q.Person = positiveID(v); q.Person == 0 {
			return q, badRequest("The person filter must be a person's number.")
		}
	}
	if q.Kind = c.QueryParam("kind"); q.Kind != "" && !claims.ValidEventKind(q.Kind) {
		return q, badRequest("There is no kind of change called “" + printable(q.Kind) + "”.")
	}
	switch all := c.QueryParam("all"); all {
	case "", "1":
		q.All = all == "1"
	default:
		return q, badRequest("all is 1 or left out.")
	}
	if q.Before = c.QueryParam("before"); q.Before != "" {
		if _, err := claims.ParseCursor(q.Before); err != nil {
			return q, badRequest("The link's place in the activity cannot be read; start again from the newest.")
		}
	}
	return q, nil
}

// markSeen sets the viewer's last-visit mark to the newest entry they were shown.
func (s *Server) markSeen(c echo.Context) error {
	v, err := formValues(c)
	if err != nil {
		return err
	}
	cur, err := claims.ParseCursor(v.Get("through"))
	if err != nil {
		return badRequest("The form does not say what you saw; reload the activity page.")
	}
	if err := s.cfg.Claims.MarkVisited(c.Request().Context(), currentUser(c).ID, cur.At); err != nil {
		return err
	}
	return s.flash(c, "/activity", "Marked as seen: your next visit shows what comes after.")
}

// notifications lists the viewer's notifications, newest first.
func (s *Server) notifications(c echo.Context) error {
	var before int64
	if v := c.QueryParam("before"); v != "" {
		if before = positiveID(v); before == 0 {
			return badRequest("before must be a notification's number.")
		}
	}
	page, err := s.cfg.Claims.Notifications(c.Request().Context(), currentUser(c).ID, before)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.NotificationsPage(s.session(c), views.Notifications{Page: page}))
}

// markRead marks the viewer's notifications read, up to the newest they were shown.
func (s *Server) markRead(c echo.Context) error {
	v, err := formValues(c)
	if err != nil {
		return err
	}
	through := positiveID(v.Get("through"))
	if v.Get("through") != "" && through == 0 {
		return badRequest("The form does not say what you saw; reload the notifications.")
	}
	n, err := s.cfg.Claims.MarkAllRead(c.Request().Context(), currentUser(c).ID, through)
	if err != nil {
		return err
	}
	return s.flash(c, "/notifications", "Marked "+strconv.FormatInt(n, 10)+" read.")
}

// followClaim and unfollowClaim switch whether the viewer is told of a claim's verdicts.
func (s *Server) followClaim(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.cfg.Claims.Follow(c.Request().Context(), currentUser(c).ID, id); err != nil {
		return err
	}
	return s.flash(c, claimPath(id)+"#work", "You follow this claim: you will be told of its verdicts.")
}

func (s *Server) unfollowClaim(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.cfg.Claims.Unfollow(c.Request().Context(), currentUser(c).ID, id); err != nil {
		return err
	}
	return s.flash(c, claimPath(id)+"#work", "You no longer follow this claim.")
}

// unreadCounts keeps each person's unread count by the desk's version it was counted at.
type unreadCounts struct {
	mu     sync.Mutex
	byUser map[int64][2]int64 // version, count
}

func (u *unreadCounts) get(user, version int64) (int, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	e, ok := u.byUser[user]
	return int(e[1]), ok && e[0] == version
}

func (u *unreadCounts) put(user, version int64, n int) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.byUser == nil || len(u.byUser) >= 10_000 {
		u.byUser = map[int64][2]int64{}
	}
	u.byUser[user] = [2]int64{version, int64(n)}
}
