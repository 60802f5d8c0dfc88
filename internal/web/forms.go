package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"claimdesk/internal/claims"

	"github.com/labstack/echo/v4"
)

// formValues parses a posted form. A body over the limit is a 413; any other parse
// failure a 400. (c.FormValue would hide both and hand back empty fields.)
func formValues(c echo.Context) (url.Values, error) {
	v, err := c.FormParams()
	if err != nil {
		var he *echo.HTTPError
		var mbe *http.MaxBytesError
		if errors.As(err, &he) || errors.As(err, &mbe) {
			return nil, echo.NewHTTPError(http.StatusRequestEntityTooLarge)
		}
		return nil, badRequest("The form could not be read.")
	}
	return v, nil
}

// pathID reads the :id of a route; anything but a positive number is a 404.
func pathID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.NewHTTPError(http.StatusNotFound)
	}
	return id, nil
}

// problems collects what is wrong with a form while it is parsed.
type problems = claims.ValidationError

func optFloat(v url.Values, name string, p problems) *float64 {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		p[name] = "Give a number, like 33.51."
		return nil
	}
	return &f
}

func optInt(v url.Values, name string, p problems) *int {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		p[name] = "Give a whole number."
		return nil
	}
	return &n
}

func date(v url.Values, name string, p problems) time.Time {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		p[name] = "Give the date as YYYY-MM-DD."
	}
	return t
}

// claimFromForm reads a claim form; the problems include the claim's own validation.
func claimFromForm(v url.Values) (*claims.Claim, problems) {
	p := problems{}
	c := &claims.Claim{
		Title: v.Get("title"), Summary: v.Get("summary"), Place: v.Get("place"),
		Country: v.Get("country"), Target: v.Get("target"),
		DatePrecision: claims.DatePrecision(v.Get("date_precision")),
		AttackType:    claims.AttackType(v.Get("attack_type")),
		Latitude:      optFloat(v, "latitude", p),
		Longitude:     optFloat(v, "longitude", p),
		OccurredOn:    date(v, "occurred_on", p),
	}
	c.Version, _ = strconv.Atoi(v.Get("version"))
	merge(p, c.Validate())
	return c, p
}

// citationFromForm reads the citation form.
func citationFromForm(claimID int64, v url.Values) (*claims.Citation, problems) {
	p := problems{}
	cit := &claims.Citation{
		ClaimID: claimID, Stance: claims.Stance(v.Get("stance")), URL: v.Get("url"),
		Quote: v.Get("quote"), Attribution: v.Get("attribution"),
		Figures: claims.Figures{
			Weapon:      v.Get("weapon"),
			Launched:    optInt(v, "launched", p),
			Intercepted: optInt(v, "intercepted", p),
			Killed:      optInt(v, "killed", p),
			Injured:     optInt(v, "injured", p),
		},
	}
	cit.SourceID, _ = strconv.ParseInt(v.Get("source_id"), 10, 64)
	if s := strings.TrimSpace(v.Get("published_at")); s != "" {
		t, err := time.Parse("2006-01-02T15:04", s)
		if err != nil {
			t, err = time.Parse(time.DateOnly, s)
		}
		if err != nil {
			p["published_at"] = "Give the date and time as YYYY-MM-DD HH:MM."
		} else {
			cit.PublishedAt = &t
		}
	}
	merge(p, cit.Validate())
	return cit, p
}

func sourceFromForm(v url.Values) (*claims.Source, problems) {
	p := problems{}
	src := &claims.Source{Name: v.Get("name"), Kind: claims.SourceKind(v.Get("kind")),
		Affiliation: v.Get("affiliation"), Homepage: v.Get("homepage")}
	src.Version, _ = strconv.Atoi(v.Get("version"))
	merge(p, src.Validate())
	return src, p
}

// merge adds the problems in err, if it is a ValidationError, to p; parse problems
// found first win.
func merge(p problems, err error) {
	var ve claims.ValidationError
	if errors.As(err, &ve) {
		for k, msg := range ve {
			if _, ok := p[k]; !ok {
				p[k] = msg
			}
		}
	}
}
