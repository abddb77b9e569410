package catalog

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDocumentRoundTrip: the merged catalog written as one document and
// loaded again is the same catalog, for the embedded default and with a
// user file merged over it.
func TestDocumentRoundTrip(t *testing.T) {
	for _, file := range []string{"", "testdata/user/override.json"} {
		t.Run("file="+file, func(t *testing.T) {
			c, err := Load(file)
			if err != nil {
				t.Fatal(err)
			}
			data, err := json.Marshal(c.Document())
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Parse("bundle/catalog.json", data)
			if err != nil {
				t.Fatalf("the written document does not parse: %v", err)
			}
			again, err := New(Named{Name: "bundle/catalog.json", Doc: doc})
			if err != nil {
				t.Fatalf("the written document does not validate: %v", err)
			}
			// Loaded alone or merged over the embedded catalog (what
			// --catalog does), it is the catalog that was used.
			merged, err := New(Named{Name: EmbeddedName, Doc: mustParseEmbedded(t)}, Named{Name: "bundle/catalog.json", Doc: doc})
			if err != nil {
				t.Fatal(err)
			}
			want := c.Document()
			for name, got := range map[string]*Catalog{"alone": again, "over the embedded catalog": merged} {
				g := got.Document()
				g.Notes, want.Notes = "", ""
				if diff := cmp.Diff(want, g); diff != "" {
					t.Errorf("%s: catalog differs after the round trip (-want +got):\n%s", name, diff)
				}
			}
			if file != "" {
				if o, ok := again.Offer("bleu-cloud-de-confiance"); !ok || o.Status != StatusQualified {
					t.Errorf("the user file's override is lost: %+v", o)
				}
			}
		})
	}
}

func mustParseEmbedded(t *testing.T) *Document {
	t.Helper()
	d, err := Parse(EmbeddedName, Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return d
}
