// Package metricstest reads the Prometheus text format in tests, failing on any line
// a scraper would refuse.
package metricstest

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	helpLine   = regexp.MustCompile(`^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$`)
	typeLine   = regexp.MustCompile(`^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$`)
	sampleLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*")*\})? (\S+)$`)
)

// Parse checks every line of text and returns each sample's value by its name and
// labels exactly as written, e.g. `http_requests_total{route="/",status="2xx"}`.
// A sample must follow a TYPE line of its family, and no family may be typed twice.
func Parse(t testing.TB, text string) map[string]float64 {
	t.Helper()
	if !strings.HasSuffix(text, "\n") {
		t.Errorf("metrics do not end with a newline")
	}
	samples := map[string]float64{}
	typed := map[string]string{}
	for i, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		switch {
		case helpLine.MatchString(l):
		case typeLine.MatchString(l):
			m := typeLine.FindStringSubmatch(l)
			if _, ok := typed[m[1]]; ok {
				t.Errorf("line %d: %s typed twice", i+1, m[1])
			}
			typed[m[1]] = m[2]
		case sampleLine.MatchString(l):
			m := sampleLine.FindStringSubmatch(l)
			name := m[1]
			if typed[name] == "" && typed[family(name)] != "histogram" {
				t.Errorf("line %d: sample %s has no TYPE line before it", i+1, name)
			}
			v, err := strconv.ParseFloat(m[3], 64)
			if err != nil {
				t.Errorf("line %d: value %q: %v", i+1, m[3], err)
			}
			key := name + m[2]
			if _, dup := samples[key]; dup {
				t.Errorf("line %d: sample %s twice", i+1, key)
			}
			samples[key] = v
		default:
			t.Errorf("line %d is not in the Prometheus text format: %q", i+1, l)
		}
	}
	return samples
}

// family is a histogram's family name for one of its _bucket, _sum or _count samples.
func family(name string) string {
	for _, suffix := range []string{"_bucket", "_sum", "_count"} {
		if f, ok := strings.CutSuffix(name, suffix); ok {
			return f
		}
	}
	return name
}
