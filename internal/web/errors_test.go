package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"

	"github.com/labstack/echo/v4"
)

// busy stands for db.ErrBusy: an error that says when to retry.
type busy struct{}

func (busy) Error() string             { return "db: busy" }
func (busy) RetryAfter() time.Duration { return 5 * time.Second }

func TestRespondTo(t *testing.T) {
	tests := []struct {
		err    error
		status int
		kind   string
		retry  time.Duration
	}{
		{fmt.Errorf("claims: get: %w", claims.ErrNotFound), 404, "", 0},
		{fmt.Errorf("claims: update: %w", claims.ErrConflict), 409, "", 0},
		{auth.ErrBadCredentials, 401, "", 0},
		{auth.ErrSetupDone, 404, "", 0},
		{claims.ValidationError{"title": "Give a title."}, 422, "", 0},
		{fmt.Errorf("save: %w", claims.ValidationError{"title": "x"}), 422, "", 0},
		{echo.NewHTTPError(http.StatusRequestEntityTooLarge), 413, "", 0},
		{fmt.Errorf("add citation: %w", busy{}), 503, "busy", 5 * time.Second},
		{tooManyAttempts{90 * time.Second}, 429, "", 90 * time.Second},
		{errors.New("disk on fire"), 500, "", 0},
	}
	for _, tt := range tests {
		r := respondTo(tt.err)
		if r.status != tt.status || r.kind != tt.kind || r.retryAfter != tt.retry {
			t.Errorf("respondTo(%v) = %d %q %v; want %d %q %v", tt.err, r.status, r.kind, r.retryAfter, tt.status, tt.kind, tt.retry)
		}
	}
	if _, msg := errorText(503, "full"); !strings.Contains(msg, "disk is full") {
		t.Errorf("disk-full page says %q", msg)
	}
	if title, _ := errorText(418, "no such kind"); title != "Something went wrong" {
		t.Errorf("unknown status has title %q", title)
	}
}

func TestBusyPage(t *testing.T) {
	var logs bytes.Buffer
	s := New(Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	rec := httptest.NewRecorder()
	c := s.echo.NewContext(httptest.NewRequest("POST", "/claims", nil), rec)
	s.handleError(fmt.Errorf("claims: create: %w", busy{}), c)
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "5" {
		t.Errorf("busy = %d, Retry-After %q; want 503, 5", rec.Code, rec.Header().Get("Retry-After"))
	}
	if !strings.Contains(rec.Body.String(), "nothing was saved") {
		t.Errorf("busy page does not say nothing was saved:\n%s", rec.Body)
	}
	if !strings.Contains(logs.String(), "level=WARN") || strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("busy logged as %q, want one warning", logs.String())
	}
}

func TestClientGoneRendersNothing(t *testing.T) {
	var logs bytes.Buffer
	s := New(Config{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := httptest.NewRecorder()
	c := s.echo.NewContext(httptest.NewRequest("GET", "/", nil).WithContext(ctx), rec)
	s.handleError(fmt.Errorf("claims: count: %w", context.Canceled), c)
	if rec.Body.Len() > 0 || c.Response().Committed {
		t.Errorf("rendered %d bytes for a client that left", rec.Body.Len())
	}
	if !strings.Contains(logs.String(), "level=DEBUG") || strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("logged %q, want debug only", logs.String())
	}
}
