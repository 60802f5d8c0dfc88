package web

import (
	"container/list"
	"context"
	"io"
	"sync"

	"github.com/a-h/templ"
)

// pageCache keeps rendered parts of pages by a key that holds the desk's version, so
// an entry is never stale: a change moves the version on and later requests ask for
// other keys. Old entries fall out when the cache is full, least recently used first.
type pageCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // of *cached, most recently used first
	byKey map[string]*list.Element
}

type cached struct {
	key  string
	body []byte
}

func newPageCache(max int) *pageCache {
	return &pageCache{max: max, order: list.New(), byKey: map[string]*list.Element{}}
}

// get returns the bytes kept under key.
func (p *pageCache) get(key string) ([]byte, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	el, ok := p.byKey[key]
	if !ok {
		return nil, false
	}
	p.order.MoveToFront(el)
	return el.Value.(*cached).body, true
}

// put keeps body under key, dropping the least recently used entry when full.
func (p *pageCache) put(key string, body []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if el, ok := p.byKey[key]; ok {
		el.Value.(*cached).body = body
		p.order.MoveToFront(el)
		return
	}
	p.byKey[key] = p.order.PushFront(&cached{key, body})
	for p.order.Len() > p.max {
		last := p.order.Back()
		p.order.Remove(last)
		delete(p.byKey, last.Value.(*cached).key)
	}
}

// rendered is HTML the desk rendered earlier with templ (so already escaped), as a
// component to put into a page.
func rendered(b []byte) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}
