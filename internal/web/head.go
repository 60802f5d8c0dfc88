package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
)

// headAsGet answers HEAD on every GET route: the request is routed as a GET, its
// status and headers are sent, and its body is counted but never written, so the
// Content-Length is the one the GET would have (RFC 9110, section 9.3.2).
func headAsGet(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method != http.MethodHead {
			return next(c)
		}
		// Echo routes the request it was given, so it is changed in place, as echo's
		// own MethodOverride does.
		r.Method = http.MethodGet
		res := c.Response()
		hw := &headWriter{ResponseWriter: res.Writer}
		res.Writer = hw
		if err := next(c); err != nil {
			c.Error(err)
		}
		res.Writer = hw.ResponseWriter
		hw.finish()
		return nil
	}
}

// headWriter holds back the status until the handler is done, so the length of the
// discarded body can be sent as the Content-Length.
type headWriter struct {
	http.ResponseWriter
	status  int
	n       int
	flushed bool
}

func (w *headWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *headWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.n += len(p)
	return len(p), nil
}

// Flush marks the response as streamed: its length is unknown, so none is sent.
func (w *headWriter) Flush() { w.flushed = true }

func (w *headWriter) finish() {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	h := w.Header()
	if h.Get("Content-Length") == "" && !w.flushed && w.n > 0 {
		h.Set("Content-Length", strconv.Itoa(w.n))
	}
	w.ResponseWriter.WriteHeader(w.status)
}
