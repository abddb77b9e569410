package catalog

import (
	"errors"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// checkTranslated fails unless every catalog error in err has a French
// text: In(English) is Error() as it was, In(French) says something else,
// and the command line (i18n.ErrorIn) shows the French.
func checkTranslated(t *testing.T, err error) {
	t.Helper()
	es := catalogErrors(t, err)
	var lines []string
	for _, e := range es {
		if e.Text.IsZero() {
			t.Errorf("%v: no text to translate", e)
			continue
		}
		if got := e.In(i18n.English); got != e.Error() {
			t.Errorf("In(English) = %q, want Error() %q", got, e.Error())
		}
		fr := e.In(i18n.French)
		if strings.Contains(fr, e.Msg) {
			t.Errorf("In(French) = %q still says %q", fr, e.Msg)
		}
		if !strings.HasPrefix(fr, e.File) {
			t.Errorf("In(French) = %q does not start with the file %q", fr, e.File)
		}
		lines = append(lines, fr)
	}
	if got, want := i18n.ErrorIn(err, i18n.French), strings.Join(lines, "\n"); got != want {
		t.Errorf("i18n.ErrorIn(French) =\n%s\nwant\n%s", got, want)
	}
}

// TestValidationErrorsInFrench: every problem TestValidationErrors and
// TestLoadMalformedFiles find has a French text.
func TestErrorsInFrench(t *testing.T) {
	for _, f := range []string{"testdata/bad/syntax.json", "testdata/bad/truncated.json", "testdata/bad/empty.json", "testdata/bad/array.json",
		"testdata/bad/trailing.json", "testdata/user/wrong-type.json", "testdata/user/does-not-exist.json", "testdata/user/duplicate.json",
		"testdata/user/dangling.json", "testdata/user/zone-clash.json"} {
		t.Run(f, func(t *testing.T) {
			_, err := Load(f)
			if err == nil {
				t.Fatal("loads; want an error")
			}
			checkTranslated(t, err)
		})
	}
	for name, edits := range map[string][]edit{
		"validation": {
			{"$.sources[0].url", "ftp://example.org/one"},
			{"$.operators[0].country", "fr"},
			{"$.offers[0].status", "Qualified"},
			{"$.offers[0].qualified_on", remove},
			{"$.offers[0].regions[0]", "fr-mrs"},
			{"$.regions[0].source_ids[0]", "s9"},
			{"$.terraform_providers[0].zone_rules[0].match", "("},
			{"$.as_of", remove},
		},
		"merge": {
			{"$.schema_version", "2.0"},
			{"$.offers[+]", raw(`{"id": "acme-iaas", "operator": "acme", "name": "again", "status": "none", "regions": [], "source_ids": ["s1"]}`)},
			{"$.regions[+]", raw(`{"operator": "acme", "code": "FR-PAR", "country": "FR", "source_ids": ["s1"]}`)},
		},
		"shape": {
			{"$.offers[0].qualified", true},
			{"$.operators[0].name", 42},
			{"$.regions[0].zones[1]", true},
			{"$.sources", raw(`{"id": "s1"}`)},
		},
		"types": {
			{"$.type_scopes", raw(`[{"source": "acme/acme", "type": "", "scope": "planet"}, {"source": "acme/acme", "type": "acme_disk", "scope": "parent"}]`)},
			{"$.data_flows", raw(`[{"source": "acme/acme", "type": "acme_bucket", "path": "", "flow": "teleport", "value": "x"}]`)},
		},
	} {
		t.Run(name, func(t *testing.T) {
			doc := minimalDoc(t)
			applyEdits(t, doc, edits)
			_, err := buildDoc(t, name+".json", doc)
			if err == nil {
				t.Fatal("the catalog loads; want errors")
			}
			if n := len(catalogErrors(t, err)); n < 3 {
				t.Errorf("%d errors, want one per edit:\n%v", n, err)
			}
			checkTranslated(t, err)
		})
	}
}

// TestJSONSyntaxInFrench: the syntax errors of encoding/json are said in
// French for every place the table names, in English as encoding/json
// says them.
func TestJSONSyntaxInFrench(t *testing.T) {
	tests := []struct{ data, context string }{
		{`{"a": }`, "looking for beginning of value"},
		{`{,}`, "looking for beginning of object key string"},
		{`{"a" 1}`, "after object key"},
		{`{"a": 1 "b": 2}`, "after object key:value pair"},
		{`{"a": [1 2]}`, "after array element"},
		{"{\"a\": \"b\x01\"}", "in string literal"},
		{`{"a": "\q"}`, "in string escape code"},
		{`{"a": "\u12x4"}`, `in \u hexadecimal character escape`},
		{`{"a": -x}`, "in numeric literal"},
		{`{"a": 1.x}`, "after decimal point in numeric literal"},
		{`{"a": 1ex}`, "in exponent of numeric literal"},
		{`{"a": tru}`, "in literal true (expecting 'e')"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		_, err := Parse("c.json", []byte(tt.data))
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: error %v, want a *catalog.Error", tt.data, err)
		}
		if !strings.HasPrefix(e.Msg, "invalid JSON: invalid character ") || !strings.HasSuffix(e.Msg, " "+tt.context) {
			t.Errorf("%s: message %q, want encoding/json's invalid character … %s", tt.data, e.Msg, tt.context)
		}
		if e.Text.Key != "catalogfile.invalid_character" {
			t.Errorf("%s: %q is not translated (key %s)", tt.data, e.Msg, e.Text.Key)
		}
		if fr := e.In(i18n.French); !strings.Contains(fr, "ligne 1, colonne ") || !strings.Contains(fr, "JSON invalide : caractère ") {
			t.Errorf("%s: In(French) = %q", tt.data, fr)
		}
		checkTranslated(t, err)
		seen[tt.context] = true
	}
	for c := range jsonContexts {
		if !seen[c] {
			t.Errorf("no test of the syntax error context %q", c)
		}
	}
}

// TestNotFoundInFrench: lookups that name no entry are said in French,
// and in English as Error says them.
func TestNotFoundInFrench(t *testing.T) {
	c := defaultCatalogT(t)
	_, perr := c.Provider("hashicorp/awz")
	_, oerr := c.Operator("ovhh")
	_, rerr := c.RegionOf("hashicorp/aws", "eu-west-33")
	tests := []struct {
		err  error
		want []string
	}{
		{perr, []string{`fournisseur Terraform "hashicorp/awz" inconnu ; connus (les plus proches d'abord) : hashicorp/aws, `, `(une source de fournisseur comme "hashicorp/aws" ; ajoutez-en d'autres avec un fichier de catalogue)`}},
		{oerr, []string{`opérateur "ovhh" inconnu ; connus (les plus proches d'abord) : `, " et 16 autres"}},
		{rerr, []string{`région "eu-west-33" inconnue pour le fournisseur "hashicorp/aws" ; connues (les plus proches d'abord) : eu-west-3, `, "(les zones sont acceptées aussi"}},
		{&NotFoundError{What: "region", Name: "x"}, []string{`région "x" inconnue ; le catalogue n'en connaît aucune`}},
		{&FilterError{Filter: FilterOperator, Err: &NotFoundError{What: "operator", Name: "x"}}, []string{`opérateur "x" inconnu ; le catalogue n'en connaît aucun`}},
	}
	for _, tt := range tests {
		var nf *NotFoundError
		if !errors.As(tt.err, &nf) {
			t.Fatalf("error %v, want a NotFoundError", tt.err)
		}
		if got := nf.In(i18n.English); got != nf.Error() {
			t.Errorf("In(English) =\n%s\nwant Error()\n%s", got, nf.Error())
		}
		fr := i18n.ErrorIn(tt.err, i18n.French)
		for _, w := range tt.want {
			if !strings.Contains(fr, w) {
				t.Errorf("in French:\n%s\nwant it to contain\n%s", fr, w)
			}
		}
	}
	// A kind the catalogs do not name stays in English.
	other := &NotFoundError{What: "planet", Name: "x"}
	if got := other.In(i18n.French); got != other.Error() {
		t.Errorf("In(French) of an unnamed kind = %q, want %q", got, other.Error())
	}
}

// TestErrorKeysExist: the keys built from data (the kinds of
// NotFoundError, the places of JSON syntax errors) are in both catalogs.
func TestErrorKeysExist(t *testing.T) {
	var keys []string
	for _, k := range notFoundKinds {
		keys = append(keys, "catalogfile.unknown."+k, "catalogfile.unknown."+k+".none", "catalogfile.unknown."+k+".known")
	}
	for _, k := range jsonContexts {
		keys = append(keys, k)
	}
	for _, k := range keys {
		for _, l := range i18n.Supported {
			if _, ok := i18n.Lookup(l, k); !ok {
				t.Errorf("key %q is not in the %s catalog", k, l)
			}
		}
	}
}
