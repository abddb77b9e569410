package cli_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

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

func TestCatalogRegionsSecNumCloudFrance(t *testing.T) {
	want := [][]string{{"cloudtemple", "FR1"}, {"outscale", "cloudgouv-eu-west-1"}, {"s3ns", "u-france-east1"}}
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

func TestCatalogOffers(t *testing.T) {
	type offer struct {
		ID       string `json:"id"`
		Operator string `json:"operator"`
		Status   string `json:"status"`
	}
	for _, op := range []string{"bleu", "BLEU"} {
		t.Run("--operator "+op, func(t *testing.T) {
			r := run(t, "", "catalog", "offers", "--operator", op, "--format", "json")
			if r.code != cli.ExitOK {
				t.Fatalf("got %s", r)
			}
			got := decodeJSON[[]offer](t, r.stdout)
			if diff := cmp.Diff([]offer{{"bleu-cloud-de-confiance", "bleu", "J0"}}, got); diff != "" {
				t.Errorf("offers (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("--status qualified", func(t *testing.T) {
		got := decodeJSON[[]offer](t, run(t, "", "catalog", "offers", "--status", "qualified", "--format", "json").stdout)
		var ids []string
		for _, o := range got {
			ids = append(ids, o.ID)
			if o.Status != "qualified" {
				t.Errorf("%s: status %s", o.ID, o.Status)
			}
		}
		for _, id := range []string{"outscale-iaas-secnumcloud", "s3ns-premi3ns", "cloudtemple-iaas-vmware"} {
			if !slices.Contains(ids, id) {
				t.Errorf("%s not in %v", id, ids)
			}
		}
	})
	t.Run("--status j1", func(t *testing.T) {
		got := decodeJSON[[]offer](t, run(t, "", "catalog", "offers", "--status", "j1", "--format", "json").stdout)
		if !slices.Contains(got, offer{"numspot-iaas-paas", "numspot", "J1"}) {
			t.Errorf("numspot J1 not in %v", got)
		}
	})
	t.Run("text", func(t *testing.T) {
		r := run(t, "", "catalog", "offers", "--operator", "numspot")
		rows := table(t, r.stdout)
		if r.code != cli.ExitOK || len(rows) != 2 || rows[0][0] != "OPERATOR" || rows[1][0] != "numspot" || rows[1][2] != "J1" {
			t.Errorf("got %s", r)
		}
	})
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
	for id, want := range map[string][]string{
		"aws":      {"US", "yes", "no"},
		"outscale": {"FR", "no", "yes"},
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
	if !slices.Contains(ids, "outscale") || !slices.Contains(ids, "s3ns") || slices.Contains(ids, "aws") || slices.Contains(ids, "numspot") {
		t.Errorf("SecNumCloud operators = %v", ids)
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
