package report

import (
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/rules"
)

func TestFingerprint(t *testing.T) {
	aws := "aws"
	base := func(addr, rule, region string) *rules.Finding {
		return &rules.Finding{Rule: rule, Address: addr, Operator: &aws, Message: i18n.Plain("m"), Location: &inventory.Location{Status: inventory.StatusKnown, Region: region}}
	}
	f := Fingerprint(base("aws_instance.web[0]", "TC001", "us-east-1"))
	if len(f) != 32 {
		t.Fatalf("fingerprint %q: want 32 hex digits", f)
	}
	same := []*rules.Finding{
		base("aws_instance.web[3]", "TC001", "us-east-1"), // count renumbered
		func() *rules.Finding {
			x := base("aws_instance.web[0]", "TC001", "us-east-1")
			x.Message = i18n.Plain("other words")
			return x
		}(),
	}
	for _, s := range same {
		if Fingerprint(s) != f {
			t.Errorf("%s %s: fingerprint changed", s.Address, s.Message)
		}
	}
	different := []*rules.Finding{
		base("aws_instance.web[0]", "TC002", "us-east-1"),
		base("aws_instance.web[0]", "TC001", "us-west-2"),
		base(`aws_instance.web["a"]`, "TC001", "us-east-1"),
		base("module.x.aws_instance.web[0]", "TC001", "us-east-1"),
	}
	seen := map[string]string{f: "base"}
	for _, d := range different {
		fp := Fingerprint(d)
		if prev, ok := seen[fp]; ok {
			t.Errorf("%s %s %s has the fingerprint of %s", d.Rule, d.Address, d.Location.Region, prev)
		}
		seen[fp] = d.Address
	}
	if Fingerprint(base(`aws_instance.web["a"]`, "TC001", "x")) == Fingerprint(base(`aws_instance.web["b"]`, "TC001", "x")) {
		t.Error("for_each keys must stay in the fingerprint")
	}
}

// TestFingerprintDataLocations: two flows of one resource are two
// findings; a baseline that accepts one must not cover the other.
func TestFingerprintDataLocations(t *testing.T) {
	tc006 := func(attr, status, region string) *rules.Finding {
		return &rules.Finding{Rule: "TC006", Address: "aws_dynamodb_table.t", Location: &inventory.Location{Status: inventory.StatusKnown, Region: "eu-west-3"},
			DataLocation: &inventory.Location{Status: status, Region: region, Attribute: attr, Flow: "replica"}}
	}
	a := Fingerprint(tc006("replica[0].region_name", inventory.StatusKnown, "us-east-1"))
	for _, other := range []*rules.Finding{
		tc006("replica[1].region_name", inventory.StatusKnown, "us-east-1"),
		tc006("replica[0].region_name", inventory.StatusKnown, "us-west-2"),
		tc006("replica[0].region_name", inventory.StatusUnknown, ""),
	} {
		if Fingerprint(other) == a {
			t.Errorf("%+v has the fingerprint of replica[0] in us-east-1", other.DataLocation)
		}
	}
	if Fingerprint(tc006("replica[0].region_name", inventory.StatusKnown, "us-east-1")) != a {
		t.Error("the same flow must keep its fingerprint")
	}
}

// TestDropCountIndexesMatchesRegexp: the hand-written removal of count
// indexes gives what the regular expression the fingerprints were defined
// with gives, so that baselines keep matching.
func TestDropCountIndexesMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`\[[0-9]+\]`)
	cases := []string{"", "aws_s3_bucket.b", "aws_s3_bucket.b[0]", "module.m[12].aws_s3_bucket.b[3]",
		`module.m["a[1]b"].x.y["k"]`, "a[]b", "a[x]", "a[1", "a]1[", "[[1]]", "[1][2][", "a[01]b[9999999999]",
		"[٣]", "x[1]]", "[[]]"}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "ab.[]0123456789\"m"
	for range 2000 {
		b := make([]byte, r.IntN(16))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		if got, want := dropCountIndexes(s), re.ReplaceAllString(s, ""); got != want {
			t.Errorf("dropCountIndexes(%q) = %q, want %q", s, got, want)
		}
	}
}
