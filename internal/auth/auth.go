// Package auth keeps Claimdesk's user accounts, their roles, and their login sessions.
package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"claimdesk/internal/claims"
	"claimdesk/internal/db"

	"gorm.io/gorm"
)

// Errors the service returns.
var (
	ErrBadCredentials = errors.New("auth: wrong email or password")
	ErrNoSession      = errors.New("auth: no valid session")
	ErrSetupDone      = errors.New("auth: the first account exists already")
	// ErrTouch comes with a valid user when only recording the session's use failed.
	ErrTouch = errors.New("auth: could not record the session's use")
)

// Role says what a user may do; each role may do everything the ones before it may.
type Role string

// Roles, from least to most trusted.
const (
	RoleViewer      Role = "viewer"
	RoleEditor      Role = "editor"
	RoleFactchecker Role = "factchecker"
	RoleAdmin       Role = "admin"
)

// Roles lists every role, least trusted first, with what it may do.
var Roles = []claims.Choice{
	{Value: string(RoleViewer), Label: "Viewer: reads the desk"},
	{Value: string(RoleEditor), Label: "Editor: also adds and edits claims, sources and citations"},
	{Value: string(RoleFactchecker), Label: "Fact-checker: also sets verdicts"},
	{Value: string(RoleAdmin), Label: "Admin: also manages users"},
}

func (r Role) rank() int {
	for i, c := range Roles {
		if c.Value == string(r) {
			return i
		}
	}
	return -1
}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return r.rank() >= 0 }

// Allows reports whether a user with role r may do what needs role min.
func (r Role) Allows(min Role) bool { return r.Valid() && r.rank() >= min.rank() }

// User is an account.
type User struct {
	ID           int64
	Email        string
	Name         string
	Role         Role
	PasswordHash string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Display is how the user is named on a page.
func (u *User) Display() string {
	if u.Name != "" {
		return u.Name
	}
	return u.Email
}

// session is a row of the sessions table; the token itself is never stored.
type session struct {
	TokenHash  string `gorm:"primaryKey"`
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// Service manages accounts and sessions.
type Service struct {
	store           *db.DB
	sessions        *sessionCache
	IdleTimeout     time.Duration // a session unused this long ends
	AbsoluteTimeout time.Duration // a session this old ends, used or not
	Now             func() time.Time
}

// NewService returns a Service with a 2 hour idle and 12 hour absolute timeout.
func NewService(d *db.DB) *Service {
	return &Service{store: d, sessions: &sessionCache{}, IdleTimeout: 2 * time.Hour, AbsoluteTimeout: 12 * time.Hour}
}

// read is the handle for queries that write nothing.
func (s *Service) read(ctx context.Context) *gorm.DB { return s.store.Read(ctx) }

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// MinPassword is the shortest password accepted, in characters.
const MinPassword = 10

// NewUser is what an admin (or the setup page, or the command line) gives for an account.
type NewUser struct {
	Email    string
	Name     string
	Role     Role
	Password string
}

// Validate checks a new account and normalises its email.
func (n *NewUser) Validate() error {
	problems := claims.ValidationError{}
	n.Email = strings.ToLower(strings.TrimSpace(n.Email))
	n.Name = strings.TrimSpace(n.Name)
	if a, err := mail.ParseAddress(n.Email); err != nil || a.Address != n.Email || len(n.Email) > 254 {
		problems["email"] = "Give an email address like name@newsroom.org."
	}
	switch {
	case !claims.IsText(n.Name):
		problems["name"] = claims.NotText
	case utf8.RuneCountInString(n.Name) > 100:
		problems["name"] = "Keep the name to 100 characters."
	}
	if !n.Role.Valid() {
		problems["role"] = "Choose a role."
	}
	if l := utf8.RuneCountInString(n.Password); l < MinPassword {
		problems["password"] = fmt.Sprintf("Use at least %d characters.", MinPassword)
	} else if l > 1000 {
		problems["password"] = "Keep the password to 1000 characters."
	}
	if len(problems) > 0 {
		return problems
	}
	return nil
}

var errEmailTaken = claims.ValidationError{"email": "An account with this email exists already."}

// CreateUser validates and stores a new account.
func (s *Service) CreateUser(ctx context.Context, n NewUser) (*User, error) {
	u, err := s.newUser(n)
	if err != nil {
		return nil, err
	}
	err = s.store.Write(ctx, func(tx *gorm.DB) error { return s.createUser(tx, u) })
	if err != nil {
		return nil, err
	}
	return u, nil
}

// newUser validates n and hashes its password, before any write: the hash takes tens
// of milliseconds, which other saves must not wait for.
func (s *Service) newUser(n NewUser) (*User, error) {
	if err := n.Validate(); err != nil {
		return nil, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return nil, err
	}
	now := s.now()
	return &User{Email: n.Email, Name: n.Name, Role: n.Role, PasswordHash: hash, CreatedAt: now, UpdatedAt: now}, nil
}

// createUser stores u; once an account exists, the first-admin link is used up.
func (s *Service) createUser(tx *gorm.DB, u *User) error {
	err := tx.Create(u).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return errEmailTaken
	}
	if err != nil {
		return fmt.Errorf("auth: create user: %w", err)
	}
	if err := tx.Where("id = 1").Delete(&setupToken{}).Error; err != nil {
		return fmt.Errorf("auth: create user: %w", err)
	}
	// Pages list people (the assignee choices): they are current again at the next version.
	if err := db.BumpSessions(tx); err != nil {
		return fmt.Errorf("auth: create user: %w", err)
	}
	return nil
}

// CreateFirstAdmin creates an admin account only while there are no accounts at all.
func (s *Service) CreateFirstAdmin(ctx context.Context, n NewUser) (*User, error) {
	n.Role = RoleAdmin
	u, err := s.newUser(n)
	if err != nil {
		return nil, err
	}
	err = s.store.Write(ctx, func(tx *gorm.DB) error {
		var count int64
		if err := tx.Model(&User{}).Count(&count).Error; err != nil {
			return err
		}
		if count > 0 {
			return ErrSetupDone
		}
		return s.createUser(tx, u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// SetPassword replaces the password of the account with the given email.
func (s *Service) SetPassword(ctx context.Context, email, password string) error {
	if utf8.RuneCountInString(password) < MinPassword {
		return claims.ValidationError{"password": fmt.Sprintf("Use at least %d characters.", MinPassword)}
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&User{}).Where("email = ?", strings.ToLower(email)).
			Updates(map[string]any{"password_hash": hash, "updated_at": s.now()})
		if res.Error != nil {
			return fmt.Errorf("auth: set password: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return claims.ErrNotFound
		}
		return db.BumpSessions(tx)
	})
}

// Users lists every account by email.
func (s *Service) Users(ctx context.Context) ([]User, error) {
	var users []User
	if err := s.read(ctx).Order("email").Find(&users).Error; err != nil {
		return nil, fmt.Errorf("auth: list users: %w", err)
	}
	return users, nil
}

// UserByEmail returns the account with the given email, or claims.ErrNotFound.
func (s *Service) UserByEmail(ctx context.Context, email string) (*User, error) {
	var u User
	err := s.read(ctx).Where("email = ?", strings.ToLower(strings.TrimSpace(email))).First(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, claims.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("auth: user by email: %w", err)
	}
	return &u, nil
}

// CountUsers returns how many accounts exist.
func (s *Service) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	err := s.read(ctx).Model(&User{}).Count(&n).Error
	return n, err
}

// dummyHash is checked against when an email is unknown, so a wrong email takes as
// long as a wrong password and does not reveal which accounts exist.
var dummyHash, _ = HashPassword("claimdesk-no-such-user")

// Authenticate returns the user whose email and password match.
func (s *Service) Authenticate(ctx context.Context, email, password string) (*User, error) {
	var u User
	err := s.read(ctx).Where("email = ?", strings.ToLower(strings.TrimSpace(email))).First(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		CheckPassword(dummyHash, password)
		return nil, ErrBadCredentials
	}
	if err != nil {
		return nil, fmt.Errorf("auth: authenticate: %w", err)
	}
	if !CheckPassword(u.PasswordHash, password) {
		return nil, ErrBadCredentials
	}
	return &u, nil
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// StartSession creates a new session for the user and returns its token, which only
// the user's cookie holds. Sessions past their absolute timeout are swept here.
func (s *Service) StartSession(ctx context.Context, userID int64) (string, error) {
	token := RandomToken(32)
	now := s.now()
	err := s.store.Write(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("created_at < ?", now.Add(-s.AbsoluteTimeout)).Delete(&session{}).Error; err != nil {
			return fmt.Errorf("auth: sweep sessions: %w", err)
		}
		if err := tx.Create(&session{TokenHash: hashToken(token), UserID: userID, CreatedAt: now, LastSeenAt: now}).Error; err != nil {
			return fmt.Errorf("auth: start session: %w", err)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// touchEvery limits how often a session's last use is written back; touchWait is how
// long recording it may wait for a turn to write.
const (
	touchEvery = time.Minute
	touchWait  = 200 * time.Millisecond
)

// SessionUser returns the user a session token belongs to, if the session is still
// valid, and records that it was used. ErrNoSession means there is no such valid
// session (or its user is gone); any other error is a fault of the database. When only
// recording the use fails, the user is returned along with an ErrTouch error, so a
// desk that cannot write can still be read.
func (s *Service) SessionUser(ctx context.Context, token string) (*User, error) {
	u, _, err := s.sessionUser(ctx, token)
	return u, err
}

// sessionUser is SessionUser, also returning the session as it stands after this use.
func (s *Service) sessionUser(ctx context.Context, token string) (*User, session, error) {
	if token == "" {
		return nil, session{}, ErrNoSession
	}
	// One query for the session and its user: every page asks.
	var row struct {
		User
		SessionCreatedAt  time.Time
		SessionLastSeenAt time.Time
	}
	res := s.read(ctx).Table("sessions").
		Select("users.*, sessions.created_at AS session_created_at, sessions.last_seen_at AS session_last_seen_at").
		Joins("JOIN users ON users.id = sessions.user_id").
		Where("sessions.token_hash = ?", hashToken(token)).Limit(1).Scan(&row)
	if res.Error != nil {
		return nil, session{}, fmt.Errorf("auth: load session: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, session{}, ErrNoSession
	}
	sess := session{TokenHash: hashToken(token), UserID: row.ID, CreatedAt: row.SessionCreatedAt, LastSeenAt: row.SessionLastSeenAt}
	u := row.User
	now := s.now()
	if now.Sub(sess.LastSeenAt) > s.IdleTimeout || now.Sub(sess.CreatedAt) > s.AbsoluteTimeout {
		err := s.store.Write(ctx, func(tx *gorm.DB) error {
			if err := tx.Delete(&sess).Error; err != nil {
				return err
			}
			return db.BumpSessions(tx) // instances that kept it read it afresh
		})
		if err != nil {
			return nil, session{}, fmt.Errorf("auth: end expired session: %w", err)
		}
		return nil, session{}, ErrNoSession
	}
	if now.Sub(sess.LastSeenAt) > touchEvery {
		// A read must not queue behind a busy desk's writes: if the touch cannot get a
		// turn soon, a later request records the use instead.
		err := s.store.WriteWithin(ctx, touchWait, func(tx *gorm.DB) error {
			return tx.Model(&sess).Update("last_seen_at", now).Error
		})
		if err != nil && !errors.Is(err, db.ErrBusy) {
			return &u, sess, fmt.Errorf("%w: %w", ErrTouch, err)
		}
		if err == nil {
			sess.LastSeenAt = now
		}
	}
	return &u, sess, nil
}

// EndSession deletes the session, logging its user out.
func (s *Service) EndSession(ctx context.Context, token string) error {
	err := s.store.Write(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("token_hash = ?", hashToken(token)).Delete(&session{}).Error; err != nil {
			return err
		}
		return db.BumpSessions(tx) // instances that kept the session read it afresh
	})
	if err != nil {
		return fmt.Errorf("auth: end session: %w", err)
	}
	return nil
}
