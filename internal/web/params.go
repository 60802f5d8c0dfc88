package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// maxPage is the highest page number a list accepts; beyond it is a mistake or a probe.
const maxPage = 1_000_000

// parseID reads a record's number as it appears in the desk's own links: canonical
// decimal only (no sign, no leading zero, no spaces), from 1 up, within int64.
func parseID(s string) (int64, bool) {
	if !digits(s) {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false
	}
	return id, true
}

// digits reports whether s is a number written without sign, spaces or leading zero.
func digits(s string) bool {
	if s == "" || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parsePage reads the page query parameter: empty is page 1; anything but a
// canonical number from 1 to maxPage is a 400 with a message a person can act on.
func parsePage(v string) (int, error) {
	if v == "" {
		return 1, nil
	}
	if !digits(v) {
		return 0, badRequest("The page must be a whole number from 1 up.")
	}
	n, ok := parseID(v)
	if !ok || n > maxPage {
		return 0, badRequest("There is no page beyond 1,000,000.")
	}
	return int(n), nil
}

// canonicalID sends a GET of a record under a non-canonical number (/claims/01,
// /claims/+1) to its one address with a 301, and answers anything else there with 404,
// so each record has exactly one address.
func canonicalID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		raw := c.Param("id")
		if !strings.Contains(c.Path(), ":id") {
			return next(c)
		}
		if _, ok := parseID(raw); ok {
			return next(c)
		}
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 || c.Request().Method != http.MethodGet {
			return echo.NewHTTPError(http.StatusNotFound)
		}
		to := strings.Replace(c.Path(), ":id", strconv.FormatInt(id, 10), 1)
		if q := c.Request().URL.RawQuery; q != "" {
			to += "?" + q
		}
		return c.Redirect(http.StatusMovedPermanently, to)
	}
}
