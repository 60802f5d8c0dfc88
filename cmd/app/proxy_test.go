package main

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/db/dbtest"
)

// TestBehindNginx runs the README's nginx example, as written, in front of two
// instances on one PostgreSQL database: login, pages, saves and live updates all go
// through the proxy over HTTPS, requests reach both instances, a live stream is not
// buffered, and a form from another site is still refused. Like the other
// several-instance tests it runs in CI's PostgreSQL run; there it needs nginx, which
// .ci/run installs.
func TestBehindNginx(t *testing.T) {
	if !dbtest.NeedPostgres(t, "two instances need PostgreSQL") {
		return
	}
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		if nginx, err = exec.LookPath("/usr/sbin/nginx"); err != nil {
			t.Fatal("nginx not found: apt-get install -y nginx (.ci/run does)")
		}
	}
	t.Parallel()
	dir := t.TempDir()
	port := freePort(t)
	base := fmt.Sprintf("https://desk.example.org:%d", port)
	dsn := dbtest.DSN(t)
	env := map[string]string{"CLAIMDESK_DEMO_PASSWORD": demoPassword}
	flags := []string{"-trusted-proxy", "127.0.0.1/32", "-base-url", base}
	a := startApp(t, env, append(demoArgs(dsn), flags...)...)
	b := startApp(t, env, append([]string{"-addr", "127.0.0.1:0", "-db", dsn}, flags...)...)

	cert, key := selfSigned(t, dir, "desk.example.org")
	conf := filepath.Join(dir, "nginx.conf")
	server := readmeNginx(t, map[string]string{
		"127.0.0.1:8080":  strings.TrimPrefix(a.URL, "http://"),
		"127.0.0.1:8081":  strings.TrimPrefix(b.URL, "http://"),
		"listen 443 ssl;": fmt.Sprintf("listen 127.0.0.1:%d ssl;", port),
		"# ssl_certificate …; ssl_certificate_key …;": fmt.Sprintf("ssl_certificate %s; ssl_certificate_key %s;", cert, key),
	})
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;" // workers as root may use the test's temporary directory
	}
	wrapper := fmt.Sprintf(`%s
worker_processes 1;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log;
events {}
http {
    access_log off;
    client_body_temp_path %[2]s/body;
    proxy_temp_path %[2]s/proxy;
    fastcgi_temp_path %[2]s/fastcgi;
    uwsgi_temp_path %[2]s/uwsgi;
    scgi_temp_path %[2]s/scgi;
%s
}
`, user, dir, server)
	if err := os.WriteFile(conf, []byte(wrapper), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nginx, "-p", dir, "-c", conf, "-g", "daemon off;")
	logs, err := os.Create(filepath.Join(dir, "nginx.out"))
	if err != nil {
		t.Fatal(err)
	}
	defer logs.Close()
	cmd.Stdout, cmd.Stderr = logs, logs
	out := func() string {
		b, _ := os.ReadFile(filepath.Join(dir, "nginx.out"))
		e, _ := os.ReadFile(filepath.Join(dir, "error.log"))
		return string(b) + string(e)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})

	// Browsers reach desk.example.org; here it is this machine.
	pool := x509.NewCertPool()
	certPEM, err := os.ReadFile(cert)
	if err != nil {
		t.Fatal(err)
	}
	pool.AppendCertsFromPEM(certPEM)
	transport := &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool},
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, fmt.Sprintf("127.0.0.1:%d", port))
		},
	}
	t.Cleanup(transport.CloseIdleConnections)
	browser := func() *client {
		c := newClient(t, base)
		c.http.Transport = transport
		jar, _ := cookiejar.New(nil)
		c.http.Jar = jar
		return c
	}
	editor, viewer := browser(), browser()
	deadline := time.Now().Add(10 * time.Second)
	for {
		res, err := editor.http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx did not answer within 10 s: %v\n%s", err, out())
		}
		time.Sleep(50 * time.Millisecond)
	}

	// A browser that sends Origin but not Sec-Fetch-Site, as older ones do.
	login := func(c *client, email string) {
		t.Helper()
		form := url.Values{"email": {email}, "password": {demoPassword}, "next": {"/"}}
		req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", base)
		res, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
			t.Fatalf("login through nginx as %s: %d to %q, want 303 to /", email, res.StatusCode, res.Header.Get("Location"))
		}
		if sc := res.Header.Get("Set-Cookie"); !strings.Contains(sc, "Secure") || !strings.Contains(sc, "HttpOnly") {
			t.Errorf("session cookie over https = %q, want Secure and HttpOnly", sc)
		}
	}
	login(editor, "editor@demo.test")
	login(viewer, "viewer@demo.test")
	for range 6 {
		if res := editor.get("/"); res.Status != http.StatusOK {
			t.Fatalf("dashboard through nginx: %d", res.Status)
		}
	}
	for name, inst := range map[string]*app{"A": a, "B": b} {
		if !strings.Contains(inst.Output(), "path=/ status=200") {
			t.Errorf("instance %s served no dashboard: nginx did not spread the requests", name)
		}
	}

	req, _ := http.NewRequest(http.MethodGet, base+"/events?claim=1", nil)
	stream, err := viewer.http.Do(req)
	if err != nil || stream.StatusCode != http.StatusOK {
		t.Fatalf("live stream through nginx: %v %v", err, stream)
	}
	defer stream.Body.Close()
	heard := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(stream.Body)
		for sc.Scan() {
			heard <- sc.Text()
		}
		close(heard)
	}()
	for i := range 2 { // one save on each instance, whichever nginx picks
		if res := editor.post("/claims/1/comments", url.Values{"body": {fmt.Sprintf("Seen through the proxy, %d.", i)}}); res.Status != http.StatusSeeOther {
			t.Fatalf("comment through nginx: %d", res.Status)
		}
	}
	wait := time.After(5 * time.Second)
	for notices := 0; notices < 2; {
		select {
		case line, ok := <-heard:
			if !ok {
				t.Fatal("the live stream ended")
			}
			if strings.Contains(line, "Eli Editor commented.") {
				notices++
			}
		case <-wait:
			t.Fatalf("the live page heard %d of 2 comments within 5 s: nginx buffers the stream or events do not cross instances", notices)
		}
	}

	req, _ = http.NewRequest(http.MethodPost, base+"/claims/1/comments", strings.NewReader("body=From+elsewhere"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	if res := editor.do(req); res.Status != http.StatusForbidden {
		t.Errorf("a form from another site through nginx: %d, want 403", res.Status)
	}
}

// readmeNginx returns the README's nginx example with each of swaps made; it fails if
// the README lacks the example or any text to swap, so the test follows the README.
func readmeNginx(t *testing.T, swaps map[string]string) string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```nginx\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no ```nginx example")
	}
	conf := string(m[1])
	for from, to := range swaps {
		if !strings.Contains(conf, from) {
			t.Fatalf("README's nginx example no longer has %q; update this test with it", from)
		}
		conf = strings.ReplaceAll(conf, from, to)
	}
	return conf
}

// freePort returns a TCP port on 127.0.0.1 that nothing listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// selfSigned writes a certificate for host and its key into dir.
func selfSigned(t *testing.T, dir, host string) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: host},
		DNSNames:     []string{host},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}
