package web

import (
	"errors"
	"net/http"
	"testing"

	"github.com/labstack/echo/v4"
)

func TestParseID(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1", 1, true},
		{"42", 42, true},
		{"9223372036854775807", 9223372036854775807, true},
		{"9223372036854775808", 0, false},
		{"99999999999999999999999", 0, false},
		{"0", 0, false},
		{"01", 0, false},
		{"+1", 0, false},
		{"-1", 0, false},
		{" 1", 0, false},
		{"1 ", 0, false},
		{"1e3", 0, false},
		{"0x1", 0, false},
		{"１", 0, false}, // a fullwidth digit
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseID(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseID(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParsePage(t *testing.T) {
	tests := []struct {
		in   string
		want int
		msg  string
	}{
		{"", 1, ""},
		{"1", 1, ""},
		{"1000000", 1_000_000, ""},
		{"1000001", 0, "There is no page beyond 1,000,000."},
		{"9223372036854775807", 0, "There is no page beyond 1,000,000."},
		{"99999999999999999999999", 0, "There is no page beyond 1,000,000."},
		{"0", 0, "The page must be a whole number from 1 up."},
		{"-1", 0, "The page must be a whole number from 1 up."},
		{"+2", 0, "The page must be a whole number from 1 up."},
		{"02", 0, "The page must be a whole number from 1 up."},
		{"two", 0, "The page must be a whole number from 1 up."},
	}
	for _, tt := range tests {
		got, err := parsePage(tt.in)
		if tt.msg == "" {
			if err != nil || got != tt.want {
				t.Errorf("parsePage(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
			continue
		}
		var he *echo.HTTPError
		if !errors.As(err, &he) || he.Code != http.StatusBadRequest || he.Message != tt.msg {
			t.Errorf("parsePage(%q) = %d, %v; want 400 %q", tt.in, got, err, tt.msg)
		}
	}
}
