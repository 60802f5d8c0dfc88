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
		{"", ""},
		{"changed title, target", "Changed title, target"},
		{"édité le titre", "Édité le titre"},
		{"ωmega", "Ωmega"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			c := &claims.Claim{ID: 1, Title: "Drones hit al-Tanf", Verdict: "unverified"}
			p := views.ClaimPage{ClaimDetail: &claims.ClaimDetail{Claim: c, History: []claims.Event{{Kind: "other", Detail: tt.detail}}}}
			doc := render(t, views.ClaimShow(views.Session{User: &auth.User{Role: auth.RoleViewer}}, p))
			entry := doc.Find(`[data-testid="history"] > li`).Last()
			entry.Find("small").Remove()
			if got := strings.TrimSpace(entry.Text()); got != tt.want {
				t.Errorf("event reads %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCitationFormWayBack checks the citation form opens at itself after a refusal,
// that "Add it" carries the claim, and that the source form keeps it and cancels back.
func TestCitationFormWayBack(t *testing.T) {
	c := &claims.Claim{ID: 6, Title: "Drones hit al-Tanf", Verdict: "unverified"}
	p := views.ClaimPage{ClaimDetail: &claims.ClaimDetail{Claim: c},
		Sources:      []claims.Source{{ID: 1, Name: "CENTCOM", Kind: claims.KindOfficial}, {ID: 2, Name: "AP", Kind: claims.KindWire}},
		CitationForm: views.Form{Values: map[string]string{"source_id": "2"}, Errors: map[string]string{"stance": "Choose what the source says."}}}
	doc := render(t, views.ClaimShow(editor, p))
	form := doc.Find(`[data-testid="citation-form"]`)
	if got := form.AttrOr("action", ""); got != "/claims/6/citations#cite" {
		t.Errorf("citation form action = %q", got)
	}
	if got := form.Find(`select[name="source_id"] option[selected]`).AttrOr("value", ""); got != "2" {
		t.Errorf("chosen source = %q, want 2", got)
	}
	if form.Find(`[data-testid="error-stance"]`).Closest(".field").Find(`select[name="stance"]`).Length() != 1 {
		t.Error("the stance's message is not beside the stance")
	}
	if got := form.Find(`[data-testid="add-source"]`).AttrOr("href", ""); got != "/sources/new?for_claim=6" {
		t.Errorf("Add it links to %q", got)
	}

	doc = render(t, views.SourceEdit(editor, views.SourceForm{Form: views.Form{Values: map[string]string{"for_claim": "6"}}}))
	if got := doc.Find(`input[type="hidden"][name="for_claim"]`).AttrOr("value", ""); got != "6" {
		t.Errorf("source form carries for_claim %q", got)
	}
	if got := doc.Find(`.actions a`).AttrOr("href", ""); got != "/claims/6#cite" {
		t.Errorf("Cancel goes to %q, want back to the claim", got)
	}
	doc = render(t, views.SourceEdit(editor, views.SourceForm{}))
	if doc.Find(`input[name="for_claim"]`).Length() != 0 || doc.Find(`.actions a`).AttrOr("href", "") != "/sources" {
		t.Error("a source form with no claim to return to still points at one")
	}
}
