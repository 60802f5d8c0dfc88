package metrics_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"claimdesk/internal/metrics"
	"claimdesk/internal/metrics/metricstest"
)

func TestRegistryText(t *testing.T) {
	r := metrics.NewRegistry()
	reqs := r.Counter("http_requests_total", "Requests served.", "route", "status")
	lat := r.Histogram("http_request_duration_seconds", "Time to answer.", []float64{0.01, 0.1, 1}, "route")
	r.GaugeFunc("streams_open", "Open streams.", func() float64 { return 3 })
	r.Info("go_info", "Go version.", "version", "go1.x")

	reqs.Inc("/claims/:id", "2xx")
	reqs.Inc("/claims/:id", "2xx")
	reqs.Inc(`/odd"route\`, "4xx")
	lat.Observe(0.005, "/")
	lat.Observe(0.1, "/") // on a bound: counts in that bucket
	lat.Observe(5, "/")

	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	got := metricstest.Parse(t, b.String())
	for key, want := range map[string]float64{
		`http_requests_total{route="/claims/:id",status="2xx"}`:     2,
		`http_requests_total{route="/odd\"route\\",status="4xx"}`:   1,
		`http_request_duration_seconds_bucket{route="/",le="0.01"}`: 1,
		`http_request_duration_seconds_bucket{route="/",le="0.1"}`:  2,
		`http_request_duration_seconds_bucket{route="/",le="1"}`:    2,
		`http_request_duration_seconds_bucket{route="/",le="+Inf"}`: 3,
		`http_request_duration_seconds_count{route="/"}`:            3,
		`http_request_duration_seconds_sum{route="/"}`:              5.105,
		`streams_open`:             3,
		`go_info{version="go1.x"}`: 1,
	} {
		if v, ok := got[key]; !ok || v != want {
			t.Errorf("%s = %v (present %v), want %v\n%s", key, v, ok, want, b.String())
		}
	}
	if !strings.Contains(b.String(), "# TYPE http_request_duration_seconds histogram\n") {
		t.Errorf("no histogram TYPE line:\n%s", b.String())
	}
}

func TestRegistryConcurrent(t *testing.T) {
	r := metrics.NewRegistry()
	c := r.Counter("n_total", "Counted.", "k")
	h := r.Histogram("d_seconds", "Timed.", []float64{1}, "k")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				c.Inc("a")
				h.Observe(0.5, "a")
				r.WriteText(&strings.Builder{})
			}
		})
	}
	wg.Wait()
	if got, want := c.Value("a"), 8000.0; got != want {
		t.Errorf("counter = %v, want %v", got, want)
	}
}

func TestHandler(t *testing.T) {
	r := metrics.NewRegistry()
	r.RegisterProcess(time.Unix(1700000000, 0))
	rec := httptest.NewRecorder()
	r.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if got, want := rec.Header().Get("Content-Type"), metrics.ContentType; got != want {
		t.Errorf("Content-Type = %q, want %q", got, want)
	}
	if got := metricstest.Parse(t, rec.Body.String()); got["process_start_time_seconds"] != 1700000000 {
		t.Errorf("process_start_time_seconds = %v, want 1700000000", got["process_start_time_seconds"])
	}
}
