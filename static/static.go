// Package static holds Claimdesk's stylesheet and scripts, embedded in the binary and
// served under content-hashed names so browsers may cache them for good.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed *.css *.js
var files embed.FS

// hashed maps a file's name to its name with a content hash ("style.css" ->
// "style.1a2b3c4d5e.css"); byHash is the reverse; etags holds each file's hash as its
// ETag.
var hashed, byHash, etags = hashNames()

func hashNames() (map[string]string, map[string]string, map[string]string) {
	fwd, rev, tags := map[string]string{}, map[string]string{}, map[string]string{}
	entries, _ := fs.ReadDir(files, ".")
	for _, e := range entries {
		b, _ := files.ReadFile(e.Name())
		sum := sha256.Sum256(b)
		ext := path.Ext(e.Name())
		hash := hex.EncodeToString(sum[:5])
		h := strings.TrimSuffix(e.Name(), ext) + "." + hash + ext
		fwd[e.Name()], rev[h], tags[e.Name()] = h, e.Name(), `"`+hash+`"`
	}
	return fwd, rev, tags
}

// Path returns the URL path of the named file, content hash included.
func Path(name string) string {
	if h, ok := hashed[name]; ok {
		return "/static/" + h
	}
	return "/static/" + name
}

// Handler serves the files under /static/: hashed names are cached for a year, plain
// names are revalidated by their ETag (304 when unchanged).
func Handler() http.Handler {
	fileServer := http.StripPrefix("/static/", http.FileServerFS(files))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		if orig, ok := byHash[name]; ok {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			r2 := r.Clone(r.Context())
			r2.URL.Path = "/static/" + orig
			fileServer.ServeHTTP(w, r2)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		if tag, ok := etags[name]; ok {
			// Embedded files have no time, so revalidation goes by content.
			w.Header().Set("ETag", tag)
		}
		fileServer.ServeHTTP(w, r)
	})
}
