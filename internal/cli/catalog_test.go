package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/cli"
)

// table splits a text table into rows of fields (columns are separated by
// two spaces or more), header included.
func table(t *testing.T, out string) [][]string {
	t.Helper()
	var rows [][]string
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		var fields []string
		for _, f := range strings.Split(line, "  ") {
			if f = strings.TrimSpace(f); f != "" {
				fields = append(fields, f)
			}
		}
		rows = append(rows, fields)
	}
	if len(rows) == 0 {
		t.Fatal("empty table")
	}
	return rows
}

func decodeJSON[T any](t *testing.T, out string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("output does not decode: %v\n%s", err, out)
	}
	return v
}

// embedded is the embedded catalog, on today's clock as the commands read
// it. Which regions are SecNumCloud-qualified today changes as ANSSI
// publishes and qualifications expire: tests read it from the catalog.
func embedded(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatalf("embedded catalog: %v", err)
	}
	return c
}

func TestCatalogRegionsSecNumCloudFrance(t *testing.T) {
	c := embedded(t)
	var want [][]string
	for _, r := range c.Regions() {
		if r.Country == "FR" && c.RegionQualified(r) {
			want = append(want, []string{r.Operator, r.Code})
		}
	}
	if len(want) == 0 {
		t.Fatal("bad test: no French region is SecNumCloud-qualified in the embedded catalog today")
	}
	for _, args := range [][]string{
		{"catalog", "regions", "--country", "FR", "--secnumcloud-only"},
		{"catalog", "--secnumcloud-only", "regions", "--country", "fr"},
	} {
		t.Run(strings.Join(args[1:], " "), func(t *testing.T) {
			r := run(t, "", args...)
			if r.code != cli.ExitOK || r.stderr != "" {
				t.Fatalf("got %s", r)
			}
			rows := table(t, r.stdout)
			if diff := cmp.Diff([]string{"OPERATOR", "REGION", "CITY", "COUNTRY", "EU", "SECNUMCLOUD"}, rows[0]); diff != "" {
				t.Errorf("header (-want +got):\n%s", diff)
			}
			var got [][]string
			for _, row := range rows[1:] {
				got = append(got, row[:2])
				if row[len(row)-1] != "yes" || row[len(row)-2] != "yes" || row[len(row)-3] != "FR" {
					t.Errorf("row %q: want FR, EU yes, SecNumCloud yes", row)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("regions (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		r := run(t, "", "catalog", "regions", "--country", "FR", "--secnumcloud-only", "--format", "json")
		if r.code != cli.ExitOK {
			t.Fatalf("got %s", r)
		}
		type region struct {
			Operator  string `json:"operator"`
			Code      string `json:"code"`
			Country   string `json:"country"`
			EU        bool   `json:"eu"`
			EEA       bool   `json:"eea"`
			Qualified bool   `json:"secnumcloud_qualified"`
		}
		got := decodeJSON[[]region](t, r.stdout)
		var wantJSON []region
		for _, w := range want {
			wantJSON = append(wantJSON, region{w[0], w[1], "FR", true, true, true})
		}
		if diff := cmp.Diff(wantJSON, got); diff != "" {
			t.Errorf("regions (-want +got):\n%s", diff)
		}
	})
}

func TestCatalogRegionsFilters(t *testing.T) {
	type region struct {
		Operator  string `json:"operator"`
		Code      string `json:"code"`
		Country   string `json:"country"`
		EU        bool   `json:"eu"`
		Qualified bool   `json:"secnumcloud_qualified"`
	}
	all := decodeJSON[[]region](t, run(t, "", "catalog", "regions", "--format", "json").stdout)
	if len(all) < 50 {
		t.Fatalf("%d regions in the catalog", len(all))
	}
	cases := []struct {
		args []string
		keep func(region) bool
	}{
		{[]string{"--operator", "outscale"}, func(r region) bool { return r.Operator == "outscale" }},
		{[]string{"--operator", "OVHcloud"}, func(r region) bool { return r.Operator == "ovhcloud" }},
		{[]string{"--country", "CA"}, func(r region) bool { return r.Country == "CA" }},
		{[]string{"--eu-only", "--operator", "aws"}, func(r region) bool { return r.Operator == "aws" && r.EU }},
		{[]string{"--secnumcloud-only"}, func(r region) bool { return r.Qualified }},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := run(t, "", append([]string{"catalog", "regions", "--format", "json"}, tc.args...)...)
			if r.code != cli.ExitOK {
				t.Fatalf("got %s", r)
			}
			got := decodeJSON[[]region](t, r.stdout)
			want := slices.DeleteFunc(slices.Clone(all), func(r region) bool { return !tc.keep(r) })
			if len(want) == 0 {
				t.Fatal("bad test: the filter keeps nothing")
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("regions (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("--provider hashicorp/google", func(t *testing.T) {
		got := decodeJSON[[]region](t, run(t, "", "catalog", "regions", "--format", "json", "--provider", "hashicorp/google").stdout)
		ops := map[string]bool{}
		for _, r := range got {
			ops[r.Operator] = true
		}
		if !ops["google"] || ops["aws"] {
			t.Errorf("operators of hashicorp/google regions: %v", ops)
		}
	})
}

// offersFixture is a user catalog of one operator, tc-test, whose offers
// take every standing, with expiries relative to today: the catalog
// commands judge on today's date, and the embedded catalog under the file
// may change without changing these answers.
type offersFixture struct {
	today time.Time
	file  string
}

// inDays is the date days after the fixture's today.
func (f offersFixture) inDays(days int) string {
	return f.today.AddDate(0, 0, days).Format(time.DateOnly)
}

func newOffersFixture(t *testing.T) offersFixture {
	t.Helper()
	f := offersFixture{today: time.Now().UTC()}
	exposed := false
	src := []string{"tc-anssi"}
	qualified := func(id, name, from, until, decision string) catalog.Offer {
		return catalog.Offer{ID: id, Operator: "tc-test", Name: name, Model: "IaaS", Status: catalog.StatusQualified,
			QualifiedOn: from, ExpiresOn: until, Decision: decision, Edition: "2026-06-15",
			Regions: []string{"tc-paris-1"}, SourceIDs: src}
	}
	unconfirmed := qualified("tc-unconfirmed", "Unconfirmed offer", "2025-06-01", f.inDays(10), "")
	unconfirmed.Edition, unconfirmed.Unverified = "", true
	doc := catalog.Document{
		SchemaVersion: catalog.SchemaVersion,
		Sources: []catalog.Source{{ID: "tc-anssi", Title: "Test edition of ANSSI's catalogue of qualified services",
			URL: "https://example.test/anssi.pdf", Date: "2026-06-15"}},
		Operators: []catalog.Operator{{ID: "tc-test", Name: "Test cloud", Country: "FR", ParentJurisdiction: "FR",
			ExtraterritorialExposure: &exposed, SourceIDs: src}},
		Regions: []catalog.Region{{Operator: "tc-test", Code: "tc-paris-1", City: "Paris", Country: "FR", SourceIDs: src}},
		Offers: []catalog.Offer{
			qualified("tc-expired", "Expired offer", "2020-01-15", "2023-01-15", "TC-2001"),
			qualified("tc-expiring", "Expiring offer", f.inDays(-300), f.inDays(20), "TC-2002"),
			{ID: "tc-pending", Operator: "tc-test", Name: "Pending offer", Status: catalog.StatusJ1,
				Milestones: map[string]string{"J0": "2025-03-01", "J1": "2026-02-01"}, Regions: []string{"tc-paris-1"}, SourceIDs: src},
			qualified("tc-qualified", "Qualified offer", "2025-01-15", f.inDays(400), "TC-2004"),
			unconfirmed,
			{ID: "tc-unknown", Operator: "tc-test", Name: "Unknown offer", Status: catalog.StatusUnknown,
				Regions: []string{"tc-paris-1"}, SourceIDs: src},
		},
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	f.file = filepath.Join(t.TempDir(), "offers.json")
	if err := os.WriteFile(f.file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestCatalogOffers(t *testing.T) {
	f := newOffersFixture(t)
	type offer struct {
		ID          string `json:"id"`
		Operator    string `json:"operator"`
		Status      string `json:"status"`
		Standing    string `json:"standing"`
		QualifiedOn string `json:"qualified_on"`
		ExpiresOn   string `json:"expires_on"`
		Decision    string `json:"decision"`
		Edition     string `json:"anssi_edition"`
		Unverified  bool   `json:"unverified"`
	}
	offers := func(t *testing.T, args ...string) []offer {
		t.Helper()
		r := run(t, "", append([]string{"catalog", "offers", "--catalog", f.file, "--operator", "tc-test", "--format", "json"}, args...)...)
		if r.code != cli.ExitOK || r.stderr != "" {
			t.Fatalf("got %s", r)
		}
		return decodeJSON[[]offer](t, r.stdout)
	}
	ids := func(list []offer) []string {
		out := []string{}
		for _, o := range list {
			out = append(out, o.ID)
		}
		return out
	}

	t.Run("json", func(t *testing.T) {
		want := []offer{
			{"tc-expired", "tc-test", "qualified", "expired", "2020-01-15", "2023-01-15", "TC-2001", "2026-06-15", false},
			{"tc-expiring", "tc-test", "qualified", "qualified", f.inDays(-300), f.inDays(20), "TC-2002", "2026-06-15", false},
			{"tc-pending", "tc-test", "J1", "pending", "", "", "", "", false},
			{"tc-qualified", "tc-test", "qualified", "qualified", "2025-01-15", f.inDays(400), "TC-2004", "2026-06-15", false},
			{"tc-unconfirmed", "tc-test", "qualified", "unconfirmed", "2025-06-01", f.inDays(10), "", "", true},
			{"tc-unknown", "tc-test", "unknown", "unknown", "", "", "", "", false},
		}
		if diff := cmp.Diff(want, offers(t)); diff != "" {
			t.Errorf("offers (-want +got):\n%s", diff)
		}
		// The offers as the catalog marshals them: milestones too.
		r := run(t, "", "catalog", "offers", "--catalog", f.file, "--operator", "tc-test", "--status", "J1", "--format", "json")
		if !strings.Contains(r.stdout, `"milestones": {`) || !strings.Contains(r.stdout, `"J1": "2026-02-01"`) {
			t.Errorf("milestones missing from %s", r.stdout)
		}
	})

	filters := []struct {
		args []string
		want []string
	}{
		{[]string{"--status", "qualified"}, []string{"tc-expired", "tc-expiring", "tc-qualified", "tc-unconfirmed"}},
		{[]string{"--status", "unknown"}, []string{"tc-unknown"}},
		{[]string{"--status", "j1"}, []string{"tc-pending"}},
		{[]string{"--standing", "expired"}, []string{"tc-expired"}},
		{[]string{"--standing", "Unconfirmed"}, []string{"tc-unconfirmed"}},
		{[]string{"--standing", "qualified"}, []string{"tc-expiring", "tc-qualified"}},
		// Expiring: recorded as qualified, not expired, expiry within the
		// window; the last day of a window in days is in it.
		{[]string{"--expiring", "90d"}, []string{"tc-expiring", "tc-unconfirmed"}},
		{[]string{"--expiring", "20d"}, []string{"tc-expiring", "tc-unconfirmed"}},
		{[]string{"--expiring", "19d"}, []string{"tc-unconfirmed"}},
		{[]string{"--expiring", "3w"}, []string{"tc-expiring", "tc-unconfirmed"}},
		{[]string{"--expiring", "1d"}, []string{}},
		{[]string{"--expiring", "2160h"}, []string{"tc-expiring", "tc-unconfirmed"}},
		{[]string{"--expiring", "200h"}, []string{}},
		{[]string{"--expiring", "1h"}, []string{}},
		{[]string{"--expiring", "500d"}, []string{"tc-expiring", "tc-qualified", "tc-unconfirmed"}},
		{[]string{"--expiring", "90d", "--standing", "qualified"}, []string{"tc-expiring"}},
	}
	for _, tc := range filters {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			if diff := cmp.Diff(tc.want, ids(offers(t, tc.args...))); diff != "" {
				t.Errorf("offers (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("text", func(t *testing.T) {
		r := run(t, "", "catalog", "offers", "--catalog", f.file, "--operator", "tc-test")
		if r.code != cli.ExitOK || r.stderr != "" {
			t.Fatalf("got %s", r)
		}
		want := [][]string{
			{"OPERATOR", "OFFER", "STATUS", "STANDING", "QUALIFIED ON", "EXPIRES ON", "DECISION", "REGIONS", "NOTE"},
			{"tc-test", "Expired offer", "qualified", "expired", "2020-01-15", "2023-01-15", "TC-2001", "tc-paris-1", "renewal not recorded"},
			{"tc-test", "Expiring offer", "qualified", "qualified", f.inDays(-300), f.inDays(20), "TC-2002", "tc-paris-1"},
			{"tc-test", "Pending offer", "J1", "pending", "-", "-", "-", "tc-paris-1"},
			{"tc-test", "Qualified offer", "qualified", "qualified", "2025-01-15", f.inDays(400), "TC-2004", "tc-paris-1"},
			{"tc-test", "Unconfirmed offer", "qualified", "qualified (unconfirmed)", "2025-06-01", f.inDays(10), "-", "tc-paris-1", "confirm in ANSSI's catalogue"},
			{"tc-test", "Unknown offer", "unknown", "unknown", "-", "-", "-", "tc-paris-1"},
		}
		if diff := cmp.Diff(want, table(t, r.stdout)); diff != "" {
			t.Errorf("table (-want +got):\n%s", diff)
		}
	})

	// The embedded catalog still lists its offers under the user file.
	t.Run("--operator BLEU", func(t *testing.T) {
		got := decodeJSON[[]offer](t, run(t, "", "catalog", "offers", "--catalog", f.file, "--operator", "BLEU", "--format", "json").stdout)
		if len(got) == 0 || got[0].Operator != "bleu" || got[0].Standing == "" {
			t.Errorf("bleu offers = %+v", got)
		}
	})
}

func TestCatalogOffersErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"bad status", []string{"--status", "J4"}, `catalog: --status: unknown status "J4": use one of qualified, J0, J1, J2, in_progress, unknown, none`},
		{"bad standing", []string{"--standing", "lapsed"}, `catalog: --standing: unknown standing "lapsed": use one of qualified, unconfirmed, expired, pending, unknown, none`},
		{"expiring without unit", []string{"--expiring", "90"}, `catalog: --expiring: "90" is not a positive duration`},
		// A Go duration, but three minutes: surely meant as months.
		{"expiring in minutes", []string{"--expiring", "3m"}, `catalog: --expiring: "3m" is not a positive duration`},
		{"expiring in months", []string{"--expiring", "3mo"}, `catalog: --expiring: "3mo" is not a positive duration`},
		{"expiring zero", []string{"--expiring", "0d"}, `catalog: --expiring: "0d" is not a positive duration`},
		{"expiring negative", []string{"--expiring", "-90d"}, `catalog: --expiring: "-90d" is not a positive duration`},
		{"expiring negative hours", []string{"--expiring", "-5h"}, `catalog: --expiring: "-5h" is not a positive duration`},
		{"expiring fraction of days", []string{"--expiring", "1.5d"}, `"1.5d" is not a positive duration`},
		{"expiring too long", []string{"--expiring", "36501d"}, `"36501d" is not a positive duration`},
		{"expiring blank", []string{"--expiring", " "}, `catalog: --expiring: " " is not a positive duration`},
		{"expiring unit only", []string{"--expiring", "d"}, `catalog: --expiring: "d" is not a positive duration`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "", append([]string{"catalog", "offers"}, tc.args...)...)
			if r.code != cli.ExitError || r.stdout != "" {
				t.Fatalf("got %s", r)
			}
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr %q does not contain %q", r.stderr, tc.want)
			}
		})
	}
	t.Run("french", func(t *testing.T) {
		r := run(t, "", "catalog", "offers", "--lang", "fr", "--expiring", "3m")
		if r.code != cli.ExitError || !strings.Contains(r.stderr, `catalog : --expiring : "3m" n'est pas une durée positive`) {
			t.Errorf("got %s", r)
		}
	})
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// productOperators are the operator ids PRODUCT.md promises to keep.
var productOperators = []string{"aws", "azure", "google", "s3ns", "bleu", "outscale", "numspot", "ovhcloud", "scaleway",
	"cloudtemple", "ionos", "hetzner", "exoscale", "stackit", "oracle", "ibm"}

func TestCatalogOperators(t *testing.T) {
	r := run(t, "", "catalog", "operators")
	if r.code != cli.ExitOK || r.stderr != "" {
		t.Fatalf("got %s", r)
	}
	rows := table(t, r.stdout)
	if diff := cmp.Diff([]string{"ID", "NAME", "COUNTRY", "EXTRATERRITORIAL EXPOSURE", "SECNUMCLOUD"}, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	byID := map[string][]string{}
	for _, row := range rows[1:] {
		byID[row[0]] = row
	}
	for _, id := range productOperators {
		if byID[id] == nil {
			t.Errorf("operator %s not listed", id)
		}
	}
	c := embedded(t)
	for id, want := range map[string][]string{
		"aws":      {"US", "yes", "no"},
		"outscale": {"FR", "no", yesNo(c.OperatorQualified("outscale"))},
		"exoscale": {"CH", "unknown", "no"},
	} {
		if row := byID[id]; row == nil || !cmp.Equal(row[len(row)-3:], want) {
			t.Errorf("%s: row %q, want it to end with %q", id, row, want)
		}
	}

	type operator struct {
		ID       string `json:"id"`
		Country  string `json:"country"`
		Exposure *bool  `json:"extraterritorial_exposure"`
	}
	qualified := decodeJSON[[]operator](t, run(t, "", "catalog", "operators", "--secnumcloud-only", "--format", "json").stdout)
	var ids []string
	for _, o := range qualified {
		ids = append(ids, o.ID)
	}
	var wantIDs []string
	for _, o := range c.Operators() {
		if c.OperatorQualified(o.ID) {
			wantIDs = append(wantIDs, o.ID)
		}
	}
	if diff := cmp.Diff(wantIDs, ids); diff != "" || slices.Contains(ids, "aws") {
		t.Errorf("SecNumCloud operators (-want +got):\n%s", diff)
	}
	german := decodeJSON[[]operator](t, run(t, "", "catalog", "operators", "--country", "de", "--format", "json").stdout)
	for _, o := range german {
		if o.Country != "DE" {
			t.Errorf("--country de lists %s (%s)", o.ID, o.Country)
		}
	}
	if len(german) == 0 {
		t.Error("no German operator")
	}
}

func TestCatalogProviders(t *testing.T) {
	r := run(t, "", "catalog", "providers")
	if r.code != cli.ExitOK {
		t.Fatalf("got %s", r)
	}
	rows := table(t, r.stdout)
	if diff := cmp.Diff([]string{"SOURCE", "OPERATORS", "LOCATION IN PROVIDER BLOCK", "LOCATION ON RESOURCES"}, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	type provider struct {
		Source    string `json:"source"`
		Operators []struct {
			Operator string `json:"operator"`
		} `json:"operators"`
		NotLocated bool `json:"not_located"`
	}
	list := decodeJSON[[]provider](t, run(t, "", "catalog", "providers", "--format", "json").stdout)
	if len(list) != len(rows)-1 {
		t.Errorf("json lists %d providers, text %d", len(list), len(rows)-1)
	}
	bySource := map[string]provider{}
	for _, p := range list {
		bySource[p.Source] = p
	}
	google := bySource["hashicorp/google"]
	var ops []string
	for _, o := range google.Operators {
		ops = append(ops, o.Operator)
	}
	// The google provider is S3NS with the s3nsapis.fr universe, Google
	// otherwise.
	if !slices.Contains(ops, "s3ns") || !slices.Contains(ops, "google") {
		t.Errorf("hashicorp/google operators = %v", ops)
	}
	if !bySource["hashicorp/random"].NotLocated {
		t.Errorf("hashicorp/random is not marked as having no location: %+v", bySource["hashicorp/random"])
	}
}

// TestCatalogUserFile: a catalog file changes what the catalog commands
// list.
func TestCatalogUserFile(t *testing.T) {
	type provider struct {
		Source    string `json:"source"`
		Operators []struct {
			Operator string `json:"operator"`
		} `json:"operators"`
		NotLocated bool `json:"not_located"`
	}
	list := decodeJSON[[]provider](t, run(t, "", "catalog", "providers", "--format", "json", "--catalog", builtinAsAWS).stdout)
	for _, p := range list {
		if p.Source == "builtin/terraform" {
			if p.NotLocated || len(p.Operators) != 1 || p.Operators[0].Operator != "aws" {
				t.Errorf("builtin/terraform = %+v, want the user file's mapping to aws", p)
			}
			return
		}
	}
	t.Error("builtin/terraform not listed")
}

// TestCatalogTypes: the type tables, filtered by provider, glob and scope,
// in text and JSON, each row naming the metadata row it comes from.
func TestCatalogTypes(t *testing.T) {
	r := run(t, "", "catalog", "types", "--provider", "registry.terraform.io/hashicorp/aws", "--type", "aws_s3_bucket*")
	if r.code != cli.ExitOK || r.stderr != "" {
		t.Fatalf("got %s", r)
	}
	rows := table(t, r.stdout)
	if diff := cmp.Diff([]string{"SOURCE", "TYPE", "SCOPE", "LOCATION", "PARENT", "DATA FLOWS", "ROW"}, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	byType := map[string][]string{}
	for _, row := range rows[1:] {
		if row[0] != "hashicorp/aws" || !strings.HasPrefix(row[1], "aws_s3_bucket") {
			t.Errorf("row outside the filters: %q", row)
		}
		byType[row[1]] = row
	}
	if row := byType["aws_s3_bucket_replication_configuration"]; row == nil || row[2] != "parent" || row[4] != "bucket" ||
		!strings.Contains(row[5], "replica rule[].destination[].bucket") || !strings.HasPrefix(row[6], "aws/resource-scope.tsv:") {
		t.Errorf("aws_s3_bucket_replication_configuration: %q", row)
	}

	type typeRow struct {
		Source    string `json:"source"`
		Type      string `json:"type"`
		Scope     string `json:"scope"`
		DataFlows []struct {
			Path string `json:"path"`
			Flow string `json:"flow"`
		} `json:"data_flows"`
	}
	global := decodeJSON[[]typeRow](t, run(t, "", "catalog", "types", "--provider", "hashicorp/google", "--scope", "global", "--format", "json").stdout)
	found := false
	for _, row := range global {
		if row.Scope != "global" || row.Source != "hashicorp/google" {
			t.Errorf("row outside the filters: %+v", row)
		}
		if row.Type == "google_pubsub_topic" {
			found = slices.ContainsFunc(row.DataFlows, func(f struct {
				Path string `json:"path"`
				Flow string `json:"flow"`
			}) bool {
				return f.Flow == "storage_policy"
			})
		}
	}
	if !found {
		t.Error("google_pubsub_topic is not listed as global with its storage policy flow")
	}
	if r := run(t, "", "catalog", "types", "--scope", "planetary"); r.code != cli.ExitError || !strings.Contains(r.stderr, `unknown scope "planetary"`) {
		t.Errorf("bad scope: %s", r)
	}
}

// TestCatalogInFrench: with --lang fr, every catalog table speaks French —
// headers, yes and no, standings and notes — and only identifiers (codes,
// ids, statuses) stay as the catalog writes them.
func TestCatalogInFrench(t *testing.T) {
	english := []string{"OPERATOR", "REGION", "CITY", "COUNTRY", "SOURCE TYPE", "LOCATION", "STANDING", "EXPIRES", "QUALIFIED ON",
		"NAME", "EXTRATERRITORIAL EXPOSURE", "DATA FLOWS", " yes ", " no ", "(no location)", "confirm in", "renewal not", "unverified", "(unconfirmed)"}
	for _, what := range []string{"providers", "operators", "offers", "regions", "types"} {
		t.Run(what, func(t *testing.T) {
			args := []string{"catalog", what, "--lang", "fr"}
			if what == "types" {
				args = append(args, "--provider", "hashicorp/aws")
			}
			r := run(t, "", args...)
			if r.code != cli.ExitOK || r.stderr != "" {
				t.Fatalf("got %s", r)
			}
			padded := " " + strings.Join(strings.Fields(r.stdout), "  ") + " "
			for _, w := range english {
				if strings.Contains(padded, w) {
					t.Errorf("catalog %s --lang fr shows %q", what, strings.TrimSpace(w))
				}
			}
		})
	}
	r := run(t, "", "catalog", "regions", "--country", "FR", "--lang", "fr")
	rows := table(t, r.stdout)
	if diff := cmp.Diff([]string{"OPÉRATEUR", "RÉGION", "VILLE", "PAYS", "UE", "SECNUMCLOUD"}, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	for _, row := range rows[1:] {
		if eu := row[len(row)-2]; eu != "oui" {
			t.Errorf("row %q: a French region is in the EU: want oui, got %q", row, eu)
		}
	}
}
