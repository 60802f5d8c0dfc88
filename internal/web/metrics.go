package web

import (
	"strconv"
	"time"

	"claimdesk/internal/metrics"

	"github.com/labstack/echo/v4"
)

// latencyBuckets are the upper bounds, in seconds, of the request latency histogram:
// from a cached page to a write that waited for its turn.
var latencyBuckets = []float64{0.005, 0.025, 0.1, 0.25, 1, 2.5, 10}

// requestMetrics counts requests and times them by route.
type requestMetrics struct {
	requests *metrics.CounterVec
	latency  *metrics.HistogramVec
}

// registerMetrics adds the web layer's figures to reg.
func (s *Server) registerMetrics(reg *metrics.Registry) {
	s.metrics = &requestMetrics{
		requests: reg.Counter("claimdesk_http_requests_total", "Requests answered, by method, route pattern and status class.", "method", "route", "status"),
		latency: reg.Histogram("claimdesk_http_request_duration_seconds", "Time to answer a request, by method and route pattern; live event streams are not timed.",
			latencyBuckets, "method", "route"),
	}
	reg.GaugeFunc("claimdesk_event_streams_open", "Live event streams (/events) open now.", func() float64 { return float64(s.live.count()) })
}

// countRequests records each request's route pattern (never its raw path, so ids and
// scanners' guesses do not grow the series), status class and latency. It runs outside
// the request logger, which has already turned an error into its response.
func (s *Server) countRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		route := c.Path()
		if route == "" {
			route = "unmatched"
		}
		method := c.Request().Method
		if !knownMethods[method] {
			method = "other" // any token is a method: keep the series bounded
		}
		s.metrics.requests.Inc(method, route, statusClass(c.Response().Status))
		if route != "/events" {
			s.metrics.latency.Observe(time.Since(start).Seconds(), method, route)
		}
		return err
	}
}

var knownMethods = map[string]bool{"GET": true, "HEAD": true, "POST": true, "PUT": true, "PATCH": true,
	"DELETE": true, "OPTIONS": true, "CONNECT": true, "TRACE": true}

// statusClass is "2xx" for 200 to 299, and so on.
func statusClass(status int) string {
	if status < 100 || status > 599 {
		return "other"
	}
	return strconv.Itoa(status/100) + "xx"
}
