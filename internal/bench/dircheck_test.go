package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/check"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/report"
)

// dirTenants and dirBlocks shape the generated configuration directory:
// a module called for_each over dirTenants tenants, each instance with
// dirBlocks resource blocks whose count makes up the rest.
const (
	dirTenants = 10
	dirBlocks  = 10
)

// writeConfigDir writes a configuration directory of n resource instances
// (n a multiple of dirTenants*dirBlocks): a root module with a provider
// whose region is a variable given by terraform.tfvars, and a local
// module called for_each over the tenants, whose resource blocks expand
// with count and take a sensitivity tag from the call. What the
// directory check evaluates: variables, module arguments, for_each,
// count and provider configuration.
func writeConfigDir(tb testing.TB, dir string, n int) {
	tb.Helper()
	per := n / (dirTenants * dirBlocks)
	if per*dirTenants*dirBlocks != n {
		tb.Fatalf("%d resources: want a multiple of %d", n, dirTenants*dirBlocks)
	}
	var tenants []string
	for i := range dirTenants {
		level := "internal"
		if i%3 == 0 {
			level = "sensitive"
		}
		tenants = append(tenants, fmt.Sprintf("    t%02d = %q", i, level))
	}
	root := fmt.Sprintf(`terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

variable "region" {
  type = string
}

provider "aws" {
  region = var.region
}

locals {
  tenants = {
%s
  }
}

module "tenant" {
  source   = "./modules/tenant"
  for_each = local.tenants
  name     = each.key
  level    = each.value
  replicas = %d
}
`, strings.Join(tenants, "\n"), per)
	var mod strings.Builder
	mod.WriteString("variable \"name\" {}\nvariable \"level\" {}\nvariable \"replicas\" {\n  type = number\n}\n")
	types := []string{"aws_s3_bucket", "aws_sqs_queue", "aws_sns_topic", "aws_dynamodb_table", "aws_kms_key"}
	for i := range dirBlocks {
		fmt.Fprintf(&mod, `
resource %q "r%d" {
  count = var.replicas
  name  = "${var.name}-%d-${count.index}"
  tags = {
    data_sensitivity = var.level
  }
}
`, types[i%len(types)], i, i)
	}
	files := map[string]string{
		"main.tf":                   root,
		"terraform.tfvars":          "region = \"eu-west-3\"\n",
		"modules/tenant/main.tf":    mod.String(),
		"modules/tenant/outputs.tf": "output \"name\" {\n  value = var.name\n}\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// checkDir is what `trustcloud check --format json DIR` computes, report
// discarded.
func checkDir(dir string) (*check.Result, error) {
	res, err := check.Run(check.Options{Plan: dir, Environ: []string{}})
	if err != nil {
		return nil, err
	}
	var out counter
	if err := report.Formats["json"].Write(&out, res.Report); err != nil {
		return nil, err
	}
	return res, nil
}

// BenchmarkCheckDirectory is `trustcloud check DIR` on a generated
// configuration directory of 1,000 resource instances, without a plan
// (issue 18: at most 0.5 s).
func BenchmarkCheckDirectory(b *testing.B) {
	const n = 1000
	dir := b.TempDir()
	writeConfigDir(b, dir, n)
	b.ReportAllocs()
	for b.Loop() {
		res, err := checkDir(dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Inventory.Resources) != n {
			b.Fatalf("%d resources, want %d", len(res.Inventory.Resources), n)
		}
	}
	b.ReportMetric(float64(n)/(b.Elapsed().Seconds()/float64(b.N)), "resources/s")
}

// TestCheckDirectoryPipeline runs what BenchmarkCheckDirectory measures
// once, on a small directory: every instance expanded and located, the
// sensitive tenants' resources judged at their level.
func TestCheckDirectoryPipeline(t *testing.T) {
	const n = 200
	dir := t.TempDir()
	writeConfigDir(t, dir, n)
	res, err := checkDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	inv := res.Inventory
	if len(inv.Resources) != n || inv.Summary.ByStatus[inventory.StatusKnown] != n {
		t.Fatalf("%d resources, %v; want %d, all known", len(inv.Resources), inv.Summary.ByStatus, n)
	}
	sensitive := 0
	for _, r := range inv.Resources {
		if r.Location.Region != "eu-west-3" {
			t.Errorf("%s in %q, want eu-west-3", r.Address, r.Location.Region)
		}
		if r.Sensitivity.Level == "sensitive" {
			sensitive++
		}
	}
	// Tenants t00, t03, t06 and t09 are sensitive.
	if want := 4 * n / dirTenants; sensitive != want {
		t.Errorf("%d sensitive resources, want %d", sensitive, want)
	}
	if res.ExitCode() != check.ExitFindings {
		t.Errorf("exit %d: sensitive resources on aws should fail the check", res.ExitCode())
	}
}
