package claims

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"time"
)

// Value stores a party reference: none (zero) is NULL.
func (id PartyID) Value() (driver.Value, error) {
	if id == 0 {
		return nil, nil
	}
	return int64(id), nil
}

// Scan reads a party reference; NULL is none.
func (id *PartyID) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*id = 0
	case int64:
		*id = PartyID(x)
	case []byte:
		n, err := strconv.ParseInt(string(x), 10, 64)
		if err != nil {
			return fmt.Errorf("party id %q: %w", x, err)
		}
		*id = PartyID(n)
	default:
		return fmt.Errorf("party id: cannot read %T", v)
	}
	return nil
}

// PartyRecord is a party as the registry stores it.
type PartyRecord struct {
	Party       `gorm:"embedded"`
	NameKey     string
	Notes       string
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time
	CreatedByID *int64
	UpdatedByID *int64
	UpdatedBy   *Person `gorm:"foreignKey:UpdatedByID"`
}

// TableName maps PartyRecord onto parties.
func (PartyRecord) TableName() string { return "parties" }

// ContestReview is a fact-checker's note that one contest reason was weighed.
type ContestReview struct {
	ID           int64
	ClaimID      int64
	Key          string
	Note         string
	ReviewedByID *int64
	ReviewedBy   *Person `gorm:"foreignKey:ReviewedByID"`
	ReviewedAt   time.Time
}

// claimParty is a row of claim_parties.
type claimParty struct {
	ClaimID int64
	PartyID PartyID
	Role    string
}

func (claimParty) TableName() string { return "claim_parties" }

// Roles of a party in a claim.
const (
	roleAttacker = "attacker"
	roleTarget   = "target"
)
