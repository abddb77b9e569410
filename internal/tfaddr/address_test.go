package tfaddr

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitModule(t *testing.T) {
	for _, tc := range []struct {
		in    string
		names []string
		path  string
	}{
		{"", nil, ""},
		{"module.a", []string{"a"}, "module.a"},
		{"module.a[0].module.b", []string{"a", "b"}, "module.a.module.b"},
		{`module.a["x.y[1]"].module.b_c["k"]`, []string{"a", "b_c"}, "module.a.module.b_c"},
	} {
		names, path := SplitModule(tc.in)
		if diff := cmp.Diff(tc.names, names); diff != "" || path != tc.path {
			t.Errorf("SplitModule(%q) = %v %q, want %v %q", tc.in, names, path, tc.names, tc.path)
		}
	}
}

func TestStripKeysAndParent(t *testing.T) {
	if got := StripKeys(`module.a["b]c"].aws_s3_bucket.x[3]`); got != "module.a.aws_s3_bucket.x" {
		t.Errorf("StripKeys = %q", got)
	}
	if got := ParentModule("module.a.module.b"); got != "module.a" {
		t.Errorf("ParentModule = %q", got)
	}
}

func TestCanonicalProviderKey(t *testing.T) {
	for _, tc := range []struct{ key, module, local string }{
		{"aws", "", "aws"},
		{"aws.paris", "", "aws.paris"},
		{"module.db:aws", "module.db", "aws"},
		{"module.a.module.b:google.eu", "module.a.module.b", "google.eu"},
		{"child:aws", "module.child", "aws"}, // Terraform 0.12–0.15
		{"foo:null.aliased", "module.foo", "null.aliased"},
	} {
		m, l := CanonicalProviderKey(tc.key)
		if m != tc.module || l != tc.local {
			t.Errorf("CanonicalProviderKey(%q) = %q %q, want %q %q", tc.key, m, l, tc.module, tc.local)
		}
	}
}
