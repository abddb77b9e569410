package catalog

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestClosestFirst(t *testing.T) {
	tests := []struct {
		name       string
		input      string
		candidates []string
		want       []string
	}{
		{"closest region", "eu-west-33", []string{"us-east-1", "eu-west-1", "eu-west-3", "eu-central-1"}, []string{"eu-west-3", "eu-west-1", "us-east-1", "eu-central-1"}},
		{"case does not matter", "WESTEUROPE", []string{"northeurope", "westeurope", "westus"}, []string{"westeurope", "northeurope", "westus"}},
		{"ties alphabetical", "b", []string{"c", "a"}, []string{"a", "c"}},
		{"duplicates removed", "x", []string{"y", "x", "y"}, []string{"x", "y"}},
		// A candidate containing the input is closer than its distance:
		// the short source finds the full one.
		{"containment", "aws", []string{"hashicorp/awscc", "hashicorp/aws", "abc"}, []string{"abc", "hashicorp/aws", "hashicorp/awscc"}},
		{"contained in the input", "cloudgouv-eu-west-1a", []string{"eu-west-2", "cloudgouv-eu-west-1"}, []string{"cloudgouv-eu-west-1", "eu-west-2"}},
		{"empty input", "", []string{"bb", "a"}, []string{"a", "bb"}},
		{"no candidates", "x", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]string(nil), tt.candidates...)
			if diff := cmp.Diff(tt.want, closestFirst(tt.input, tt.candidates)); diff != "" {
				t.Errorf("closestFirst(%q) (-want +got):\n%s", tt.input, diff)
			}
			if diff := cmp.Diff(in, tt.candidates); diff != "" {
				t.Errorf("closestFirst changed its argument (-before +after):\n%s", diff)
			}
		})
	}
}

func TestLevenshtein(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"eu-west-3", "eu-west-33", 1},
		{"zürich", "zurich", 1},
	}
	for _, tt := range tests {
		if got := EditDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNotFoundErrorMessage(t *testing.T) {
	known := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("r%02d", i+1)
		}
		return out
	}
	tests := []struct {
		name string
		err  *NotFoundError
		want string
	}{
		{"few known", &NotFoundError{What: "region", Name: "eu-west-33", Scope: `for provider "hashicorp/aws"`, Known: []string{"eu-west-3", "eu-west-1"}},
			`unknown region "eu-west-33" for provider "hashicorp/aws"; known (closest first): eu-west-3, eu-west-1`},
		{"exactly the maximum shown", &NotFoundError{What: "region", Name: "x", Known: known(12)},
			`unknown region "x"; known (closest first): r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11, r12`},
		{"more than shown", &NotFoundError{What: "region", Name: "x", Known: known(15)},
			`unknown region "x"; known (closest first): r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11, r12 and 3 more`},
		{"none known, with hint", &NotFoundError{What: "operator", Name: "ovh", Hint: "see trustcloud_operators"},
			`unknown operator "ovh"; the catalog knows none (see trustcloud_operators)`},
		{"hint after the list", &NotFoundError{What: "terraform provider", Name: "hashicorp/awz", Known: []string{"hashicorp/aws"}, Hint: "add others with a catalog file"},
			`unknown terraform provider "hashicorp/awz"; known (closest first): hashicorp/aws (add others with a catalog file)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestNotFoundFromLookup checks the message of a real lookup: the closest
// region first, and the rest counted.
func TestNotFoundFromLookup(t *testing.T) {
	c := defaultCatalogT(t)
	_, err := c.RegionOf("hashicorp/aws", "eu-west-33")
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("error = %v, want a NotFoundError", err)
	}
	want := fmt.Sprintf(" and %d more (zones are accepted too", len(nf.Known)-maxSuggestions)
	if !strings.HasPrefix(err.Error(), `unknown region "eu-west-33" for provider "hashicorp/aws"; known (closest first): eu-west-3, `) || !strings.Contains(err.Error(), want) {
		t.Errorf("error = %q; want the closest region first and %q", err, want)
	}
}

// TestKnownInValidation: validation messages list what is known the same
// way, closest first and counted beyond the maximum.
func TestKnownInValidation(t *testing.T) {
	edits := []edit{{"$.offers[0].regions[0]", "fr-par-9"}}
	for i := 1; i <= 13; i++ {
		edits = append(edits, edit{"$.regions[+]", raw(fmt.Sprintf(`{"operator": "acme", "code": "de-%02d", "country": "DE", "source_ids": ["s1"]}`, i))})
	}
	doc := minimalDoc(t)
	applyEdits(t, doc, edits)
	_, err := buildDoc(t, "many.json", doc)
	es := catalogErrors(t, err)
	want := `many.json: $.offers[0].regions[0]: unknown region "fr-par-9" of operator "acme"; known: fr-par, de-09, de-01, de-02, de-03, de-04, de-05, de-06, de-07, de-08, de-10, de-11 and 2 more`
	if len(es) != 1 || es[0].Error() != want {
		t.Errorf("error =\n%v\nwant\n%s", err, want)
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&Error{File: "a.json", Path: "$.x", Msg: "bad"}, "a.json: $.x: bad"},
		{&Error{File: "a.json", Msg: "bad"}, "a.json: bad"},
		{&Error{Msg: "bad"}, "bad"},
		{Errors{{File: "a.json", Path: "$.x", Msg: "one"}, {File: "b.json", Msg: "two"}}, "a.json: $.x: one\nb.json: two"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestErrorsUnwrap(t *testing.T) {
	second := &Error{File: "b.json", Path: "$.y", Msg: "two"}
	err := fmt.Errorf("loading: %w", Errors{{File: "a.json", Msg: "one"}, second})
	var es Errors
	if !errors.As(err, &es) || len(es) != 2 {
		t.Fatalf("errors.As(Errors) = %v, %v", es, err)
	}
	if !errors.Is(err, second) {
		t.Error("errors.Is does not find the second *Error")
	}
	var one *Error
	if !errors.As(err, &one) || one.File != "a.json" {
		t.Errorf("errors.As(*Error) = %+v, want the first error", one)
	}
	if (Errors{}).orNil() != nil || (Errors{second}).orNil() == nil {
		t.Error("orNil: want nil for no errors only")
	}
	if IsNotFound(err) || !IsNotFound(fmt.Errorf("x: %w", &NotFoundError{What: "region"})) {
		t.Error("IsNotFound is wrong")
	}
}

func TestValidCountry(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"FR", true}, {"GB", true}, {"NO", true}, {"XK", false}, {"UK", false}, {"EU", false}, {"fr", false}, {"FRA", false}, {"", false},
	}
	for _, tt := range tests {
		if got := ValidCountry(tt.code); got != tt.want {
			t.Errorf("ValidCountry(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
	if len(iso3166) != 249 {
		t.Errorf("%d ISO 3166-1 codes, want the 249 officially assigned", len(iso3166))
	}
}

// TestTypoDistance: a swap of adjacent letters is one edit, where
// Levenshtein counts two; everything else as Levenshtein.
func TestTypoDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b      string
		typo, lev int
	}{
		{"chekc", "check", 1, 2}, {"frmat", "format", 1, 1}, {"ab", "ba", 1, 2}, {"", "abc", 3, 3}, {"région", "region", 1, 1},
	} {
		if got := TypoDistance(tt.a, tt.b); got != tt.typo {
			t.Errorf("TypoDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.typo)
		}
		if got := EditDistance(tt.a, tt.b); got != tt.lev {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.lev)
		}
	}
}
