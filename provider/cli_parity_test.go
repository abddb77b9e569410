package provider

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// trustcloudBinary builds the trustcloud command once per test binary:
// the parity test compares the data sources with the CLI users run.
var trustcloudBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "trustcloud-cli-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "trustcloud")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/trustcloud").CombinedOutput()
	if err != nil {
		return "", &buildError{err, out}
	}
	return bin, nil
})

type buildError struct {
	err error
	out []byte
}

func (e *buildError) Error() string {
	return "go build ./cmd/trustcloud: " + e.err.Error() + "\n" + string(e.out)
}

// cliList runs `trustcloud catalog ARGS --format json` and returns, for
// each entry listed, in order, "operator/code" for a region and the id of
// an offer or operator.
func cliList(t *testing.T, args ...string) []string {
	t.Helper()
	bin, err := trustcloudBinary()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	argv := append([]string{"catalog"}, append(args, "--format", "json")...)
	cmd := exec.Command(bin, argv...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "LC_ALL=C", "NO_COLOR=1")
	if err := cmd.Run(); err != nil {
		t.Fatalf("trustcloud %s: %v: %s", strings.Join(argv, " "), err, stderr.String())
	}
	var entries []struct {
		ID       string `json:"id"`
		Operator string `json:"operator"`
		Code     string `json:"code"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &entries); err != nil {
		t.Fatalf("trustcloud %s: %v\n%s", strings.Join(argv, " "), err, stdout.String())
	}
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.ID
		if e.Code != "" {
			out[i] = e.Operator + "/" + e.Code
		}
	}
	return out
}

// TestAccDataSourcesAgreeWithCLI asks the same questions of the data
// sources, through real Terraform, and of `trustcloud catalog`: both must
// list the same entries in the same order. They share the catalog's
// queries; before they did, `catalog regions --country US --operator
// google` left out Google's US multi-regions, which the data source
// listed, and `--provider` listed S3NS's region before Google's.
func TestAccDataSourcesAgreeWithCLI(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, dataSource, args string
		cli                    []string
		// mustList are entries the answer must hold, so that an
		// agreement on a wrong answer fails too.
		mustList []string
	}{
		{"google_us", "regions", `operator = "google"` + "\n" + `country = "US"`,
			[]string{"regions", "--operator", "google", "--country", "US"}, []string{"google/US", "google/NAM4", "google/us-central1"}},
		{"google_provider", "regions", `terraform_provider = "hashicorp/google"`,
			[]string{"regions", "--provider", "hashicorp/google"}, []string{"google/europe-west9", "s3ns/u-france-east1"}},
		{"france", "regions", `country = "fr"`,
			[]string{"regions", "--country", "fr"}, []string{"aws/eu-west-3", "outscale/eu-west-2"}},
		{"eu_qualified", "regions", `eu_only = true` + "\n" + `secnumcloud_only = true`,
			[]string{"regions", "--eu-only", "--secnumcloud-only"}, nil},
		{"french_operators", "operators", `country = "FR"`,
			[]string{"operators", "--country", "FR"}, []string{"outscale", "s3ns"}},
		{"qualified_operators", "operators", `secnumcloud_only = true`,
			[]string{"operators", "--secnumcloud-only"}, nil},
		{"outscale_offers", "offers", `operator = "outscale"` + "\n" + `status = "qualified"`,
			[]string{"offers", "--operator", "outscale", "--status", "qualified"}, []string{"outscale-iaas-secnumcloud"}},
		{"expiring_offers", "offers", `expiring_within_days = 1000`,
			[]string{"offers", "--expiring", "1000d"}, nil},
		{"expired_offers", "offers", `standing = "expired"`,
			[]string{"offers", "--standing", "expired"}, nil},
	}
	var config strings.Builder
	config.WriteString(providerConfig)
	var checks []statecheck.StateCheck
	for _, tc := range cases {
		want := cliList(t, tc.cli...)
		for _, must := range tc.mustList {
			if !slices.Contains(want, must) {
				t.Errorf("%s: trustcloud catalog %s lists %v, without %s", tc.name, strings.Join(tc.cli, " "), want, must)
			}
		}
		key := `r.id`
		if tc.dataSource == "regions" {
			key = `"${r.operator}/${r.code}"`
		}
		config.WriteString("\ndata \"trustcloud_" + tc.dataSource + "\" \"" + tc.name + "\" {\n" + tc.args + "\n}\n\n" +
			"output \"" + tc.name + "\" {\n  value = [for r in data.trustcloud_" + tc.dataSource + "." + tc.name + "." +
			tc.dataSource + " : " + key + "]\n}\n")
		entries := make([]knownvalue.Check, len(want))
		for i, w := range want {
			entries[i] = knownvalue.StringExact(w)
		}
		checks = append(checks, statecheck.ExpectKnownOutputValue(tc.name, knownvalue.ListExact(entries)))
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            config.String(),
			ConfigStateChecks: checks,
		}},
	})
}
