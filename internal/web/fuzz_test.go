package web

import (
	"math"
	"net/url"
	"testing"
	"time"

	"claimdesk/internal/claims"
)

// Long runs: go test ./internal/web -run '^$' -fuzz FuzzClaimForm -fuzztime 60s
// (likewise FuzzCitationForm, FuzzSourceForm, FuzzParseFilter).

// hostile are form bodies that once got through, or nearly.
var hostile = []string{
	"",
	"title=x&occurred_on=2023-10-19&date_precision=day&attack_type=drone",
	"title=Drones%00hit&occurred_on=2023-10-19&date_precision=day&attack_type=drone",
	"title=%FF%FE&summary=%1B%5B2J&place=%00&country=Syri%C3&target=base%00",
	"title=x&latitude=NaN&longitude=38&occurred_on=2023-10-19&date_precision=day&attack_type=drone",
	"title=x&latitude=Inf&longitude=-Infinity&occurred_on=2023-10-19&date_precision=day&attack_type=drone",
	"title=x&latitude=1e999&longitude=38&occurred_on=2023-10-19&date_precision=day&attack_type=drone",
	"title=x&latitude=33.5&occurred_on=2023-10-19&date_precision=day&attack_type=drone",
	"title=x&occurred_on=0000-01-01&date_precision=day&attack_type=drone",
	"title=x&occurred_on=0001-01-01&date_precision=day&attack_type=drone",
	"title=x&occurred_on=9999-12-31&date_precision=day&attack_type=drone",
	"source_id=1&stance=reports&quote=said%00so&published_at=0000-01-01T00:00",
	"source_id=-1&stance=reports&published_at=2999-01-01T00:00&launched=99999999999999999999",
	"source_id=1&stance=confirms&url=javascript:alert(1)&attribution=%FF",
	"name=Reu%00ters&kind=wire&homepage=https://x%7F",
	"name=+&kind=official&affiliation=%E2%80%8B&for_claim=1%00",
	"%zz=1&title=%",
	"title=a&title=b&version=-9223372036854775808",
}

// acceptable fails the test if any string a form accepted is not text.
func acceptable(t *testing.T, values ...string) {
	t.Helper()
	for _, s := range values {
		if !claims.IsText(s) {
			t.Fatalf("accepted %q, which is not text", s)
		}
	}
}

// shownSafely fails the test if a form would serve back a value that is not text.
func shownSafely(t *testing.T, f typedForm) {
	t.Helper()
	for k, v := range valuesOf(f) {
		if !claims.IsText(v) {
			t.Fatalf("field %s would be shown back as %q", k, v)
		}
	}
}

func inRange(t *testing.T, what string, at, latest time.Time) {
	t.Helper()
	if at.Before(claims.Earliest) || at.After(latest) {
		t.Fatalf("accepted %s %v, outside 1900 to %v", what, at, latest)
	}
}

func FuzzClaimForm(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, _ := url.ParseQuery(body)
		form := &claimForm{}
		p := readForm(form, v)
		c := form.toDomain(p)
		shownSafely(t, form)
		if len(p) > 0 {
			return
		}
		acceptable(t, c.Title, c.Summary, c.Place, c.Country, c.Target, string(c.DatePrecision), string(c.AttackType))
		if (c.Latitude == nil) != (c.Longitude == nil) {
			t.Fatalf("accepted one coordinate without the other: %v, %v", c.Latitude, c.Longitude)
		}
		if c.Latitude != nil && (math.IsNaN(*c.Latitude) || math.IsInf(*c.Latitude, 0) || math.IsNaN(*c.Longitude) || math.IsInf(*c.Longitude, 0)) {
			t.Fatalf("accepted coordinates %v, %v", *c.Latitude, *c.Longitude)
		}
		inRange(t, "date", c.OccurredOn, time.Now().AddDate(0, 0, 1))
	})
}

func FuzzCitationForm(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, _ := url.ParseQuery(body)
		form := &citationForm{ClaimID: 1}
		p := readForm(form, v)
		c := form.toDomain(p)
		shownSafely(t, form)
		if len(p) > 0 {
			return
		}
		acceptable(t, string(c.Stance), c.URL, c.Quote, c.Attribution, c.Figures.Weapon.Text)
		if c.SourceID <= 0 {
			t.Fatalf("accepted source %d", c.SourceID)
		}
		if c.PublishedAt != nil {
			inRange(t, "publication", *c.PublishedAt, time.Now().Add(24*time.Hour))
		}
	})
}

func FuzzSourceForm(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, _ := url.ParseQuery(body)
		form := &sourceForm{}
		p := readForm(form, v)
		s := form.toDomain(p)
		shownSafely(t, form)
		if len(p) > 0 {
			return
		}
		acceptable(t, s.Name, s.NameKey, string(s.Kind), s.Affiliation, s.Homepage)
		if s.Name == "" {
			t.Fatal("accepted a source without a name")
		}
	})
}

func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"", "bucket=contested&page=2", "bucket=%FF", "bucket=all&source=-1", "page=0", "page=99999999999999999999",
		"country=%00", "country=Syri%C3", "source=1&source=2&page=1e3", "%zz", "bucket=officially-confirmed&country=Syria",
		"occurred=confirmed_by_target&response=none_yet", "responsibility=%FF", "occurred=bogus", "bucket=awaiting-response"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, query string) {
		q, _ := url.ParseQuery(query)
		got, err := parseFilter(q)
		if err != nil {
			return
		}
		axesOK := (got.Occurred == "" || got.Occurred.Valid()) && (got.Responsibility == "" || got.Responsibility.Valid()) &&
			(got.Response == "" || got.Response.Valid())
		if !claims.ValidBucket(got.Bucket) || got.Page < 1 || got.SourceID < 0 || !claims.IsText(got.Country) || !axesOK {
			t.Fatalf("accepted filter %+v from %q", got, query)
		}
	})
}
