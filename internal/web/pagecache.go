package web

import (
	"bytes"
	"container/list"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"claimdesk/views"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
	"golang.org/x/sync/singleflight"
)

// pageCache keeps rendered parts of pages by a key that holds the desk's version, so
// an entry is never stale: a change moves the version on and later requests ask for
// other keys. Old entries fall out when the cache is full, least recently used first.
type pageCache struct {
	mu     sync.Mutex
	max    int
	order  *list.List // of *cached, most recently used first
	byKey  map[string]*list.Element
	making singleflight.Group // by key: the requests waiting for one making of a body
}

type cached struct {
	key   string
	body  []byte
	until time.Time // when the body's wording goes out of date by the clock alone; zero: never
}

func newPageCache(max int) *pageCache {
	return &pageCache{max: max, order: list.New(), byKey: map[string]*list.Element{}}
}

// get returns the bytes kept under key, unless they went out of date by now.
func (p *pageCache) get(key string, now time.Time) ([]byte, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	el, ok := p.byKey[key]
	if !ok {
		return nil, false
	}
	c := el.Value.(*cached)
	if !c.until.IsZero() && !now.Before(c.until) {
		return nil, false
	}
	p.order.MoveToFront(el)
	return c.body, true
}

// put keeps body under key until the moment until (zero: as long as there is room),
// dropping the least recently used entry when full.
func (p *pageCache) put(key string, body []byte, until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if el, ok := p.byKey[key]; ok {
		c := el.Value.(*cached)
		c.body, c.until = body, until
		p.order.MoveToFront(el)
		return
	}
	p.byKey[key] = p.order.PushFront(&cached{key, body, until})
	for p.order.Len() > p.max {
		last := p.order.Back()
		p.order.Remove(last)
		delete(p.byKey, last.Value.(*cached).key)
	}
}

// made is a body as a page's maker makes it for keep.
type made struct {
	body   []byte
	status int
	until  time.Time // see cached.until
	keep   bool      // false: the body is for the requests waiting now, not kept for later
}

// keep returns the body kept under key if it is current at now, or makes it. Requests
// for a key that is not kept, arriving while it is being made, wait for that one making
// and share its outcome, instead of each reading the database and rendering alike (a
// busy desk right after a save). A making that failed because its own request went
// away is not shared: a waiting request whose client is still there makes the body
// itself.
func (p *pageCache) keep(ctx context.Context, key string, now time.Time, make func() (made, error)) (made, error) {
	if body, ok := p.get(key, now); ok {
		return made{body: body, status: http.StatusOK}, nil
	}
	v, err, _ := p.making.Do(key, func() (v any, err error) {
		// A panic comes back as an error, to the maker and every waiter: singleflight
		// would otherwise re-raise it where no Recover can catch it, stopping the desk.
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("making %s panicked: %v\n%s", key, r, debug.Stack())
			}
		}()
		m, err := make()
		if err == nil && m.keep {
			p.put(key, m.body, m.until)
		}
		return m, err
	})
	if err != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) && ctx.Err() == nil {
		return make()
	}
	if err != nil {
		return made{}, err
	}
	return v.(made), nil
}

// rendered is HTML the desk rendered earlier with templ (so already escaped), as a
// component to put into a page.
func rendered(b []byte) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// keptPage is a page body as build makes it for cachedPage.
type keptPage struct {
	title string
	body  templ.Component
	// until is the moment the body's wording goes out of date by the clock alone (an
	// hour counted to now grows, a comment's time to edit ends); zero: it never does.
	until time.Time
}

// cachedPage answers a GET with a page whose body depends only on the desk's version,
// the viewer, the address and, up to the moment build says, the clock: kept, it is
// served without reading the database again; build makes it when it is not kept. A
// failure is never kept.
func (s *Server) cachedPage(c echo.Context, name string, build func() (keptPage, error)) error {
	ctx := c.Request().Context()
	version, err := s.deskVersion(c)
	if err != nil {
		return err
	}
	u := currentUser(c)
	key := fmt.Sprintf("%s|%d|%d|%s|%s", name, version, u.ID, u.Role, c.Request().URL.RequestURI())
	kept, err := s.pages.keep(ctx, key, s.cfg.Claims.Time(), func() (made, error) {
		p, err := build()
		if err != nil {
			return made{}, err
		}
		var buf bytes.Buffer
		buf.WriteString(p.title + "\x00")
		if err := p.body.Render(ctx, &buf); err != nil {
			return made{}, fmt.Errorf("render: %w", err)
		}
		return made{body: buf.Bytes(), status: http.StatusOK, until: p.until, keep: true}, nil
	})
	if err != nil {
		return err
	}
	// Split without copying the body: it is most of the page.
	title, body, _ := bytes.Cut(kept.body, []byte{0})
	return s.render(c, http.StatusOK, views.Page(s.session(c), string(title), rendered(body)))
}
