package rules_test

import (
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/ruledef"
	"github.com/trustcloud/trustcloud/internal/rules"
)

// got is the part of a finding most tests compare.
type got struct {
	Rule     string
	Severity policy.Severity
	Address  string
	Waived   bool
}

func summarize(fs []*rules.Finding) []got {
	out := []got{}
	for _, f := range fs {
		out = append(out, got{f.Rule, f.Severity, f.Address, f.Waived})
	}
	return out
}

// defaultCatalog is the embedded catalog on the tests' clock (fixedNow):
// qualifications expire with time, verdicts of these tests must not.
func defaultCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatalf("catalog.Default: %v", err)
	}
	return cat.WithClock(func() time.Time { return fixedNow })
}

func profile(t *testing.T, name string) *policy.Policy {
	t.Helper()
	p, err := policy.Profile(name)
	if err != nil {
		t.Fatalf("policy.Profile(%q): %v", name, err)
	}
	return p
}

// parsePolicy parses a small policy written for one test.
func parsePolicy(t *testing.T, src string) *policy.Policy {
	t.Helper()
	p, diags := policy.Parse("test.hcl", []byte(src))
	if diags.HasErrors() {
		t.Fatalf("policy.Parse: %s", policy.FormatDiagnostics(diags))
	}
	return p
}

func ptr[T any](v T) *T { return &v }

// known places a region of the catalog, as the plan model does.
func known(t *testing.T, cat *catalog.Catalog, region, country string) inventory.Location {
	t.Helper()
	if !catalog.ValidCountry(country) {
		t.Fatalf("bad test: %q is not a country", country)
	}
	return inventory.Location{Status: inventory.StatusKnown, Region: region, Country: ptr(country), EU: ptr(cat.InEU(country)),
		InCatalog: true, Evidence: texts("region = \"" + region + "\"")}
}

func multi(region string, countries ...string) inventory.Location {
	return inventory.Location{Status: inventory.StatusMultiRegion, Region: region, Countries: countries, InCatalog: true,
		Evidence: texts("location = \"" + region + "\"")}
}

// uncatalogued is a region code the catalog cannot place in a country.
func uncatalogued(region string) inventory.Location {
	return inventory.Location{Status: inventory.StatusKnown, Region: region, Evidence: texts("region = \"" + region + "\"")}
}

func unknown() inventory.Location {
	return inventory.Location{Status: inventory.StatusUnknown, Reason: text("region computed at apply time"), Evidence: texts("region is computed")}
}

func global() inventory.Location {
	return inventory.Location{Status: inventory.StatusGlobal, Evidence: texts("non-regional service")}
}

func notApplicable() inventory.Location {
	return inventory.Location{Status: inventory.StatusNotApplicable, Evidence: texts("no location")}
}

// offer returns the reference the plan model records for a catalog offer.
func offer(t *testing.T, cat *catalog.Catalog, id string) *inventory.OfferRef {
	t.Helper()
	o, ok := cat.Offer(id)
	if !ok {
		t.Fatalf("bad test: offer %q is not in the catalog", id)
	}
	return &inventory.OfferRef{ID: o.ID, Name: o.Name, Status: string(o.Status)}
}

// res builds a managed resource being created.
type res struct {
	address, typ, operator, level string
	loc                           inventory.Location
	offer                         *inventory.OfferRef
	replicas                      []inventory.Location
	actions                       []string
	mode                          string
	dataOf                        string
}

func (r res) build() *inventory.Resource {
	var op *string
	if r.operator != "" {
		op = ptr(r.operator)
	}
	actions := r.actions
	if actions == nil {
		actions = []string{"update"}
	}
	mode := r.mode
	if mode == "" {
		mode = "managed"
	}
	typ := r.typ
	if typ == "" {
		typ = "aws_s3_bucket"
	}
	module := ""
	if strings.HasPrefix(r.address, "module.") {
		parts := strings.Split(r.address, ".")
		module = strings.Join(parts[:2], ".")
	}
	return &inventory.Resource{Address: r.address, Module: module, Type: typ, Mode: mode, Actions: actions,
		Provider: "registry.terraform.io/hashicorp/aws", Operator: op, Location: r.loc, DataLocations: r.replicas,
		Offer: r.offer, DataOf: r.dataOf, Sensitivity: inventory.Sensitivity{Level: r.level, Evidence: texts("tag data_sensitivity=" + r.level)}}
}

func inventoryOf(rs ...res) *inventory.Inventory {
	inv := &inventory.Inventory{FormatVersion: inventory.FormatVersion}
	for _, r := range rs {
		inv.Resources = append(inv.Resources, r.build())
	}
	return inv
}

// fixedNow is the clock of the waiver tests.
var fixedNow = time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)

func evaluate(cat *catalog.Catalog, pol *policy.Policy, inv *inventory.Inventory) []*rules.Finding {
	ev := &rules.Evaluator{Catalog: cat, Policy: pol, Now: func() time.Time { return fixedNow }}
	return ev.Evaluate(inv)
}

type ruleCase struct {
	name   string
	policy *policy.Policy // nil: the default profile
	res    res
	want   []got
	// msg, when set, must appear in the message of the first finding.
	msg string
}

func runCases(t *testing.T, cat *catalog.Catalog, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pol := tc.policy
			if pol == nil {
				pol = policy.Default()
			}
			fs := evaluate(cat, pol, inventoryOf(tc.res))
			want := tc.want
			if want == nil {
				want = []got{}
			}
			if diff := cmp.Diff(want, summarize(fs)); diff != "" {
				t.Fatalf("findings (-want +got):\n%s\nmessages: %s", diff, messages(fs))
			}
			if tc.msg != "" && !strings.Contains(messages(fs), tc.msg) {
				t.Errorf("no message contains %q: %s", tc.msg, messages(fs))
			}
			for _, f := range fs {
				if f.Message.String() == "" || f.Remediation == "" {
					t.Errorf("%s on %s: empty message or remediation: %+v", f.Rule, f.Address, f)
				}
				meta, ok := ruledef.Lookup(ruledef.ID(f.Rule))
				if !ok || f.Name != meta.Name {
					t.Errorf("%s: name %q, want %q", f.Rule, f.Name, meta.Name)
				}
			}
		})
	}
}

func messages(fs []*rules.Finding) string {
	var ms []string
	for _, f := range fs {
		ms = append(ms, f.Rule+": "+f.Message.String())
	}
	return strings.Join(ms, " | ")
}

func TestTC001NonEURegion(t *testing.T) {
	cat := defaultCatalog(t)
	const addr = "aws_s3_bucket.data"
	runCases(t, cat, []ruleCase{
		{
			name: "sensitive in us-east-1",
			res:  res{address: addr, operator: "aws", level: "sensitive", loc: known(t, cat, "us-east-1", "US"), offer: offer(t, cat, "aws-all")},
			want: []got{{"TC001", policy.SeverityHigh, addr, false}, {"TC002", policy.SeverityHigh, addr, false}},
			msg:  "is in us-east-1 (US), outside the area allowed at level sensitive (EEA)",
		},
		{
			name: "internal in London (GB is not in the EEA)",
			res:  res{address: addr, operator: "aws", level: "internal", loc: known(t, cat, "eu-west-2", "GB"), offer: offer(t, cat, "aws-all")},
			want: []got{{"TC001", policy.SeverityMedium, addr, false}},
			msg:  "(GB)",
		},
		{
			name: "internal in Paris",
			res:  res{address: addr, operator: "aws", level: "internal", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all")},
		},
		{
			name: "restricted in Germany (France only)",
			res:  res{address: addr, operator: "aws", level: "restricted", loc: known(t, cat, "eu-central-1", "DE"), offer: offer(t, cat, "aws-all")},
			want: []got{{"TC001", policy.SeverityCritical, addr, false}, {"TC002", policy.SeverityCritical, addr, false}},
			msg:  "outside the area allowed at level restricted (FR)",
		},
		{
			name: "restricted on qualified outscale in France",
			res:  res{address: addr, operator: "outscale", level: "restricted", loc: known(t, cat, "cloudgouv-eu-west-1", "FR"), offer: offer(t, cat, "outscale-iaas-secnumcloud")},
		},
		{
			name: "public in us-east-1",
			res:  res{address: addr, operator: "aws", level: "public", loc: known(t, cat, "us-east-1", "US"), offer: offer(t, cat, "aws-all")},
		},
		{
			name: "public with an unknown location",
			res:  res{address: addr, operator: "aws", level: "public", loc: unknown()},
		},
		{
			name: "internal on the US multi-region",
			res:  res{address: "google_storage_bucket.b", typ: "google_storage_bucket", operator: "google", level: "internal", loc: multi("US", "US"), offer: offer(t, cat, "google-all")},
			want: []got{{"TC001", policy.SeverityMedium, "google_storage_bucket.b", false}},
			msg:  "is in US (US)",
		},
		{
			name: "internal on the EU multi-region",
			res: res{address: "google_storage_bucket.b", typ: "google_storage_bucket", operator: "google", level: "internal",
				loc: multi("EU", "BE", "DE", "ES", "FI", "FR", "IT", "NL", "PL", "SE"), offer: offer(t, cat, "google-all")},
		},
		{
			name: "multi-region partly outside the area names only the outside countries",
			res: res{address: "google_storage_bucket.b", typ: "google_storage_bucket", operator: "google", level: "internal",
				loc: multi("XY", "FR", "US", "CA"), offer: offer(t, cat, "google-all")},
			want: []got{{"TC001", policy.SeverityMedium, "google_storage_bucket.b", false}},
			msg:  "is in XY (US, CA)",
		},
		{
			name: "internal in Norway: EEA, allowed by fr-cloud-au-centre",
			res:  res{address: "azurerm_storage_account.s", typ: "azurerm_storage_account", operator: "azure", level: "internal", loc: known(t, cat, "norwayeast", "NO"), offer: offer(t, cat, "azure-all")},
		},
		{
			name:   "internal in Norway: not EU, refused by eu-residency",
			policy: profile(t, "eu-residency"),
			res:    res{address: "azurerm_storage_account.s", typ: "azurerm_storage_account", operator: "azure", level: "internal", loc: known(t, cat, "norwayeast", "NO"), offer: offer(t, cat, "azure-all")},
			want:   []got{{"TC001", policy.SeverityMedium, "azurerm_storage_account.s", false}},
			msg:    "outside the area allowed at level internal (EU)",
		},
	})
}

func TestTC002NotQualified(t *testing.T) {
	cat := defaultCatalog(t)
	const addr = "aws_db_instance.main"
	t.Run("aws in Paris lists the qualified French regions", func(t *testing.T) {
		fs := evaluate(cat, policy.Default(), inventoryOf(res{address: addr, typ: "aws_db_instance", operator: "aws", level: "sensitive",
			loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all")}))
		if diff := cmp.Diff([]got{{"TC002", policy.SeverityHigh, addr, false}}, summarize(fs)); diff != "" {
			t.Fatalf("findings (-want +got):\n%s", diff)
		}
		f := fs[0]
		if !strings.Contains(f.Message.String(), "no qualified offer of aws covers eu-west-3") {
			t.Errorf("message %q does not say which operator and region", f.Message)
		}
		// The qualified regions in France, in catalog order; Scaleway's
		// offer is only at J0 and must not be offered as a way out.
		want := []string{"cloudtemple FR1", "numspot cloudgouv-eu-west-1", "outscale cloudgouv-eu-west-1", "s3ns u-france-east1"}
		last := -1
		for _, w := range want {
			i := strings.Index(f.Remediation, w)
			if i < 0 {
				t.Errorf("remediation %q does not list %q", f.Remediation, w)
				continue
			}
			if i < last {
				t.Errorf("remediation %q: %q out of order", f.Remediation, w)
			}
			last = i
		}
		if strings.Contains(f.Remediation, "scaleway") {
			t.Errorf("remediation %q lists scaleway, which is not qualified", f.Remediation)
		}
		if !strings.Contains(f.Remediation, "waiver") {
			t.Errorf("remediation %q does not mention the waiver", f.Remediation)
		}
		if f.Operator == nil || *f.Operator != "aws" || f.Location.Region != "eu-west-3" || f.Sensitivity.Level != "sensitive" || f.Type != "aws_db_instance" {
			t.Errorf("finding does not carry the resource: %+v", f)
		}
	})
	runCases(t, cat, []ruleCase{
		{
			name: "no catalog operator",
			res:  res{address: "foo_bucket.b", typ: "foo_bucket", level: "sensitive", loc: known(t, cat, "eu-west-3", "FR")},
			want: []got{{"TC002", policy.SeverityHigh, "foo_bucket.b", false}},
			msg:  "matches no operator of the catalog",
		},
		{
			name: "qualified outscale",
			res:  res{address: "outscale_vm.vm", typ: "outscale_vm", operator: "outscale", level: "sensitive", loc: known(t, cat, "cloudgouv-eu-west-1", "FR"), offer: offer(t, cat, "outscale-iaas-secnumcloud")},
		},
		{
			name: "qualified s3ns",
			res:  res{address: "google_compute_instance.vm", typ: "google_compute_instance", operator: "s3ns", level: "sensitive", loc: known(t, cat, "u-france-east1", "FR"), offer: offer(t, cat, "s3ns-premi3ns")},
		},
		{
			name: "outscale public region is not qualified",
			res:  res{address: "outscale_vm.vm", typ: "outscale_vm", operator: "outscale", level: "sensitive", loc: known(t, cat, "eu-west-2", "FR"), offer: offer(t, cat, "outscale-public")},
			want: []got{{"TC002", policy.SeverityHigh, "outscale_vm.vm", false}},
			msg:  "no qualified offer of outscale covers eu-west-2",
		},
		{
			name: "google without sovereign controls",
			res:  res{address: "google_compute_instance.vm", typ: "google_compute_instance", operator: "google", level: "restricted", loc: known(t, cat, "europe-west9", "FR"), offer: offer(t, cat, "google-all")},
			want: []got{{"TC002", policy.SeverityCritical, "google_compute_instance.vm", false}},
		},
		{
			name: "operator known, no offer covers the region",
			res:  res{address: "hcloud_server.s", typ: "hcloud_server", operator: "hetzner", level: "sensitive", loc: known(t, cat, "fsn1", "DE")},
			want: []got{{"TC002", policy.SeverityHigh, "hcloud_server.s", false}},
			msg:  "no qualified offer of hetzner covers fsn1",
		},
		{
			name: "internal does not ask for SecNumCloud",
			res:  res{address: addr, typ: "aws_db_instance", operator: "aws", level: "internal", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all")},
		},
	})
}

// TestTC002ExpiredQualification uses a user catalog in which outscale's
// qualification has an expiry date that has passed.
// TestQualificationStanding: only a confirmed qualification in force
// satisfies SecNumCloud; an expired one is TC009 (with its date), one
// expiring within the policy's window TC010 (low), an unconfirmed one
// TC011, an unknown status TC002. The offers are a user catalog's, so
// that the test does not move with the embedded data.
func TestQualificationStanding(t *testing.T) {
	base, err := catalog.Parse(catalog.EmbeddedName, catalog.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	src := catalog.Source{ID: "test-src", Title: "test fixture", Date: "2026-01-01"}
	mk := func(id string, status catalog.Status, expires string, unverified bool) catalog.Offer {
		o := catalog.Offer{ID: id, Operator: "outscale", Name: id, Status: status, Regions: []string{"cloudgouv-eu-west-1"},
			SourceIDs: []string{"test-src"}, Unverified: unverified}
		if status == catalog.StatusQualified && !unverified {
			o.QualifiedOn, o.ExpiresOn, o.Decision, o.Edition = "2023-11-30", expires, "2118", "2025-01-15"
		}
		return o
	}
	user := &catalog.Document{SchemaVersion: base.SchemaVersion, Sources: []catalog.Source{src}, Offers: []catalog.Offer{
		mk("test-expiring", catalog.StatusQualified, "2025-01-31", false),
		mk("test-unconfirmed", catalog.StatusQualified, "", true),
		mk("test-unknown", catalog.StatusUnknown, "", false),
	}}
	cat, err := catalog.New(catalog.Named{Name: catalog.EmbeddedName, Doc: base}, catalog.Named{Name: "user.json", Doc: user})
	if err != nil {
		t.Fatalf("catalog.New: %v", err)
	}
	at := func(day string) *catalog.Catalog {
		now, err := time.Parse(time.DateOnly, day)
		if err != nil {
			t.Fatal(err)
		}
		return cat.WithClock(func() time.Time { return now.Add(12 * time.Hour) })
	}
	vm := func(offerID string) res {
		return res{address: "outscale_vm.vm", typ: "outscale_vm", operator: "outscale", level: "sensitive",
			loc: known(t, cat, "cloudgouv-eu-west-1", "FR"), offer: offer(t, cat, offerID)}
	}
	runCases(t, at("2025-02-01"), []ruleCase{{
		name: "expired the day before", res: vm("test-expiring"),
		want: []got{{"TC009", policy.SeverityHigh, "outscale_vm.vm", false}},
		msg:  "expired on 2025-01-31 (ANSSI decision 2118), and no renewal is recorded",
	}})
	runCases(t, at("2025-01-31"), []ruleCase{{
		name: "expiring on the day", res: vm("test-expiring"),
		want: []got{{"TC010", policy.SeverityLow, "outscale_vm.vm", false}},
		msg:  "expires on 2025-01-31, today (ANSSI decision 2118)",
	}})
	runCases(t, at("2025-01-30"), []ruleCase{{
		name: "expiring the next day", res: vm("test-expiring"),
		want: []got{{"TC010", policy.SeverityLow, "outscale_vm.vm", false}},
		msg:  "expires on 2025-01-31, in 1 day (ANSSI decision 2118)",
	}})
	runCases(t, at("2024-12-01"), []ruleCase{{
		name: "61 days before, outside the default window", res: vm("test-expiring"),
	}, {
		name: "61 days before, inside a 61-day window", res: vm("test-expiring"),
		policy: parsePolicy(t, "expiry_warning_days = 61\n"),
		want:   []got{{"TC010", policy.SeverityLow, "outscale_vm.vm", false}},
		msg:    "in 61 days",
	}})
	runCases(t, at("2024-12-02"), []ruleCase{{
		name: "expiring in 60 days, the edge of the default window", res: vm("test-expiring"),
		want: []got{{"TC010", policy.SeverityLow, "outscale_vm.vm", false}},
		msg:  "in 60 days",
	}, {
		name: "no warning when the policy sets none", res: vm("test-expiring"),
		policy: parsePolicy(t, "expiry_warning_days = 0\n"),
	}})
	runCases(t, at("2024-10-01"), []ruleCase{{
		name: "in force, far from its expiry", res: vm("test-expiring"),
	}, {
		name: "unconfirmed", res: vm("test-unconfirmed"),
		want: []got{{"TC011", policy.SeverityHigh, "outscale_vm.vm", false}},
		msg:  "rests on an unconfirmed source only",
	}, {
		name: "status unknown", res: vm("test-unknown"),
		want: []got{{"TC002", policy.SeverityHigh, "outscale_vm.vm", false}},
		msg:  "does not know whether",
	}, {
		name: "unconfirmed, at a level that does not require SecNumCloud",
		res:  func() res { r := vm("test-unconfirmed"); r.level = "internal"; return r }(),
	}})
}

// TestQualificationStandingAtEachLevel: the standing findings follow the
// level. Where the default profile requires SecNumCloud (sensitive,
// restricted), an expired, unconfirmed or unknown qualification is a
// finding at the level's severity and one expiring soon is low; where it
// does not (public, internal), none of them is a finding. Restricted
// requires France, and the offer's region is in France, so nothing else
// fires.
func TestQualificationStandingAtEachLevel(t *testing.T) {
	base, err := catalog.Parse(catalog.EmbeddedName, catalog.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	src := catalog.Source{ID: "test-src", Title: "test fixture", Date: "2026-01-01"}
	offers := []catalog.Offer{
		{ID: "t-expired", Status: catalog.StatusQualified, QualifiedOn: "2022-01-01", ExpiresOn: "2025-01-31", Decision: "1", Edition: "2025-01-15"},
		{ID: "t-expiring", Status: catalog.StatusQualified, QualifiedOn: "2022-01-01", ExpiresOn: "2025-03-01", Decision: "2", Edition: "2025-01-15"},
		{ID: "t-unconfirmed", Status: catalog.StatusQualified, Unverified: true},
		{ID: "t-unknown", Status: catalog.StatusUnknown},
	}
	for i := range offers {
		offers[i].Operator, offers[i].Name, offers[i].Regions, offers[i].SourceIDs = "outscale", offers[i].ID, []string{"cloudgouv-eu-west-1"}, []string{"test-src"}
	}
	cat, err := catalog.New(catalog.Named{Name: catalog.EmbeddedName, Doc: base},
		catalog.Named{Name: "user.json", Doc: &catalog.Document{SchemaVersion: base.SchemaVersion, Sources: []catalog.Source{src}, Offers: offers}})
	if err != nil {
		t.Fatalf("catalog.New: %v", err)
	}
	now := time.Date(2025, 2, 10, 12, 0, 0, 0, time.UTC)
	cat = cat.WithClock(func() time.Time { return now })
	rule := map[string]string{"t-expired": "TC009", "t-expiring": "TC010", "t-unconfirmed": "TC011", "t-unknown": "TC002"}
	levels := map[string]policy.Severity{"public": "", "internal": "", "sensitive": policy.SeverityHigh, "restricted": policy.SeverityCritical}
	var cases []ruleCase
	for _, o := range offers {
		for level, sev := range levels {
			tc := ruleCase{
				name: o.ID + " at " + level,
				res: res{address: "outscale_vm.vm", typ: "outscale_vm", operator: "outscale", level: level,
					loc: known(t, cat, "cloudgouv-eu-west-1", "FR"), offer: offer(t, cat, o.ID)},
			}
			if sev != "" {
				if o.ID == "t-expiring" {
					sev = policy.SeverityLow
				}
				tc.want = []got{{rule[o.ID], sev, "outscale_vm.vm", false}}
			}
			cases = append(cases, tc)
		}
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].name < cases[j].name })
	runCases(t, cat, cases)
}

func TestTC008QualificationPending(t *testing.T) {
	cat := defaultCatalog(t)
	pending := parsePolicy(t, `
level "sensitive" {
  allow_pending = true
}
`)
	scw := res{address: "scaleway_instance_server.vm", typ: "scaleway_instance_server", operator: "scaleway", level: "sensitive",
		loc: known(t, cat, "fr-par", "FR"), offer: offer(t, cat, "scaleway-secnumcloud")}
	bleu := res{address: "azurerm_linux_virtual_machine.vm", typ: "azurerm_linux_virtual_machine", operator: "bleu", level: "sensitive",
		loc: known(t, cat, "francecentral", "FR"), offer: offer(t, cat, "bleu-cloud-de-confiance")}
	runCases(t, cat, []ruleCase{
		{
			name: "scaleway at J0",
			res:  scw,
			want: []got{{"TC008", policy.SeverityHigh, scw.address, false}},
			msg:  "only at qualification stage J0",
		},
		{
			name: "bleu at J1",
			res:  bleu,
			want: []got{{"TC008", policy.SeverityHigh, bleu.address, false}},
			msg:  "only at qualification stage J1",
		},
		{
			name:   "scaleway at J0, allow_pending",
			policy: pending,
			res:    scw,
		},
		{
			name:   "allow_pending does not make aws qualified",
			policy: pending,
			res:    res{address: "aws_instance.vm", typ: "aws_instance", operator: "aws", level: "sensitive", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all")},
			want:   []got{{"TC002", policy.SeverityHigh, "aws_instance.vm", false}},
		},
		{
			name:   "allow_pending on another level changes nothing",
			policy: parsePolicy(t, "level \"internal\" {\n  allow_pending = true\n}\n"),
			res:    scw,
			want:   []got{{"TC008", policy.SeverityHigh, scw.address, false}},
		},
	})
	t.Run("no qualified region in the country", func(t *testing.T) {
		fs := evaluate(cat, policy.Default(), inventoryOf(res{address: "azurerm_linux_virtual_machine.vm", typ: "azurerm_linux_virtual_machine", operator: "bleu",
			level: "sensitive", loc: known(t, cat, "germanywestcentral", "DE"), offer: offer(t, cat, "bleu-cloud-de-confiance")}))
		if diff := cmp.Diff([]got{{"TC008", policy.SeverityHigh, "azurerm_linux_virtual_machine.vm", false}}, summarize(fs)); diff != "" {
			t.Fatalf("findings (-want +got):\n%s", diff)
		}
		if r := fs[0].Remediation; strings.Contains(r, "()") || !strings.Contains(r, "move to an offer already qualified, or") {
			t.Errorf("remediation %q", r)
		}
	})
	t.Run("remediation offers the qualified regions", func(t *testing.T) {
		fs := evaluate(cat, policy.Default(), inventoryOf(scw))
		if len(fs) != 1 || !strings.Contains(fs[0].Remediation, "outscale cloudgouv-eu-west-1") || !strings.Contains(fs[0].Remediation, "allow_pending") {
			t.Fatalf("remediation: %v", messages(fs))
		}
	})
}

func TestTC003UnknownLocation(t *testing.T) {
	cat := defaultCatalog(t)
	runCases(t, cat, []ruleCase{
		{
			name: "sensitive, unknown",
			res:  res{address: "aws_s3_bucket.b", operator: "aws", level: "sensitive", loc: unknown()},
			// AWS has no qualified offer anywhere: wherever the bucket
			// lands it is not qualified (TC002 beside TC003).
			want: []got{{"TC002", policy.SeverityHigh, "aws_s3_bucket.b", false}, {"TC003", policy.SeverityHigh, "aws_s3_bucket.b", false}},
			msg:  "region computed at apply time",
		},
		{
			name: "restricted, unknown",
			res:  res{address: "aws_s3_bucket.b", operator: "aws", level: "restricted", loc: unknown()},
			want: []got{{"TC002", policy.SeverityCritical, "aws_s3_bucket.b", false}, {"TC003", policy.SeverityCritical, "aws_s3_bucket.b", false}},
			msg:  "Amazon Web Services has no qualified or pending offer in any region",
		},
		{
			name: "sensitive, unknown, operator qualified somewhere: TC003 only",
			res:  res{address: "outscale_vm.v", operator: "outscale", level: "sensitive", loc: unknown()},
			want: []got{{"TC003", policy.SeverityHigh, "outscale_vm.v", false}},
		},
		{
			name: "sensitive, unknown, unknown operator: TC003 only",
			res:  res{address: "aws_s3_bucket.b", level: "sensitive", loc: unknown()},
			want: []got{{"TC003", policy.SeverityHigh, "aws_s3_bucket.b", false}},
		},
		{
			name: "internal, unknown: warn gives low",
			res:  res{address: "aws_s3_bucket.b", operator: "aws", level: "internal", loc: unknown()},
			want: []got{{"TC003", policy.SeverityLow, "aws_s3_bucket.b", false}},
		},
		{
			name: "sensitive, region the catalog cannot place",
			res:  res{address: "aws_s3_bucket.b", operator: "aws", level: "sensitive", loc: uncatalogued("mars-north-1")},
			want: []got{{"TC002", policy.SeverityHigh, "aws_s3_bucket.b", false}, {"TC003", policy.SeverityHigh, "aws_s3_bucket.b", false}},
			msg:  `region "mars-north-1"`,
		},
		{
			name: "internal, region the catalog cannot place",
			res:  res{address: "aws_s3_bucket.b", operator: "aws", level: "internal", loc: uncatalogued("mars-north-1")},
			want: []got{{"TC003", policy.SeverityLow, "aws_s3_bucket.b", false}},
		},
		{
			name:   "eu-residency confidential, unknown",
			policy: profile(t, "eu-residency"),
			res:    res{address: "aws_s3_bucket.b", operator: "aws", level: "confidential", loc: unknown()},
			want:   []got{{"TC003", policy.SeverityHigh, "aws_s3_bucket.b", false}},
		},
		{
			name: "internal with unknown_location = deny",
			policy: parsePolicy(t, `
level "internal" {
  unknown_location = "deny"
}
`),
			res:  res{address: "aws_s3_bucket.b", operator: "aws", level: "internal", loc: unknown()},
			want: []got{{"TC003", policy.SeverityMedium, "aws_s3_bucket.b", false}},
		},
		{
			// The level's rule_severity is more specific than
			// unknown_location = "warn" (see policy.Policy.Severity).
			name: "rule_severity of the level beats unknown_location warn",
			policy: parsePolicy(t, `
level "internal" {
  rule_severity = { "TC003" = "high" }
}
`),
			res:  res{address: "aws_s3_bucket.b", operator: "aws", level: "internal", loc: unknown()},
			want: []got{{"TC003", policy.SeverityHigh, "aws_s3_bucket.b", false}},
		},
		{
			name: "rule_severity of the level beats unknown_location warn, uncatalogued region",
			policy: parsePolicy(t, `
level "internal" {
  rule_severity = { "TC003" = "critical" }
}
`),
			res:  res{address: "aws_s3_bucket.b", operator: "aws", level: "internal", loc: uncatalogued("mars-north-1")},
			want: []got{{"TC003", policy.SeverityCritical, "aws_s3_bucket.b", false}},
		},
	})
}

func TestTC004GlobalService(t *testing.T) {
	cat := defaultCatalog(t)
	runCases(t, cat, []ruleCase{
		{
			name: "sensitive IAM role",
			res:  res{address: "aws_iam_role.r", typ: "aws_iam_role", operator: "aws", level: "sensitive", loc: global()},
			want: []got{{"TC002", policy.SeverityHigh, "aws_iam_role.r", false}, {"TC004", policy.SeverityHigh, "aws_iam_role.r", false}},
			msg:  "aws_iam_role is a non-regional (global) service",
		},
		{
			name: "internal IAM role",
			res:  res{address: "aws_iam_role.r", typ: "aws_iam_role", operator: "aws", level: "internal", loc: global()},
		},
		{
			name:   "protected-a global: known location required",
			policy: profile(t, "ca-protected-b"),
			res:    res{address: "aws_iam_role.r", typ: "aws_iam_role", operator: "aws", level: "protected-a", loc: global()},
			want:   []got{{"TC004", policy.SeverityMedium, "aws_iam_role.r", false}},
		},
	})
}

func TestTC005ExtraterritorialExposure(t *testing.T) {
	cat := defaultCatalog(t)
	eu := profile(t, "eu-residency")
	runCases(t, cat, []ruleCase{
		{
			name:   "confidential on aws in Paris",
			policy: eu,
			res:    res{address: "aws_s3_bucket.b", operator: "aws", level: "confidential", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all")},
			want:   []got{{"TC005", policy.SeverityHigh, "aws_s3_bucket.b", false}},
			msg:    "CLOUD Act",
		},
		{
			name:   "confidential on outscale",
			policy: eu,
			res:    res{address: "outscale_vm.vm", typ: "outscale_vm", operator: "outscale", level: "confidential", loc: known(t, cat, "eu-west-2", "FR"), offer: offer(t, cat, "outscale-public")},
		},
		{
			name:   "confidential on exoscale: exposure unknown",
			policy: eu,
			res:    res{address: "exoscale_compute_instance.vm", typ: "exoscale_compute_instance", operator: "exoscale", level: "confidential", loc: known(t, cat, "de-fra-1", "DE")},
			want:   []got{{"TC005", policy.SeverityHigh, "exoscale_compute_instance.vm", false}},
			msg:    "does not know whether",
		},
		{
			name:   "confidential, no catalog operator",
			policy: eu,
			res:    res{address: "foo_bucket.b", typ: "foo_bucket", level: "confidential", loc: known(t, cat, "eu-west-3", "FR")},
			want:   []got{{"TC005", policy.SeverityHigh, "foo_bucket.b", false}},
			msg:    "matches no operator of the catalog",
		},
		{
			name:   "confidential, operator id the catalog does not know",
			policy: eu,
			res:    res{address: "foo_bucket.b", typ: "foo_bucket", operator: "nosuchcloud", level: "confidential", loc: known(t, cat, "eu-west-3", "FR")},
			want:   []got{{"TC005", policy.SeverityHigh, "foo_bucket.b", false}},
			msg:    `operator "nosuchcloud" of foo_bucket.b is not in the catalog`,
		},
		{
			name:   "confidential on aws in the US: TC001 and TC005",
			policy: eu,
			res:    res{address: "aws_s3_bucket.b", operator: "aws", level: "confidential", loc: known(t, cat, "us-east-1", "US"), offer: offer(t, cat, "aws-all")},
			want:   []got{{"TC001", policy.SeverityHigh, "aws_s3_bucket.b", false}, {"TC005", policy.SeverityHigh, "aws_s3_bucket.b", false}},
		},
		{
			name:   "internal on aws: exposure allowed",
			policy: eu,
			res:    res{address: "aws_s3_bucket.b", operator: "aws", level: "internal", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all")},
		},
		{
			// Where SecNumCloud is required, TC002 says it: no TC005.
			name: "fr sensitive on aws: TC002, not TC005",
			res:  res{address: "aws_s3_bucket.b", operator: "aws", level: "sensitive", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all")},
			want: []got{{"TC002", policy.SeverityHigh, "aws_s3_bucket.b", false}},
		},
	})
}

// TestTC005ExposureWithoutLaws uses a user catalog that says an operator
// is exposed without naming the laws.
func TestTC005ExposureWithoutLaws(t *testing.T) {
	base, err := catalog.Parse(catalog.EmbeddedName, catalog.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	var exo *catalog.Operator
	for i := range base.Operators {
		if base.Operators[i].ID == "exoscale" {
			exo = &base.Operators[i]
		}
	}
	if exo == nil {
		t.Fatal("exoscale is not in the embedded catalog")
	}
	exposed := *exo
	exposed.ExtraterritorialExposure = ptr(true)
	exposed.ExtraterritorialLaws = nil
	cat, err := catalog.New(catalog.Named{Name: catalog.EmbeddedName, Doc: base},
		catalog.Named{Name: "user.json", Doc: &catalog.Document{SchemaVersion: base.SchemaVersion, Operators: []catalog.Operator{exposed}}})
	if err != nil {
		t.Fatalf("catalog.New: %v", err)
	}
	runCases(t, cat, []ruleCase{{
		name:   "exposed, laws not named",
		policy: profile(t, "eu-residency"),
		res:    res{address: "exoscale_compute_instance.vm", typ: "exoscale_compute_instance", operator: "exoscale", level: "confidential", loc: known(t, cat, "de-fra-1", "DE")},
		want:   []got{{"TC005", policy.SeverityHigh, "exoscale_compute_instance.vm", false}},
		msg:    "is subject to non-EU extraterritorial law",
	}})
}

func TestTC006CrossBorderReplication(t *testing.T) {
	cat := defaultCatalog(t)
	replica := func(region, country, attr string) inventory.Location {
		l := known(t, cat, region, country)
		l.Attribute = attr
		return l
	}
	const addr = "aws_dynamodb_table.t"
	runCases(t, cat, []ruleCase{
		{
			name: "sensitive table replicated to us-east-1",
			res: res{address: addr, typ: "aws_dynamodb_table", operator: "aws", level: "sensitive", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all"),
				replicas: []inventory.Location{replica("eu-central-1", "DE", "replica[0].region_name"), replica("us-east-1", "US", "replica[1].region_name")}},
			want: []got{{"TC002", policy.SeverityHigh, addr, false}, {"TC006", policy.SeverityHigh, addr, false}},
		},
		{
			name: "internal table replicated to us-east-1",
			res: res{address: addr, typ: "aws_dynamodb_table", operator: "aws", level: "internal", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all"),
				replicas: []inventory.Location{replica("us-east-1", "US", "replica[0].region_name")}},
			want: []got{{"TC006", policy.SeverityMedium, addr, false}},
			msg:  "replicates to us-east-1 (US, from replica[0].region_name)",
		},
		{
			name: "internal table replicated inside the EEA",
			res: res{address: addr, typ: "aws_dynamodb_table", operator: "aws", level: "internal", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all"),
				replicas: []inventory.Location{replica("eu-central-1", "DE", "replica[0].region_name")}},
		},
		{
			name: "replica the catalog cannot place: unknown, a TC006 (fail closed), low where unknown locations warn",
			res: res{address: addr, typ: "aws_dynamodb_table", operator: "aws", level: "internal", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all"),
				replicas: []inventory.Location{uncatalogued("mars-north-1")}},
			want: []got{{"TC006", policy.SeverityLow, addr, false}},
			msg:  "mars-north-1 is not a region the catalog can place",
		},
		{
			name: "replica computed at apply time: a TC006, never dropped",
			res: res{address: addr, typ: "aws_dynamodb_table", operator: "aws", level: "sensitive", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all"),
				replicas: []inventory.Location{{Status: inventory.StatusUnknown, Attribute: "replica[0].region_name", Flow: "replica", Reason: text("replica replica[0].region_name: computed at apply time")}}},
			want: []got{{"TC002", policy.SeverityHigh, addr, false}, {"TC006", policy.SeverityHigh, addr, false}},
			msg:  "sends data through replica[0].region_name (replica) to a place that is not known",
		},
		{
			name: "automatic replication (global) at internal: a TC006",
			res: res{address: addr, typ: "aws_dynamodb_table", operator: "aws", level: "internal", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all"),
				replicas: []inventory.Location{{Status: inventory.StatusGlobal, Attribute: "replication[0].auto", Flow: "automatic"}}},
			want: []got{{"TC006", policy.SeverityMedium, addr, false}},
			msg:  "to a global location",
		},
		{
			name: "inferred replica inside the area: a TC006 (an inference never shows compliance)",
			res: res{address: addr, typ: "aws_dynamodb_table", operator: "aws", level: "internal", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all"),
				replicas: []inventory.Location{func() inventory.Location {
					l := replica("eu-central-1", "DE", "replica[0].region_name")
					l.Unverified = text("only read through a reference")
					return l
				}()}},
			want: []got{{"TC006", policy.SeverityLow, addr, false}},
			msg:  "but that is only inferred: only read through a reference",
		},
		{
			name: "inferred replica outside the area: the plain TC006",
			res: res{address: addr, typ: "aws_dynamodb_table", operator: "aws", level: "internal", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all"),
				replicas: []inventory.Location{func() inventory.Location {
					l := replica("us-east-1", "US", "replica[0].region_name")
					l.Unverified = text("only read through a reference")
					return l
				}()}},
			want: []got{{"TC006", policy.SeverityMedium, addr, false}},
			msg:  "replicates to us-east-1",
		},
		{
			name: "unknown replica at public: nothing",
			res: res{address: addr, typ: "aws_dynamodb_table", operator: "aws", level: "public", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all"),
				replicas: []inventory.Location{{Status: inventory.StatusUnknown, Attribute: "replica[0].region_name", Flow: "replica", Reason: text("computed")}}},
		},
		{
			name: "unknown replica of a resource whose own location is unknown: both reported",
			res: res{address: addr, typ: "aws_dynamodb_table", operator: "aws", level: "internal", loc: unknown(),
				replicas: []inventory.Location{{Status: inventory.StatusUnknown, Attribute: "replica[0].region_name", Flow: "replica", Reason: text("computed")}}},
			want: []got{{"TC003", policy.SeverityLow, addr, false}, {"TC006", policy.SeverityLow, addr, false}},
		},
		{
			name: "unknown replica where unknown locations are denied: the level's severity",
			policy: parsePolicy(t, `
level "internal" {
  unknown_location = "deny"
}
`),
			res: res{address: addr, typ: "aws_dynamodb_table", operator: "aws", level: "internal", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all"),
				replicas: []inventory.Location{{Status: inventory.StatusUnknown, Attribute: "replica[0].region_name", Flow: "replica", Reason: text("computed")}}},
			want: []got{{"TC006", policy.SeverityMedium, addr, false}},
		},
		{
			name: "public table replicated anywhere",
			res: res{address: addr, typ: "aws_dynamodb_table", operator: "aws", level: "public", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all"),
				replicas: []inventory.Location{replica("us-east-1", "US", "replica[0].region_name")}},
		},
	})
}

// TestTC006OwnersLevel: a part that sets up a flow (a replication
// configuration, untagged) carries its owner's data (a sensitive bucket):
// its flows are judged at the owner's level, whatever the part's own.
func TestTC006OwnersLevel(t *testing.T) {
	cat := defaultCatalog(t)
	paris := known(t, cat, "eu-west-3", "FR")
	us := known(t, cat, "us-east-1", "US")
	us.Attribute, us.Flow = "rule[0].destination[0].bucket", "replica"
	bucket := res{address: "aws_s3_bucket.records", operator: "aws", level: "restricted", loc: paris, offer: offer(t, cat, "aws-all")}
	cfg := res{address: "aws_s3_bucket_replication_configuration.r", typ: "aws_s3_bucket_replication_configuration", operator: "aws",
		level: "public", loc: paris, offer: offer(t, cat, "aws-all"), replicas: []inventory.Location{us}, dataOf: "aws_s3_bucket.records"}
	fs := evaluate(cat, policy.Default(), inventoryOf(bucket, cfg))
	var tc006 *rules.Finding
	for _, f := range fs {
		if f.Rule == "TC006" {
			tc006 = f
		}
	}
	if tc006 == nil || tc006.Address != cfg.address || tc006.Severity != policy.SeverityCritical || tc006.Sensitivity.Level != "restricted" ||
		!strings.Contains(strings.Join(inventory.English(tc006.Sensitivity.Evidence), " "), "aws_s3_bucket.records's, at level restricted") {
		t.Fatalf("TC006 on the replication configuration at the bucket's level: %+v (all: %s)", tc006, messages(fs))
	}
	// A part classified stricter than its owner keeps its own level.
	cfg.level, bucket.level = "restricted", "public"
	fs = evaluate(cat, policy.Default(), inventoryOf(bucket, cfg))
	n := 0
	for _, f := range fs {
		if f.Rule == "TC006" {
			n++
			if f.Sensitivity.Level != "restricted" {
				t.Errorf("level %s", f.Sensitivity.Level)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d TC006, want 1: %s", n, messages(fs))
	}
}

func TestWaivers(t *testing.T) {
	cat := defaultCatalog(t)
	us := known(t, cat, "us-east-1", "US")
	pol := parsePolicy(t, `
waiver "DER-1" {
  addresses   = ["aws_s3_bucket.legacy"]
  rules       = ["TC001"]
  reason      = "migration planned"
  expires     = "2026-07-01"
  approved_by = "CISO"
  approved_on = "2026-03-23"
}
waiver "DER-OLD" {
  addresses   = ["aws_s3_bucket.old"]
  rules       = ["TC001"]
  reason      = "should be gone"
  expires     = "2026-06-30"
  approved_by = "CISO"
  approved_on = "2026-03-22"
}
waiver "DER-OTHER-RULE" {
  addresses   = ["aws_s3_bucket.other"]
  rules       = ["TC003"]
  reason      = "another rule"
  expires     = "2099-12-31"
  approved_by = "CISO"
  approved_on = "2099-09-22"
}
waiver "DER-KEYS" {
  addresses   = ["module.app.aws_s3_bucket.logs"]
  reason      = "every instance, every rule"
  expires     = "2099-12-31"
  approved_by = "CISO"
  approved_on = "2099-09-22"
}
waiver "DER-ONE-KEY" {
  addresses   = ["aws_s3_bucket.shard[\"eu\"]"]
  reason      = "one instance only"
  expires     = "2099-12-31"
  approved_by = "CISO"
  approved_on = "2099-09-22"
}
waiver "DER-GLOB" {
  addresses   = ["module.legacy*.**"]
  rules       = ["TC001"]
  reason      = "glob"
  expires     = "2099-12-31"
  approved_by = "CISO"
  approved_on = "2099-09-22"
}
`)
	internal := func(addr string) res {
		return res{address: addr, operator: "aws", level: "internal", loc: us, offer: offer(t, cat, "aws-all")}
	}
	cases := []struct {
		name string
		res  res
		want []got
		// waiver is the id of the waiver the first finding refers to.
		waiver  string
		expired bool
	}{
		{
			name:   "unexpired waiver: waived (valid through its expiry day)",
			res:    internal("aws_s3_bucket.legacy"),
			want:   []got{{"TC001", policy.SeverityMedium, "aws_s3_bucket.legacy", true}},
			waiver: "DER-1",
		},
		{
			name: "expired waiver: finding and TC007",
			res:  internal("aws_s3_bucket.old"),
			want: []got{
				{"TC001", policy.SeverityMedium, "aws_s3_bucket.old", false},
				{"TC007", policy.SeverityHigh, "aws_s3_bucket.old", false},
			},
			waiver:  "DER-OLD",
			expired: true,
		},
		{
			name: "waiver for another rule",
			res:  internal("aws_s3_bucket.other"),
			want: []got{{"TC001", policy.SeverityMedium, "aws_s3_bucket.other", false}},
		},
		{
			name:   "glob without key matches an instance with a string key",
			res:    internal(`module.app.aws_s3_bucket.logs["a"]`),
			want:   []got{{"TC001", policy.SeverityMedium, `module.app.aws_s3_bucket.logs["a"]`, true}},
			waiver: "DER-KEYS",
		},
		{
			name:   "glob without key matches an instance with a number key",
			res:    internal(`module.app.aws_s3_bucket.logs[3]`),
			want:   []got{{"TC001", policy.SeverityMedium, `module.app.aws_s3_bucket.logs[3]`, true}},
			waiver: "DER-KEYS",
		},
		{
			name:   "waiver with a key matches that instance",
			res:    internal(`aws_s3_bucket.shard["eu"]`),
			want:   []got{{"TC001", policy.SeverityMedium, `aws_s3_bucket.shard["eu"]`, true}},
			waiver: "DER-ONE-KEY",
		},
		{
			name: "waiver with a key does not match another instance",
			res:  internal(`aws_s3_bucket.shard["us"]`),
			want: []got{{"TC001", policy.SeverityMedium, `aws_s3_bucket.shard["us"]`, false}},
		},
		{
			name:   "** glob under a module with an instance key",
			res:    internal(`module.legacy_eu[0].aws_s3_bucket.b`),
			want:   []got{{"TC001", policy.SeverityMedium, `module.legacy_eu[0].aws_s3_bucket.b`, true}},
			waiver: "DER-GLOB",
		},
		{
			name: "waiver address does not match a longer address",
			res:  internal(`module.app.aws_s3_bucket.logs_archive`),
			want: []got{{"TC001", policy.SeverityMedium, `module.app.aws_s3_bucket.logs_archive`, false}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := evaluate(cat, pol, inventoryOf(tc.res))
			if diff := cmp.Diff(tc.want, summarize(fs)); diff != "" {
				t.Fatalf("findings (-want +got):\n%s", diff)
			}
			f := fs[0]
			if tc.waiver == "" {
				if f.Waiver != nil {
					t.Errorf("waiver %+v on an unwaived finding", f.Waiver)
				}
				return
			}
			if f.Waiver == nil {
				t.Fatalf("no waiver reference")
			}
			if f.Waiver.ID != tc.waiver || f.Waiver.Expired != tc.expired || f.Waiver.ApprovedBy != "CISO" || f.Waiver.Reason == "" {
				t.Errorf("waiver = %+v, want id %s expired %v", f.Waiver, tc.waiver, tc.expired)
			}
			if tc.expired {
				exp := fs[1]
				if exp.Waiver == nil || exp.Waiver.ID != tc.waiver || !exp.Waiver.Expired {
					t.Errorf("TC007 waiver = %+v", exp.Waiver)
				}
				for _, s := range []string{tc.waiver, "TC001", "expired on 2026-06-30"} {
					if !strings.Contains(exp.Message.String(), s) {
						t.Errorf("TC007 message %q does not contain %q", exp.Message, s)
					}
				}
				if exp.Sensitivity.Level != "internal" || exp.Location.Region != "us-east-1" {
					t.Errorf("TC007 does not carry the resource: %+v", exp)
				}
			}
		})
	}
}

func TestWaiverExpiryBoundary(t *testing.T) {
	cat := defaultCatalog(t)
	pol := parsePolicy(t, `
waiver "DER-1" {
  addresses   = ["aws_s3_bucket.b"]
  reason      = "r"
  expires     = "2026-06-30"
  approved_by = "CISO"
  approved_on = "2026-03-22"
}
`)
	inv := inventoryOf(res{address: "aws_s3_bucket.b", operator: "aws", level: "internal", loc: known(t, cat, "us-east-1", "US"), offer: offer(t, cat, "aws-all")})
	cases := []struct {
		now  time.Time
		want []got
	}{
		{time.Date(2026, 6, 30, 23, 59, 59, 0, time.UTC), []got{{"TC001", policy.SeverityMedium, "aws_s3_bucket.b", true}}},
		{time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), []got{
			{"TC001", policy.SeverityMedium, "aws_s3_bucket.b", false},
			{"TC007", policy.SeverityHigh, "aws_s3_bucket.b", false},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.now.Format(time.RFC3339), func(t *testing.T) {
			ev := &rules.Evaluator{Catalog: cat, Policy: pol, Now: func() time.Time { return tc.now }}
			if diff := cmp.Diff(tc.want, summarize(ev.Evaluate(inv))); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWaiversTwoMatching(t *testing.T) {
	cat := defaultCatalog(t)
	// An expired waiver followed by a renewed one: the renewed one wins.
	pol := parsePolicy(t, `
waiver "DER-1" {
  addresses   = ["aws_s3_bucket.b"]
  reason      = "first"
  expires     = "2025-12-31"
  approved_by = "CISO"
  approved_on = "2025-09-22"
}
waiver "DER-1-RENEWED" {
  addresses   = ["aws_s3_bucket.b"]
  reason      = "renewed"
  expires     = "2027-12-31"
  approved_by = "CISO"
  approved_on = "2027-09-22"
}
`)
	fs := evaluate(cat, pol, inventoryOf(res{address: "aws_s3_bucket.b", operator: "aws", level: "sensitive", loc: known(t, cat, "us-east-1", "US"), offer: offer(t, cat, "aws-all")}))
	want := []got{{"TC001", policy.SeverityHigh, "aws_s3_bucket.b", true}, {"TC002", policy.SeverityHigh, "aws_s3_bucket.b", true}}
	if diff := cmp.Diff(want, summarize(fs)); diff != "" {
		t.Fatalf("findings (-want +got):\n%s", diff)
	}
	for _, f := range fs {
		if f.Waiver == nil || f.Waiver.ID != "DER-1-RENEWED" || f.Waiver.Expired {
			t.Errorf("%s: waiver %+v, want DER-1-RENEWED", f.Rule, f.Waiver)
		}
	}
}

func TestNoFindings(t *testing.T) {
	cat := defaultCatalog(t)
	us := known(t, cat, "us-east-1", "US")
	cases := []struct {
		name string
		res  res
	}{
		{"deleted only", res{address: "aws_s3_bucket.b", operator: "aws", level: "restricted", loc: us, actions: []string{"delete"}}},
		{"data source", res{address: "data.aws_s3_bucket.b", operator: "aws", level: "restricted", loc: us, mode: "data", actions: []string{"read"}}},
		{"not applicable", res{address: "random_id.id", typ: "random_id", level: "restricted", loc: notApplicable()}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if fs := evaluate(cat, policy.Default(), inventoryOf(tc.res)); len(fs) != 0 {
				t.Errorf("got %d findings, want none: %s", len(fs), messages(fs))
			}
		})
	}
	t.Run("replaced resources are checked", func(t *testing.T) {
		for _, actions := range [][]string{{"delete", "create"}, {"create", "delete"}, {"update"}, {"no-op"}} {
			fs := evaluate(cat, policy.Default(), inventoryOf(res{address: "aws_s3_bucket.b", operator: "aws", level: "internal", loc: us, actions: actions}))
			if diff := cmp.Diff([]got{{"TC001", policy.SeverityMedium, "aws_s3_bucket.b", false}}, summarize(fs)); diff != "" {
				t.Errorf("actions %v (-want +got):\n%s", actions, diff)
			}
		}
	})
	t.Run("empty inventory", func(t *testing.T) {
		if fs := evaluate(cat, policy.Default(), &inventory.Inventory{}); len(fs) != 0 {
			t.Errorf("got %d findings", len(fs))
		}
	})
}

func TestSorting(t *testing.T) {
	cat := defaultCatalog(t)
	us := known(t, cat, "us-east-1", "US")
	inv := inventoryOf(
		res{address: "module.b.aws_s3_bucket.x", operator: "aws", level: "internal", loc: us},
		res{address: "aws_s3_bucket.z", operator: "aws", level: "sensitive", loc: us, offer: offer(t, cat, "aws-all")},
		res{address: "aws_iam_role.r", typ: "aws_iam_role", operator: "aws", level: "sensitive", loc: global()},
		res{address: "aws_s3_bucket.a", operator: "aws", level: "internal", loc: unknown()},
		res{address: "module.a.aws_s3_bucket.x", operator: "aws", level: "internal", loc: us},
	)
	want := []got{
		{"TC002", policy.SeverityHigh, "aws_iam_role.r", false},
		{"TC004", policy.SeverityHigh, "aws_iam_role.r", false},
		{"TC003", policy.SeverityLow, "aws_s3_bucket.a", false},
		{"TC001", policy.SeverityHigh, "aws_s3_bucket.z", false},
		{"TC002", policy.SeverityHigh, "aws_s3_bucket.z", false},
		{"TC001", policy.SeverityMedium, "module.a.aws_s3_bucket.x", false},
		{"TC001", policy.SeverityMedium, "module.b.aws_s3_bucket.x", false},
	}
	fs := evaluate(cat, policy.Default(), inv)
	if diff := cmp.Diff(want, summarize(fs)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if fs[5].Module != "module.a" {
		t.Errorf("module = %q, want module.a", fs[5].Module)
	}
	// Evaluating twice gives the same order.
	again := evaluate(cat, policy.Default(), inv)
	if diff := cmp.Diff(summarize(fs), summarize(again)); diff != "" {
		t.Errorf("second evaluation differs:\n%s", diff)
	}
}

func TestSeverities(t *testing.T) {
	cat := defaultCatalog(t)
	us := known(t, cat, "us-east-1", "US")
	cases := []struct {
		name   string
		policy *policy.Policy
		level  string
		want   []got
	}{
		{"public", nil, "public", []got{}},
		{"internal", nil, "internal", []got{{"TC001", policy.SeverityMedium, "aws_s3_bucket.b", false}}},
		{"sensitive", nil, "sensitive", []got{{"TC001", policy.SeverityHigh, "aws_s3_bucket.b", false}, {"TC002", policy.SeverityHigh, "aws_s3_bucket.b", false}}},
		{"restricted", nil, "restricted", []got{{"TC001", policy.SeverityCritical, "aws_s3_bucket.b", false}, {"TC002", policy.SeverityCritical, "aws_s3_bucket.b", false}}},
		{
			name: "level severity",
			policy: parsePolicy(t, `
level "internal" {
  severity = "high"
}
`),
			level: "internal",
			want:  []got{{"TC001", policy.SeverityHigh, "aws_s3_bucket.b", false}},
		},
		{
			name: "level rule_severity for one rule",
			policy: parsePolicy(t, `
level "sensitive" {
  rule_severity = { "TC002" = "info" }
}
`),
			level: "sensitive",
			want:  []got{{"TC001", policy.SeverityHigh, "aws_s3_bucket.b", false}, {"TC002", policy.SeverityInfo, "aws_s3_bucket.b", false}},
		},
		{
			name:   "policy-wide rule_severity",
			policy: parsePolicy(t, `rule_severity = { "TC001" = "critical" }`),
			level:  "internal",
			want:   []got{{"TC001", policy.SeverityCritical, "aws_s3_bucket.b", false}},
		},
		{
			name: "level rule_severity beats policy-wide rule_severity",
			policy: parsePolicy(t, `
rule_severity = { "TC001" = "critical" }
level "internal" {
  rule_severity = { "TC001" = "low" }
}
`),
			level: "internal",
			want:  []got{{"TC001", policy.SeverityLow, "aws_s3_bucket.b", false}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pol := tc.policy
			if pol == nil {
				pol = policy.Default()
			}
			fs := evaluate(cat, pol, inventoryOf(res{address: "aws_s3_bucket.b", operator: "aws", level: tc.level, loc: us, offer: offer(t, cat, "aws-all")}))
			if diff := cmp.Diff(tc.want, summarize(fs)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("TC007 severity follows rule_severity", func(t *testing.T) {
		pol := parsePolicy(t, `
rule_severity = { "TC007" = "critical" }
waiver "DER-1" {
  addresses   = ["aws_s3_bucket.b"]
  reason      = "r"
  expires     = "2020-01-01"
  approved_by = "CISO"
  approved_on = "2019-09-23"
}
`)
		fs := evaluate(cat, pol, inventoryOf(res{address: "aws_s3_bucket.b", operator: "aws", level: "internal", loc: us}))
		want := []got{{"TC001", policy.SeverityMedium, "aws_s3_bucket.b", false}, {"TC007", policy.SeverityCritical, "aws_s3_bucket.b", false}}
		if diff := cmp.Diff(want, summarize(fs)); diff != "" {
			t.Errorf("findings (-want +got):\n%s", diff)
		}
	})
}

func TestCanadaProtectedB(t *testing.T) {
	cat := defaultCatalog(t)
	ca := profile(t, "ca-protected-b")
	runCases(t, cat, []ruleCase{
		{
			name:   "protected-b in ca-central-1",
			policy: ca,
			res:    res{address: "aws_s3_bucket.b", operator: "aws", level: "protected-b", loc: known(t, cat, "ca-central-1", "CA"), offer: offer(t, cat, "aws-all")},
		},
		{
			name:   "protected-b in Paris",
			policy: ca,
			res:    res{address: "aws_s3_bucket.b", operator: "aws", level: "protected-b", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all")},
			want:   []got{{"TC001", policy.SeverityHigh, "aws_s3_bucket.b", false}},
			msg:    "outside the area allowed at level protected-b (CA)",
		},
		{
			name:   "protected-b, unknown location",
			policy: ca,
			res:    res{address: "aws_s3_bucket.b", operator: "aws", level: "protected-b", loc: unknown()},
			want:   []got{{"TC003", policy.SeverityHigh, "aws_s3_bucket.b", false}},
		},
		{
			name:   "protected-a in us-east-1: no residency",
			policy: ca,
			res:    res{address: "aws_s3_bucket.b", operator: "aws", level: "protected-a", loc: known(t, cat, "us-east-1", "US"), offer: offer(t, cat, "aws-all")},
		},
		{
			name:   "protected-a, unknown location",
			policy: ca,
			res:    res{address: "aws_s3_bucket.b", operator: "aws", level: "protected-a", loc: unknown()},
			want:   []got{{"TC003", policy.SeverityMedium, "aws_s3_bucket.b", false}},
		},
		{
			name:   "unclassified anywhere",
			policy: ca,
			res:    res{address: "aws_s3_bucket.b", operator: "aws", level: "unclassified", loc: unknown()},
		},
	})
}

// TestFindingCarriesResource checks the fields reporters rely on.
func TestFindingCarriesResource(t *testing.T) {
	cat := defaultCatalog(t)
	r := res{address: "module.db.aws_db_instance.main", typ: "aws_db_instance", operator: "aws", level: "restricted",
		loc: known(t, cat, "eu-central-1", "DE"), offer: offer(t, cat, "aws-all")}
	fs := evaluate(cat, policy.Default(), inventoryOf(r))
	if len(fs) == 0 {
		t.Fatal("no finding")
	}
	f := fs[0]
	want := &rules.Finding{Rule: "TC001", Name: "non-eu-region", Severity: policy.SeverityCritical, Address: r.address, Module: "module.db",
		Type: "aws_db_instance", Operator: ptr("aws"), Location: &r.loc, Sensitivity: &inventory.Sensitivity{Level: "restricted", Evidence: texts("tag data_sensitivity=restricted")}}
	if diff := cmp.Diff(want, f, cmp.AllowUnexported(rules.Finding{}), cmpIgnoreText()); diff != "" {
		t.Errorf("finding (-want +got):\n%s", diff)
	}
	if !strings.Contains(f.Remediation, "FR") {
		t.Errorf("remediation %q does not name the allowed country", f.Remediation)
	}
}

// cmpIgnoreText ignores the free-text fields and the unexported link to the
// resource.
func cmpIgnoreText() cmp.Option {
	return cmp.FilterPath(func(p cmp.Path) bool {
		name := p.Last().String()
		return slices.Contains([]string{".Message", ".Remediation", ".RemediationText", ".resource"}, name)
	}, cmp.Ignore())
}

// TestPerimeter: NumSpot's qualification covers cloudgouv-eu-west-1 for
// IaaS only; a sensitive managed PostgreSQL there is TC002 naming the
// perimeter, a volume passes.
func TestPerimeter(t *testing.T) {
	cat := defaultCatalog(t).WithClock(func() time.Time { return time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC) })
	db := res{address: "numspot_postgres_cluster.db", typ: "numspot_postgres_cluster", operator: "numspot", level: "sensitive",
		loc: known(t, cat, "cloudgouv-eu-west-1", "FR")}
	vol := res{address: "numspot_volume.data", typ: "numspot_volume", operator: "numspot", level: "sensitive",
		loc: known(t, cat, "cloudgouv-eu-west-1", "FR"), offer: offer(t, cat, "numspot-iaas-paas")}
	runCases(t, cat, []ruleCase{
		{name: "PaaS outside the IaaS perimeter", res: db,
			want: []got{{"TC002", policy.SeverityHigh, db.address, false}},
			msg:  "covers cloudgouv-eu-west-1, but its perimeter (IaaS only: NumSpot's PaaS services are not shown as qualified) leaves out numspot_postgres_cluster"},
		{name: "IaaS inside it", res: vol},
	})
}

// TestTC012Unclassified: each unreadable classification signal is a
// finding at the level it gave the resource, beside the location rules.
func TestTC012Unclassified(t *testing.T) {
	cat := defaultCatalog(t)
	r := res{address: "aws_sqs_queue.q", typ: "aws_sqs_queue", operator: "aws", level: "sensitive", loc: known(t, cat, "eu-west-3", "FR"), offer: offer(t, cat, "aws-all")}
	inv := inventoryOf(r)
	inv.Resources[0].Sensitivity.Unclassified = texts(`tag data_sensitivity="confidential" is not a sensitivity level of the policy`, "module m argument data_sensitivity cannot be read")
	fs := evaluate(cat, policy.Default(), inv)
	if diff := cmp.Diff([]got{{"TC002", policy.SeverityHigh, r.address, false}, {"TC012", policy.SeverityHigh, r.address, false}, {"TC012", policy.SeverityHigh, r.address, false}}, summarize(fs)); diff != "" {
		t.Fatalf("findings (-want +got):\n%s", diff)
	}
	if !strings.Contains(messages(fs), `"confidential" is not a sensitivity level of the policy; judged at level sensitive`) {
		t.Errorf("messages: %s", messages(fs))
	}
	// A resource only being deleted is not judged.
	inv.Resources[0].Actions = []string{"delete"}
	if fs := evaluate(cat, policy.Default(), inv); len(fs) != 0 {
		t.Errorf("delete-only: %s", messages(fs))
	}
}

// TestWaiverDoesNotCoverNewResources: a waiver granted for existing
// resources does not cover one this change creates, unless it says
// covers_new = true; the refusal is in the finding.
func TestWaiverDoesNotCoverNewResources(t *testing.T) {
	cat := defaultCatalog(t)
	us := known(t, cat, "us-east-1", "US")
	for _, tc := range []struct {
		name, extra string
		actions     []string
		waived      bool
	}{
		{"existing resource: waived", "", []string{"update"}, true},
		{"created resource: refused", "", []string{"create"}, false},
		{"replaced resource: refused", "", []string{"delete", "create"}, false},
		{"created resource, covers_new: waived", "covers_new = true\n", []string{"create"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pol := parsePolicy(t, `
waiver "DER-9" {
  addresses   = ["aws_s3_bucket.*"]
  rules       = ["TC001"]
  reason      = "legacy buckets, migration planned"
  expires     = "2026-12-31"
  approved_by = "CISO"
  approved_on = "2026-06-01"
`+tc.extra+`}
`)
			fs := evaluate(cat, pol, inventoryOf(res{address: "aws_s3_bucket.new", operator: "aws", level: "internal", loc: us, actions: tc.actions}))
			if len(fs) != 1 || fs[0].Rule != "TC001" || fs[0].Waived != tc.waived || fs[0].Waiver == nil || fs[0].Waiver.ID != "DER-9" {
				t.Fatalf("findings: %+v", fs)
			}
			if refused := fs[0].Waiver.Refused; tc.waived != (refused == "") || !tc.waived && !strings.Contains(refused, "this change creates aws_s3_bucket.new") {
				t.Errorf("refused = %q", refused)
			}
		})
	}
}
