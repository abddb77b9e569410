package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/catalog"
)

// previousDoc is a small catalog as it was: Acme's qualification has no
// dates, Beta is pending, a Gamma offer will be split, and Acme runs a US
// region itself.
const previousDoc = `{
  "schema_version": "1", "version": "old-1", "as_of": "2026-11-01",
  "sources": [{"id": "s1", "title": "Old source", "date": "2026-01-01"}],
  "areas": [
    {"id": "EU", "name": "EU (test)", "countries": ["FR"], "source_ids": ["s1"]},
    {"id": "EEA", "name": "EEA (test)", "countries": ["FR"], "source_ids": ["s1"]}
  ],
  "operators": [
    {"id": "acme", "name": "Acme", "legal_name": "Acme SAS", "country": "FR", "parent_jurisdiction": "FR", "extraterritorial_exposure": false, "source_ids": ["s1"]},
    {"id": "beta", "name": "Beta", "country": "FR", "parent_jurisdiction": "FR", "extraterritorial_exposure": false, "source_ids": ["s1"]}
  ],
  "regions": [
    {"operator": "acme", "code": "fr-1", "country": "FR", "source_ids": ["s1"]},
    {"operator": "acme", "code": "us-1", "country": "US", "source_ids": ["s1"]},
    {"operator": "beta", "code": "fr-b", "country": "FR", "source_ids": ["s1"]}
  ],
  "offers": [
    {"id": "acme-iaas", "operator": "acme", "name": "Acme IaaS", "status": "qualified", "regions": ["fr-1"], "source_ids": ["s1"]},
    {"id": "beta-iaas", "operator": "beta", "name": "Beta IaaS", "status": "J1", "regions": ["fr-b"], "source_ids": ["s1"]},
    {"id": "gamma-saas", "operator": "beta", "name": "Gamma", "status": "qualified", "regions": [], "source_ids": ["s1"], "unverified": true},
    {"id": "old-offer", "operator": "beta", "name": "Old", "status": "qualified", "regions": [], "source_ids": ["s1"], "unverified": true}
  ],
  "terraform_providers": [
    {"source": "acme/acme", "operators": [{"operator": "acme"}], "resource_attributes": [{"path": "region"}], "source_ids": ["s1"]}
  ]
}`

// currentDoc re-baselines it: Acme's qualification expired before as_of,
// Beta is qualified, Gamma is split in two, the old offer is gone, and the
// US region moved to Acme's US company.
const currentDoc = `{
  "schema_version": "1", "version": "new-1", "as_of": "2026-12-03", "anssi_edition": "2026-09-15",
  "sources": [{"id": "s1", "title": "ANSSI catalogue (test)", "date": "2026-09-15"}],
  "areas": [
    {"id": "EU", "name": "EU (test)", "countries": ["FR"], "source_ids": ["s1"]},
    {"id": "EEA", "name": "EEA (test)", "countries": ["FR"], "source_ids": ["s1"]}
  ],
  "operators": [
    {"id": "acme", "name": "Acme", "brand": "acme", "legal_name": "Acme SAS", "country": "FR", "parent_jurisdiction": "FR", "extraterritorial_exposure": false, "source_ids": ["s1"]},
    {"id": "acme-us", "name": "Acme US", "brand": "acme", "legal_name": "Acme Inc.", "country": "US", "parent_jurisdiction": "FR", "extraterritorial_exposure": true, "extraterritorial_laws": ["US CLOUD Act"], "source_ids": ["s1"]},
    {"id": "beta", "name": "Beta", "country": "FR", "parent_jurisdiction": "FR", "extraterritorial_exposure": false, "source_ids": ["s1"]}
  ],
  "regions": [
    {"operator": "acme", "code": "fr-1", "country": "FR", "source_ids": ["s1"]},
    {"operator": "acme-us", "code": "us-1", "country": "US", "source_ids": ["s1"]},
    {"operator": "beta", "code": "fr-b", "country": "FR", "source_ids": ["s1"]}
  ],
  "offers": [
    {"id": "acme-iaas", "operator": "acme", "name": "Acme IaaS", "status": "qualified", "qualified_on": "2023-11-30", "expires_on": "2026-11-30", "decision": "2118", "anssi_edition": "2026-09-15", "regions": ["fr-1"], "source_ids": ["s1"]},
    {"id": "beta-iaas", "operator": "beta", "name": "Beta IaaS", "status": "qualified", "qualified_on": "2026-07-31", "expires_on": "2026-12-20", "decision": "3395", "anssi_edition": "2026-09-15", "regions": ["fr-b"], "source_ids": ["s1"]},
    {"id": "gamma-meet", "operator": "beta", "name": "Gamma Meet", "status": "qualified", "expires_on": "2028-01-25", "regions": [], "replaces": ["gamma-saas"], "source_ids": ["s1"], "unverified": true},
    {"id": "gamma-work", "operator": "beta", "name": "Gamma Work", "status": "qualified", "expires_on": "2028-01-25", "regions": [], "replaces": ["gamma-saas"], "source_ids": ["s1"], "unverified": true}
  ],
  "terraform_providers": [
    {"source": "acme/acme", "operators": [{"operator": "acme-us", "when": {"attribute": "endpoint", "equals": "acme-us"}}, {"operator": "acme"}], "resource_attributes": [{"path": "region"}], "source_ids": ["s1"]}
  ]
}`

func testPair(t *testing.T) (*catalog.Document, *catalog.Catalog) {
	t.Helper()
	prev, err := catalog.Parse("previous.json", []byte(previousDoc))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := catalog.Parse("current.json", []byte(currentDoc))
	if err != nil {
		t.Fatal(err)
	}
	cur, err := catalog.New(catalog.Named{Name: "current.json", Doc: doc})
	if err != nil {
		t.Fatal(err)
	}
	return prev, cur
}

func TestCompare(t *testing.T) {
	prev, cur := testPair(t)
	// The comparison judges each catalog on its own as_of date, whatever
	// the clock of the catalog it is given.
	ch := compare(prev, cur)
	tests := []struct {
		name string
		list []string
		want string
	}{
		{"expired, no renewal", ch.Offers, "`acme-iaas` (Acme IaaS): qualified on none → 2023-11-30; expires on none → 2026-11-30; decision none → 2118; standing qualified → expired on 2026-11-30, renewal not recorded."},
		{"pending to qualified", ch.Offers, "`beta-iaas` (Beta IaaS): status J1 → qualified; qualified on none → 2026-07-31; expires on none → 2026-12-20; decision none → 3395; standing pending (J1) → qualified."},
		{"split offer", ch.Offers, "`gamma-meet` (Gamma Meet, `beta`) replaces `gamma-saas` (qualified (unconfirmed)): now qualified (unconfirmed)."},
		{"split offer, second part", ch.Offers, "`gamma-work` (Gamma Work, `beta`) replaces `gamma-saas` (qualified (unconfirmed)): now qualified (unconfirmed)."},
		{"removed offer", ch.Offers, "`old-offer` (Old): removed; it was qualified (unconfirmed)."},
		{"verdict lost to expiry", ch.Verdicts, "`acme/fr-1`: at a level requiring SecNumCloud, qualified (`acme-iaas`) → expired on 2026-11-30, renewal not recorded (`acme-iaas`)."},
		{"verdict gained", ch.Verdicts, "`beta/fr-b`: at a level requiring SecNumCloud, pending at J1 (`beta-iaas`) → qualified (`beta-iaas`)."},
		{"region moved to its legal entity", ch.Verdicts, "`acme-us/us-1`: operator `acme` → `acme-us` (extraterritorial exposure no → yes)."},
		{"new legal entity", ch.Operators, "`acme-us` added: Acme Inc., US, extraterritorial exposure yes."},
		{"provider rule", ch.Providers, "`acme/acme`: `acme` → `acme-us` when `endpoint` = `acme-us`, then `acme`."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, line := range tt.list {
				if line == tt.want {
					return
				}
			}
			t.Errorf("no line\n  %s\nin\n  %s", tt.want, strings.Join(tt.list, "\n  "))
		})
	}
	if len(ch.Offers) != 5 {
		t.Errorf("%d offer lines, want 5 (nothing for unchanged offers):\n%s", len(ch.Offers), strings.Join(ch.Offers, "\n"))
	}
}

// TestWrite: the guide shows each offer's record and its standing on the
// catalog's as_of date, with the change section; the same catalog always
// gives the same page.
func TestWrite(t *testing.T) {
	prev, cur := testPair(t)
	var a, b bytes.Buffer
	write(&a, cur, prev)
	write(&b, cur, prev)
	if a.String() != b.String() {
		t.Error("two runs on the same catalog give different pages")
	}
	out := a.String()
	for _, want := range []string{
		"## What changed since the previous catalog",
		"Compared with the previous embedded catalog (version `old-1`, facts as of 2026-11-01)",
		"reflect the **2026-09-15** edition of the ANSSI catalogue",
		"| `acme-iaas` | `acme` | Acme IaaS | – | **qualified** | **expired** on 2026-11-30, renewal not recorded | 2023-11-30 | 2026-11-30 | 2118 | 2026-09-15 |",
		"| `beta-iaas` | `beta` | Beta IaaS | – | **qualified** | qualified, **expires soon** (in 17 days), no renewal recorded |",
		"| `gamma-meet` | `beta` | Gamma Meet | – | **qualified** | qualified (unconfirmed) |",
		"| the qualification record (see notes) |",
		"| `acme-us` | Acme US | acme | Acme Inc. | US | FR | yes (US CLOUD Act) | `acme/acme` | 1 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// TestPreviousCatalogParses: the embedded previous catalog is a document
// this trustcloud reads, and is not the current one.
func TestPreviousCatalogParses(t *testing.T) {
	prev, err := catalog.Parse("data/previous-catalog.json", previous)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	if prev.Version == cur.Version || prev.AsOf >= cur.AsOf {
		t.Errorf("previous catalog %s (%s) is not older than the embedded %s (%s)", prev.Version, prev.AsOf, cur.Version, cur.AsOf)
	}
	var buf bytes.Buffer
	write(&buf, cur, prev)
	for _, want := range []string{
		"`outscale/cloudgouv-eu-west-1`: at a level requiring SecNumCloud, qualified (`outscale-iaas-secnumcloud`) → expired on 2026-11-30, renewal not recorded",
		"`numspot/cloudgouv-eu-west-1`: at a level requiring SecNumCloud, pending at J1 (`numspot-iaas-paas`) → qualified (`numspot-iaas-paas`).",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the embedded catalog's page lacks %q", want)
		}
	}
}

// TestWriteAudit: the guide renders every row of the audit table, with its
// verdict, resolution and note, between the changes and the operators.
func TestWriteAudit(t *testing.T) {
	prev, cur := testPair(t)
	var buf bytes.Buffer
	write(&buf, cur, prev)
	out := buf.String()
	head := strings.Index(out, "## Audit of December 2026, row by row\n")
	if head < 0 || head < strings.Index(out, "## What changed since the previous catalog") || head > strings.Index(out, "\n## Operators\n") {
		t.Fatal("the page has no audit section between the changes and the operators")
	}
	if len(catalog.AuditRows) == 0 {
		t.Fatal("no audit rows")
	}
	for _, r := range catalog.AuditRows {
		prefix := "| " + r.ID + " | " + string(r.Verdict) + " | " + r.Subject + " | " + string(r.Resolution) + " | "
		if !strings.Contains(out, prefix) {
			t.Errorf("the page lacks the row %q", prefix)
		}
	}
	for _, want := range []string{
		"| B26 | CONTRADICTED | NumSpot recorded at J1 although qualified | applied | numspot-iaas-paas: qualified 2026-07-31 → 2029-07-31, decision 3395,",
		"| E5 | MISSING | Bleu: no detection rule on hashicorp/azurerm | not applied | No Bleu environment,",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}
