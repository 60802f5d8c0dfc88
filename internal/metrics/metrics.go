// Package metrics keeps the desk's counters, gauges and histograms and writes them in
// Prometheus's text exposition format. It is small on purpose: a registry that a
// scraper reads, with no client library behind it.
package metrics

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Registry holds metric families in the order they were registered. It is safe for
// concurrent use.
type Registry struct {
	mu       sync.Mutex
	families []family
	names    map[string]bool
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{names: map[string]bool{}} }

// family is one named metric: it writes its HELP, TYPE and sample lines.
type family interface {
	write(w *bufio.Writer)
}

func (r *Registry) add(name string, f family) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.names[name] {
		panic("metrics: " + name + " registered twice")
	}
	r.names[name] = true
	r.families = append(r.families, f)
}

// WriteText writes every metric in the Prometheus text format (version 0.0.4).
func (r *Registry) WriteText(w io.Writer) error {
	r.mu.Lock()
	fams := slices.Clone(r.families)
	r.mu.Unlock()
	bw := bufio.NewWriter(w)
	for _, f := range fams {
		f.write(bw)
	}
	return bw.Flush()
}

// ContentType is the media type of WriteText's output.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// Handler serves the registry's metrics to a scraper.
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", ContentType)
		r.WriteText(w)
	})
}

// CounterVec is a counter per combination of label values.
type CounterVec struct {
	name, help string
	labels     []string
	mu         sync.Mutex
	values     map[string]*sample
}

type sample struct {
	labelValues []string
	value       float64
}

// Counter registers a counter with the label names given.
func (r *Registry) Counter(name, help string, labels ...string) *CounterVec {
	c := &CounterVec{name: name, help: help, labels: labels, values: map[string]*sample{}}
	r.add(name, c)
	return c
}

// Add adds delta (not negative) to the counter of the label values given, in the order
// of the label names.
func (c *CounterVec) Add(delta float64, labelValues ...string) {
	if len(labelValues) != len(c.labels) {
		panic(fmt.Sprintf("metrics: %s takes %d label values, got %d", c.name, len(c.labels), len(labelValues)))
	}
	key := strings.Join(labelValues, "\xff")
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.values[key]
	if !ok {
		s = &sample{labelValues: slices.Clone(labelValues)}
		c.values[key] = s
	}
	s.value += delta
}

// Inc adds one to the counter of the label values given.
func (c *CounterVec) Inc(labelValues ...string) { c.Add(1, labelValues...) }

// Value is the counter of the label values given, 0 if never counted.
func (c *CounterVec) Value(labelValues ...string) float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.values[strings.Join(labelValues, "\xff")]; ok {
		return s.value
	}
	return 0
}

func (c *CounterVec) write(w *bufio.Writer) {
	c.mu.Lock()
	samples := make([]sample, 0, len(c.values))
	for _, s := range c.values {
		samples = append(samples, *s)
	}
	c.mu.Unlock()
	sortSamples(samples)
	header(w, c.name, c.help, "counter")
	for _, s := range samples {
		line(w, c.name, c.labels, s.labelValues, "", "", s.value)
	}
}

// funcMetric is a gauge or counter read from a function at each scrape.
type funcMetric struct {
	name, help, kind string
	labels, values   []string
	f                func() float64
}

// GaugeFunc registers a gauge whose value f reads at each scrape.
func (r *Registry) GaugeFunc(name, help string, f func() float64) {
	r.add(name, &funcMetric{name: name, help: help, kind: "gauge", f: f})
}

// CounterFunc registers a counter kept elsewhere (such as a connection pool's wait
// count) that f reads at each scrape.
func (r *Registry) CounterFunc(name, help string, f func() float64) {
	r.add(name, &funcMetric{name: name, help: help, kind: "counter", f: f})
}

// Info registers a gauge of 1 whose labels carry facts, such as the Go version.
func (r *Registry) Info(name, help string, labelPairs ...string) {
	m := &funcMetric{name: name, help: help, kind: "gauge", f: func() float64 { return 1 }}
	for i := 0; i+1 < len(labelPairs); i += 2 {
		m.labels = append(m.labels, labelPairs[i])
		m.values = append(m.values, labelPairs[i+1])
	}
	r.add(name, m)
}

func (m *funcMetric) write(w *bufio.Writer) {
	header(w, m.name, m.help, m.kind)
	line(w, m.name, m.labels, m.values, "", "", m.f())
}

// HistogramVec is a histogram per combination of label values, over fixed buckets.
type HistogramVec struct {
	name, help string
	labels     []string
	buckets    []float64 // upper bounds, ascending, without +Inf
	mu         sync.Mutex
	values     map[string]*histSample
}

type histSample struct {
	labelValues []string
	counts      []uint64 // per bucket, not cumulative; the last is +Inf
	sum         float64
	count       uint64
}

// Histogram registers a histogram with the bucket upper bounds given (ascending; +Inf
// is added) and the label names given.
func (r *Registry) Histogram(name, help string, buckets []float64, labels ...string) *HistogramVec {
	if !slices.IsSorted(buckets) {
		panic("metrics: " + name + ": buckets not in ascending order")
	}
	h := &HistogramVec{name: name, help: help, labels: labels, buckets: slices.Clone(buckets), values: map[string]*histSample{}}
	r.add(name, h)
	return h
}

// Observe records v for the label values given.
func (h *HistogramVec) Observe(v float64, labelValues ...string) {
	if len(labelValues) != len(h.labels) {
		panic(fmt.Sprintf("metrics: %s takes %d label values, got %d", h.name, len(h.labels), len(labelValues)))
	}
	i, _ := slices.BinarySearch(h.buckets, v) // the first bound >= v; len(buckets) is +Inf
	key := strings.Join(labelValues, "\xff")
	h.mu.Lock()
	defer h.mu.Unlock()
	s, ok := h.values[key]
	if !ok {
		s = &histSample{labelValues: slices.Clone(labelValues), counts: make([]uint64, len(h.buckets)+1)}
		h.values[key] = s
	}
	s.counts[i]++
	s.sum += v
	s.count++
}

func (h *HistogramVec) write(w *bufio.Writer) {
	h.mu.Lock()
	samples := make([]histSample, 0, len(h.values))
	for _, s := range h.values {
		c := *s
		c.counts = slices.Clone(s.counts)
		samples = append(samples, c)
	}
	h.mu.Unlock()
	slices.SortFunc(samples, func(a, b histSample) int { return slices.Compare(a.labelValues, b.labelValues) })
	header(w, h.name, h.help, "histogram")
	for _, s := range samples {
		var cum uint64
		for i, n := range s.counts {
			cum += n
			le := "+Inf"
			if i < len(h.buckets) {
				le = formatFloat(h.buckets[i])
			}
			line(w, h.name+"_bucket", h.labels, s.labelValues, "le", le, float64(cum))
		}
		line(w, h.name+"_sum", h.labels, s.labelValues, "", "", s.sum)
		line(w, h.name+"_count", h.labels, s.labelValues, "", "", float64(s.count))
	}
}

func sortSamples(s []sample) {
	slices.SortFunc(s, func(a, b sample) int { return slices.Compare(a.labelValues, b.labelValues) })
}

func header(w *bufio.Writer, name, help, kind string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, escapeHelp(help), name, kind)
}

// line writes one sample; extraName and extraValue, when set, add a label (le).
func line(w *bufio.Writer, name string, labels, values []string, extraName, extraValue string, v float64) {
	w.WriteString(name)
	if len(labels) > 0 || extraName != "" {
		w.WriteByte('{')
		sep := ""
		for i, l := range labels {
			fmt.Fprintf(w, `%s%s="%s"`, sep, l, escapeLabel(values[i]))
			sep = ","
		}
		if extraName != "" {
			fmt.Fprintf(w, `%s%s="%s"`, sep, extraName, escapeLabel(extraValue))
		}
		w.WriteByte('}')
	}
	w.WriteByte(' ')
	w.WriteString(formatFloat(v))
	w.WriteByte('\n')
}

func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

var (
	labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
)

func escapeLabel(s string) string { return labelEscaper.Replace(s) }
func escapeHelp(s string) string  { return helpEscaper.Replace(s) }
