package main

import (
	"flag"
	"io"
	"net/http"
	"testing"

	"claimdesk/internal/db/dbtest"
)

func TestTrustedProxyFlag(t *testing.T) {
	env := map[string]string{"CLAIMDESK_TRUSTED_PROXY": "172.16.0.0/12"}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cfg, err := parseFlags(fs, []string{"-trusted-proxy", "10.0.0.0/8, 192.0.2.1", "-trusted-proxy", "fd00::/8"}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.trustedProxies.String(), "172.16.0.0/12,10.0.0.0/8,192.0.2.1/32,fd00::/8"; got != want {
		t.Errorf("trusted proxies = %s, want %s", got, want)
	}
	fs = flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if _, err := parseFlags(fs, []string{"-trusted-proxy", "10.0.0.0/33"}, func(string) string { return "" }); err == nil {
		t.Error("a bad range was accepted")
	}
	env["CLAIMDESK_TRUSTED_PROXY"] = "proxy.example"
	if _, err := parseFlags(flag.NewFlagSet("t", flag.ContinueOnError), nil, func(k string) string { return env[k] }); err == nil {
		t.Error("a bad CLAIMDESK_TRUSTED_PROXY was accepted")
	}
}

func TestHSTSOnlyOverHTTPS(t *testing.T) {
	for _, tt := range []struct{ base, want string }{
		{"https://desk.example.org", "max-age=63072000; includeSubDomains"},
		{"", ""},
		{"http://desk.example.org", ""},
	} {
		args := []string{"-addr", "127.0.0.1:0", "-db", dbtest.DSN(t)}
		if tt.base != "" {
			args = append(args, "-base-url", tt.base)
		}
		a := startApp(t, nil, args...)
		res, err := http.Get(a.URL + "/login")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Strict-Transport-Security"); got != tt.want {
			t.Errorf("base URL %q: Strict-Transport-Security = %q, want %q", tt.base, got, tt.want)
		}
		a.Stop()
	}
}

func TestOrigin(t *testing.T) {
	for base, want := range map[string]string{
		"https://desk.example.org":           "https://desk.example.org",
		"https://desk.example.org:8443/":     "https://desk.example.org:8443",
		"https://desk.example.org/desk/?x=1": "https://desk.example.org",
		"http://127.0.0.1:8080":              "http://127.0.0.1:8080",
		"":                                   "",
		"desk.example.org":                   "",
		"://bad":                             "",
	} {
		if got := origin(base); got != want {
			t.Errorf("origin(%q) = %q, want %q", base, got, want)
		}
	}
}
