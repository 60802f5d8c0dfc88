package claims_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"claimdesk/internal/claims"
	"claimdesk/internal/db"
	"claimdesk/internal/db/dbtest"
	"claimdesk/internal/demo"
)

// The benchmarks read a database of benchClaims generated claims. It is built once, the
// first time a benchmark asks for it, into a file under os.TempDir() that later runs
// reuse, made anew when demo.Generation changes.
const (
	benchClaims = 100_000
	benchSeed   = 1
)

var bench struct {
	once sync.Once
	svc  *claims.Service
	err  error
}

// benchService returns a service over the benchmark database, building it if needed.
func benchService(b *testing.B) *claims.Service {
	b.Helper()
	bench.once.Do(func() { bench.svc, bench.err = openBench(benchClaims) })
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.svc
}

func openBench(n int) (*claims.Service, error) {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("claimdesk-bench-%d-seed%d-gen%d.db", n, benchSeed, demo.Generation))
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := buildBench(path, n); err != nil {
			return nil, err
		}
	}
	gdb, err := db.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	svc := claims.NewService(gdb)
	if c, err := svc.Count(ctx, claims.Filter{}); err != nil || c.Total != int64(n) {
		gdb.Close()
		return nil, fmt.Errorf("bench database %s holds the wrong claims (%v); delete it to rebuild", path, err)
	}
	return svc, nil
}

// buildBench generates the database in a scratch file and renames it into place when
// complete, so an interrupted build is never taken for a finished one.
func buildBench(path string, n int) error {
	tmp := path + ".building"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	gdb, err := db.Open(ctx, tmp)
	if err != nil {
		return err
	}
	if err := demo.Generate(ctx, gdb, n, benchSeed); err != nil {
		gdb.Close()
		return err
	}
	if err := gdb.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func benchList(b *testing.B, f claims.Filter) {
	svc := benchService(b)
	for b.Loop() {
		p, err := svc.List(ctx, f, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Claims) == 0 {
			b.Fatalf("no claims for %+v", f)
		}
	}
}

func BenchmarkList(b *testing.B) { benchList(b, claims.Filter{}) }

func BenchmarkListBucket(b *testing.B) {
	for _, bucket := range []string{"officially-confirmed", "contested", "disputed"} {
		b.Run(bucket, func(b *testing.B) { benchList(b, claims.Filter{Bucket: bucket}) })
	}
}

func BenchmarkListCountry(b *testing.B) {
	b.Run("Common", func(b *testing.B) { benchList(b, claims.Filter{Country: "Syria"}) })
	b.Run("Rare", func(b *testing.B) { benchList(b, claims.Filter{Country: "Jordan"}) })
}

func BenchmarkListSource(b *testing.B) {
	svc := benchService(b)
	srcs, err := svc.Sources(ctx)
	if err != nil {
		b.Fatal(err)
	}
	busiest, quietest := srcs[0], srcs[0]
	for _, s := range srcs {
		if s.CitationCount > busiest.CitationCount {
			busiest = s
		}
		if s.CitationCount < quietest.CitationCount {
			quietest = s
		}
	}
	b.Run("Busiest", func(b *testing.B) { benchList(b, claims.Filter{SourceID: busiest.ID}) })
	b.Run("Quietest", func(b *testing.B) { benchList(b, claims.Filter{SourceID: quietest.ID}) })
}

func BenchmarkListDeepPage(b *testing.B) { benchList(b, claims.Filter{Page: 500}) }

func BenchmarkCount(b *testing.B) {
	svc := benchService(b)
	for b.Loop() {
		if _, err := svc.Count(ctx, claims.Filter{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCountries(b *testing.B) {
	svc := benchService(b)
	for b.Loop() {
		if _, err := svc.Countries(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDetail(b *testing.B) {
	svc := benchService(b)
	id := int64(0)
	for b.Loop() {
		id = (id+7919)%benchClaims + 1 // scattered over the table, not one page of it
		if _, err := svc.Detail(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenameSource renames a source cited by 10,000 claims. Reasons name sources
// by id and pages put today's name in, so a rename writes the one source row: the
// claims are not rewritten (checked after the loop).
func BenchmarkRenameSource(b *testing.B) {
	d := dbtest.Open(b)
	svc := claims.NewService(d)
	gdb := d.Gorm()
	for _, q := range []string{
		`INSERT INTO users (id, email, role, password_hash, created_at, updated_at) VALUES (1, 'ed@desk.test', 'editor', 'x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
		`INSERT INTO sources (id, name, name_key, kind, relation, created_at, updated_at) VALUES (1, 'AP', 'ap', 'wire', 'independent', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
		 INSERT INTO claims (id, title, occurred_on, date_precision, attack_type, evidence_rules, created_at, updated_at)
		 SELECT i, 'Claim ' || i, '2024-01-28', 'day', 'drone', 2, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM n`,
		`INSERT INTO citations (claim_id, source_id, stance, created_at) SELECT id, 1, 'reports', CURRENT_TIMESTAMP FROM claims`,
	} {
		if err := gdb.Exec(q).Error; err != nil {
			b.Fatal(err)
		}
	}
	revisions := func() (n int64) {
		gdb.Raw("SELECT SUM(revision) FROM claims").Scan(&n)
		return n
	}
	before := revisions()
	src, err := svc.Source(ctx, 1)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		src.Name = fmt.Sprintf("The Associated Press %d", i)
		if err := svc.UpdateSource(ctx, 1, src); err != nil {
			b.Fatal(err)
		}
	}
	if after := revisions(); after != before {
		b.Fatalf("claims' revisions went from %d to %d: a rename rewrote claim rows", before, after)
	}
}

// BenchmarkSearch lists the first page of a search, its counts taken live as the
// dashboard does: a word in about half the claims, a place in about one in sixty,
// a source's name (found through its reference tokens) and a phrase.
func BenchmarkSearch(b *testing.B) {
	for _, tt := range []struct{ name, q string }{
		{"Common", "drone"},
		{"Rare", "Ruwaished"},
		{"SourceName", `"Levant Press Agency"`},
		{"Phrase", `"al-Tanf garrison"`},
	} {
		b.Run(tt.name, func(b *testing.B) {
			svc := benchService(b)
			f := claims.Filter{Query: tt.q}
			for b.Loop() {
				c, err := svc.Count(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				p, err := svc.List(ctx, f, c)
				if err != nil {
					b.Fatal(err)
				}
				if len(p.Claims) == 0 || len(p.Matches) != len(p.Claims) {
					b.Fatalf("%q: %d claims, %d matches", tt.q, len(p.Claims), len(p.Matches))
				}
			}
		})
	}
}
