package loadtest

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// Baseline returns the trivial echo/v4 handler the desk's pages are measured against,
// the same as the shared tools' baseline/main.go: GET / answers "ok".
func Baseline() http.Handler {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.GET("/", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	return e
}
