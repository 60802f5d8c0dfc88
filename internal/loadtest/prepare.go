package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/db"
	"claimdesk/internal/demo"
)

// Fixture is a database ready to be loaded: the account the harness logs in with and
// the records its routes pick from.
type Fixture struct {
	Email, Password     string
	ClaimIDs, SourceIDs []int64
}

// loadAccount is the fact-checker the harness logs in as; each run gives it a new
// random password.
const loadAccount = "loadtest@claimdesk.invalid"

// Prepare makes the database at path ready for a load test: it generates n claims
// (seed 1) if the file is missing, gives the harness's fact-checker account a fresh
// random password, and reads the ids of the claims and sources.
func Prepare(ctx context.Context, path string, n int, log io.Writer) (*Fixture, error) {
	if !db.IsPostgres(path) {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			if err := generate(ctx, path, n, log); err != nil {
				return nil, err
			}
		} else if err != nil {
			return nil, fmt.Errorf("loadtest: %w", err)
		}
	}
	d, err := db.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	if db.IsPostgres(path) {
		// A PostgreSQL database is generated in place when it has no claims yet.
		var claims int64
		if err := d.Read(ctx).Table("claims").Count(&claims).Error; err != nil {
			return nil, fmt.Errorf("loadtest: %w", err)
		}
		if claims == 0 {
			fmt.Fprintf(log, "Generating %d claims into the PostgreSQL database (a few minutes for 100,000)…\n", n)
			start := time.Now()
			if err := demo.Generate(ctx, d, n, 1); err != nil {
				return nil, err
			}
			fmt.Fprintf(log, "Generated in %s.\n", time.Since(start).Round(time.Second))
		}
	}
	f := &Fixture{Email: loadAccount, Password: auth.RandomToken(18)}
	if err := Account(ctx, auth.NewService(d), f.Email, f.Password); err != nil {
		return nil, err
	}
	if f.ClaimIDs, f.SourceIDs, err = IDs(ctx, d); err != nil {
		return nil, err
	}
	if len(f.ClaimIDs) == 0 || len(f.SourceIDs) == 0 {
		return nil, fmt.Errorf("loadtest: %s has no claims or no sources; remove it to generate a new one", path)
	}
	return f, nil
}

// generate writes n claims into a new file at path, by way of a temporary file so an
// interrupted generation is not mistaken for a finished one next time.
func generate(ctx context.Context, path string, n int, log io.Writer) error {
	tmp := path + ".partial"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	fmt.Fprintf(log, "Generating %d claims into %s (a minute or two for 100,000)…\n", n, path)
	start := time.Now()
	d, err := db.Open(ctx, tmp)
	if err != nil {
		return err
	}
	err = demo.Generate(ctx, d, n, 1)
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("loadtest: %w", err)
	}
	fmt.Fprintf(log, "Generated in %s.\n", time.Since(start).Round(time.Second))
	return nil
}

// Account makes email a fact-checker with the given password, creating the account if
// it does not exist.
func Account(ctx context.Context, as *auth.Service, email, password string) error {
	err := as.SetPassword(ctx, email, password)
	if errors.Is(err, claims.ErrNotFound) {
		_, err = as.CreateUser(ctx, auth.NewUser{Email: email, Name: "Load test", Role: auth.RoleFactchecker, Password: password})
	}
	if err != nil {
		return fmt.Errorf("loadtest: account %s: %w", email, err)
	}
	return nil
}

// IDs returns the ids of every claim and every source.
func IDs(ctx context.Context, d *db.DB) (claimIDs, sourceIDs []int64, err error) {
	if err := d.Read(ctx).Table("claims").Order("id").Pluck("id", &claimIDs).Error; err != nil {
		return nil, nil, fmt.Errorf("loadtest: claim ids: %w", err)
	}
	if err := d.Read(ctx).Table("sources").Order("id").Pluck("id", &sourceIDs).Error; err != nil {
		return nil, nil, fmt.Errorf("loadtest: source ids: %w", err)
	}
	return claimIDs, sourceIDs, nil
}
