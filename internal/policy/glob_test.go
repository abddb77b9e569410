package policy

import (
	"strings"
	"testing"
)

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		pattern, addr string
		want          bool
	}{
		// Anchored, step by step.
		{"module.a", "module.a", true},
		{"module.a", "module.a.module.b", false},
		{"module.a", "module.ab", false},
		{"module.a", "xmodule.a", false},
		{"module.a", "module.A", false},
		{"module.a.module.b", "module.a.module.b", true},
		{"module.a.module.b", "module.a", false},
		// A step without a key matches its instances.
		{"module.a", "module.a[0]", true},
		{"module.a", `module.a["eu"]`, true},
		{"module.a", `module.a["x.y"]`, true},
		{"module.a.aws_instance.web", `module.a["k"].aws_instance.web[3]`, true},
		{"module.a", "module.a[0][1]", false},
		// "*" stays within a step.
		{"module.db_*", "module.db_main", true},
		{"module.db_*", "module.db_main[0]", true},
		{"module.db_*", "module.db", false},
		{"module.db_*", "module.db_main.module.replica", false},
		{"module.*.module.b", "module.a.module.b", true},
		{"module.*.module.b", "module.a.module.c.module.b", false},
		{"module.legacy.aws_s3_bucket.*", "module.legacy.aws_s3_bucket.logs", true},
		{"module.legacy.aws_s3_bucket.*", "module.legacy.aws_s3_bucket.logs[0]", true},
		{"module.legacy.aws_s3_bucket.*", `module.legacy["eu"].aws_s3_bucket.logs["a"]`, true},
		{"module.legacy.aws_s3_bucket.*", "module.legacy.aws_s3_bucket_policy.logs", false},
		{"module.legacy.aws_s3_bucket.*", "module.legacy.module.x.aws_s3_bucket.logs", false},
		// "?" is one character of a step.
		{"aws_s3_bucket.b?cket", "aws_s3_bucket.bucket", true},
		{"aws_s3_bucket.b?cket", "aws_s3_bucket.bcket", false},
		{"aws_s3_bucket.b?cket", "aws_s3_bucket.b.cket", false},
		// "**" as a step: any number of steps, none included.
		{"**", "module.a.module.b.aws_s3_bucket.x[0]", true},
		{"module.a.**", "module.a", true},
		{"module.a.**", "module.a[2]", true},
		{"module.a.**", "module.a.module.b", true},
		{"module.a.**", "module.a.module.b.aws_s3_bucket.x", true},
		{"module.a.**", "module.ab", false},
		{"module.a.**", "module.b.module.a", false},
		{"**.aws_s3_bucket.*", "aws_s3_bucket.x", true},
		{"**.aws_s3_bucket.*", "module.a.module.b.aws_s3_bucket.x[0]", true},
		{"**.aws_s3_bucket.*", "module.a.aws_s3_bucket_policy.x", false},
		{"**.aws_s3_bucket.*", "module.xaws_s3_bucket.x", false},
		{"module.**.module.db", "module.app.module.db", true},
		{"module.**.module.db", "module.app.module.tier.module.db", true},
		{"module.**.module.db", "module.module.db", true},
		{"module.**.module.db", "module.db", false},
		// "**" inside a step crosses dots.
		{"module.app**", "module.app.module.db", true},
		{"module.app**", "module.other", false},
		// Explicit instance keys.
		{"aws_instance.web[0]", "aws_instance.web[0]", true},
		{"aws_instance.web[0]", "aws_instance.web[1]", false},
		{"aws_instance.web[0]", "aws_instance.web", false},
		{"aws_instance.web[*]", `aws_instance.web["a"]`, true},
		{"aws_instance.web[*]", "aws_instance.web[12]", true},
		{"aws_instance.web[*]", "aws_instance.web", false},
		{`module.db["eu-*"]`, `module.db["eu-west"]`, true},
		{`module.db["eu-*"]`, `module.db["us-east"]`, false},
		{`module.db["eu-?"]`, `module.db["eu-1"]`, true},
		{`module.db["a.b"].aws_db_instance.x`, `module.db["a.b"].aws_db_instance.x`, true},
		{`module.db["a\"b"]`, `module.db["a\"b"]`, true},
		{"data.aws_region.*", "data.aws_region.current", true},
		// Invalid patterns match nothing.
		{"", "", false},
		{"module..a", "module..a", false},
		{"module.a[", "module.a[", false},
	}
	for _, tt := range tests {
		t.Run(tt.pattern+" ~ "+tt.addr, func(t *testing.T) {
			if got := MatchGlob(tt.pattern, tt.addr); got != tt.want {
				re, err := compileGlob(tt.pattern)
				t.Errorf("MatchGlob(%q, %q) = %v, want %v (regexp %v, error %v)", tt.pattern, tt.addr, got, tt.want, re, err)
			}
		})
	}
}

func TestGlobSyntax(t *testing.T) {
	tests := []struct {
		pattern string
		wantErr string // "" for a valid glob
	}{
		{"module.a", ""},
		{"**", ""},
		{"module.a[0].aws_instance.b[*]", ""},
		{`module.a["k-*"]`, ""},
		{"", "the glob is empty"},
		{"module..a", "empty step at offset 7"},
		{".module", "empty step at offset 0"},
		{"[0]", "empty step at offset 0"},
		{"module.a.", "ends with a dot"},
		{"module.***", `use "*" (within a step) or "**" (any steps), not "***"`},
		{"module.a b", `character ' ' at offset 8`},
		{"module.a/b", `character '/' at offset 8`},
		{"module.a[", "unclosed instance key at offset 8"},
		{"module.a[0", "unclosed instance key at offset 8"},
		{`module.a["x]`, "unterminated string in the instance key at offset 8"},
		{`module.a["x"y]`, "unclosed instance key at offset 8"},
		{"module.a[x]", "instance key [x] at offset 8: use a number, a quoted string or *"},
		{"module.a[]", "instance key [] at offset 8"},
		{"module.a[0]b", `expected "." after the instance key at offset 11`},
		{"module.a]", `character ']' at offset 8`},
		{"**[0]", `"**" matches whole steps and cannot take an instance key`},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			_, err := compileGlob(tt.pattern)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("compileGlob(%q): %v", tt.pattern, err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("compileGlob(%q) succeeded, want error %q", tt.pattern, tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("compileGlob(%q) = %q, want it to contain %q", tt.pattern, err, tt.wantErr)
			}
			// The cache gives the same answer the second time.
			if _, err2 := compileGlob(tt.pattern); (err == nil) != (err2 == nil) {
				t.Errorf("second compile: %v, first %v", err2, err)
			}
		})
	}
}
