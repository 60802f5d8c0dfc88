package views_test

import (
	"strings"
	"testing"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/views"
)

// TestEventText renders the change list with details that once panicked (empty) or
// were cut mid-character (a first letter of two bytes).
func TestEventText(t *testing.T) {
	tests := []struct{ detail, want string }{
		{"", "· "},
		{"Changed title, target", "changed title, target"},
		{"Édité le titre", "édité le titre"},
		{"Ωmega", "ωmega"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			c := &claims.Claim{ID: 1, Title: "Drones hit al-Tanf", Verdict: "unverified"}
			p := views.ClaimPage{ClaimDetail: &claims.ClaimDetail{Claim: c, Events: []claims.Event{{Kind: "edited", Detail: tt.detail}}}}
			doc := render(t, views.ClaimShow(views.Session{User: &auth.User{Role: auth.RoleViewer}}, p))
			if got := doc.Find("aside li small").Last().Text(); !strings.HasSuffix(got, tt.want) {
				t.Errorf("event reads %q, want it to end in %q", got, tt.want)
			}
		})
	}
}
