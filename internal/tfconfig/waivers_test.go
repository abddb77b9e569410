package tfconfig

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestWaiverComments: a waiver comment applies to the block directly
// below it, other comment lines between them allowed; a blank line, code,
// a comment after code on its line or a block comment detach it; text in
// a heredoc or a string is no comment; and a module installed from a
// registry is marked remote, with every module that it calls.
func TestWaiverComments(t *testing.T) {
	dir := t.TempDir()
	const directive = `# trustcloud:waive TC001 reason="r" expires=2027-01-31 approved_by="a"`
	writeFiles(t, dir, map[string]string{
		"main.tf": directive + `
resource "aws_s3_bucket" "direct" {}

` + directive + `
# a note between them
// trustcloud:waive TC002 reason="r" expires=2027-01-31 approved_by="a"
resource "aws_s3_bucket" "chained" {}

` + directive + `

resource "aws_s3_bucket" "blank_line" {}

locals {
  doc = <<-EOT
  ` + directive + `
  EOT
  s = "# trustcloud:waive TC001"
}
resource "aws_s3_bucket" "after_heredoc" {}

resource "aws_s3_bucket" "trailing" { # trustcloud:waive TC001
}
/* trustcloud:waive TC001 reason="r" */
resource "aws_s3_bucket" "block_comment" {}
# trustcloud:waivers are not the directive
resource "aws_s3_bucket" "other_word" {}

module "vendor" {
  source = "example/vendor/aws"
}
`,
		".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},
  {"Key":"vendor","Source":"registry.terraform.io/example/vendor/aws","Dir":".terraform/modules/vendor"},
  {"Key":"vendor.inner","Source":"./inner","Dir":".terraform/modules/vendor/inner"}]}`,
		".terraform/modules/vendor/main.tf": directive + `
resource "aws_s3_bucket" "theirs" {}

module "inner" {
  source = "./inner"
}
`,
		".terraform/modules/vendor/inner/main.tf": directive + `
data "aws_caller_identity" "me" {}
`,
	})
	cfg, err := LoadDir(dir, Terraform)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Root = "infra"
	const text = `TC001 reason="r" expires=2027-01-31 approved_by="a"`
	want := []WaiverComment{
		{File: "infra/main.tf", Line: 1, Address: "aws_s3_bucket.direct", Text: text},
		{File: "infra/main.tf", Line: 4, Address: "aws_s3_bucket.chained", Text: text},
		{File: "infra/main.tf", Line: 6, Address: "aws_s3_bucket.chained", Text: `TC002 reason="r" expires=2027-01-31 approved_by="a"`},
		{File: "infra/main.tf", Line: 9, Text: text},
		{File: "infra/main.tf", Line: 21, Text: "TC001"},
		{File: "infra/main.tf", Line: 23, Text: `TC001 reason="r"`},
		{File: "infra/.terraform/modules/vendor/main.tf", Line: 1, Module: "vendor", Address: "aws_s3_bucket.theirs", Remote: true, Text: text},
		{File: "infra/.terraform/modules/vendor/inner/main.tf", Line: 1, Module: "vendor.inner", Address: "data.aws_caller_identity.me", Remote: true, Text: text},
	}
	if diff := cmp.Diff(want, cfg.WaiverComments()); diff != "" {
		t.Errorf("waiver comments (-want +got):\n%s", diff)
	}
}
