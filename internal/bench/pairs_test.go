package bench

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/check"
)

// pairsPlan is plan JSON of about n resources in count-paired blocks, as
// Terraform writes them: n/4 source buckets (every third sensitive), n/4
// destination buckets, and per source a versioning and a replication
// configuration whose bucket and destination refer to the instance of the
// same index (aws_s3_bucket.src[count.index].id, unknown at plan time).
// Plan JSON names the whole block in each reference: every part has n/4
// candidate buckets. A shape the generated plans of internal/testplan do
// not have, where resolving each candidate per resource is quadratic.
// With otherKeys, the destinations are a for_each block of string keys:
// no replication's instance key picks one, every destination may be its.
func pairsPlan(n int, otherKeys bool) []byte {
	pairs := max(n/4, 1)
	var b bytes.Buffer
	b.WriteString(`{"format_version":"1.2","terraform_version":"1.11.0","resource_changes":[`)
	change := func(addr, typ, name string, i int, after, unknown string) {
		if b.Len() > 100 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"address":"%s[%d]","mode":"managed","type":"%s","name":"%s","index":%d,"provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":%s,"after_unknown":%s}}`,
			addr, i, typ, name, i, after, unknown)
	}
	for i := range pairs {
		level := "internal"
		if i%3 == 0 {
			level = "sensitive"
		}
		change("aws_s3_bucket.src", "aws_s3_bucket", "src", i, fmt.Sprintf(`{"bucket":"records-%d","tags":{"data_sensitivity":"%s"}}`, i, level), `{"id":true,"arn":true}`)
		if otherKeys {
			fmt.Fprintf(&b, `,{"address":"aws_s3_bucket.dst[\"k%d\"]","mode":"managed","type":"aws_s3_bucket","name":"dst","index":"k%d","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":{"bucket":"records-%d-replica"},"after_unknown":{"id":true,"arn":true}}}`, i, i, i)
		} else {
			change("aws_s3_bucket.dst", "aws_s3_bucket", "dst", i, fmt.Sprintf(`{"bucket":"records-%d-replica"}`, i), `{"id":true,"arn":true}`)
		}
		change("aws_s3_bucket_versioning.src", "aws_s3_bucket_versioning", "src", i, `{"bucket":null}`, `{"bucket":true,"id":true}`)
		change("aws_s3_bucket_replication_configuration.r", "aws_s3_bucket_replication_configuration", "r", i,
			`{"bucket":null,"rule":[{"destination":[{"bucket":null}]}]}`, `{"bucket":true,"id":true,"rule":[{"destination":[{"bucket":true}]}]}`)
	}
	block := func(name, typ, exprs string) string {
		return fmt.Sprintf(`{"address":"%s.%s","mode":"managed","type":"%s","name":"%s","provider_config_key":%s,"expressions":%s,"count_expression":{"constant_value":%d},"schema_version":0}`,
			typ, name, typ, name, strconv.Quote(map[bool]string{true: "aws.us", false: "aws"}[name == "dst"]), exprs, pairs)
	}
	fmt.Fprintf(&b, `],"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws","expressions":{"region":{"constant_value":"eu-west-3"}}},"aws.us":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws","alias":"us","expressions":{"region":{"constant_value":"us-east-1"}}}},"root_module":{"resources":[%s,%s,%s,%s]}}}`,
		block("src", "aws_s3_bucket", `{"bucket":{},"tags":{}}`),
		block("dst", "aws_s3_bucket", `{"bucket":{}}`),
		block("src", "aws_s3_bucket_versioning", `{"bucket":{"references":["aws_s3_bucket.src","count.index"]}}`),
		block("r", "aws_s3_bucket_replication_configuration", `{"bucket":{"references":["aws_s3_bucket.src","count.index"]},"rule":[{"destination":[{"bucket":{"references":["aws_s3_bucket.dst","count.index"]}}]}]}`))
	return b.Bytes()
}

// writePairs writes pairsPlan(n, otherKeys) into dir and returns its path and size.
func writePairs(tb testing.TB, dir string, n int, otherKeys bool) (string, int64) {
	tb.Helper()
	data := pairsPlan(n, otherKeys)
	path := filepath.Join(dir, fmt.Sprintf("plan-pairs-%d-%v.json", n, otherKeys))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path, int64(len(data))
}

// BenchmarkCheckPairs is BenchmarkCheck on pairsPlan at BENCH_SIZES,
// with destinations of the same keys and of other keys: its time per
// resource should not grow with the size.
func BenchmarkCheckPairs(b *testing.B) {
	d := b.TempDir()
	for _, keys := range []string{"same-key", "other-key"} {
		b.Run(keys, func(b *testing.B) {
			for _, n := range sizes(b) {
				path, size := writePairs(b, d, n, keys == "other-key")
				b.Run(strconv.Itoa(n), func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if code, _, err := checkPlan(path); err != nil || code != check.ExitFindings {
							b.Fatalf("exit code %d, want %d: %v", code, check.ExitFindings, err)
						}
					}
					throughput(b, size, 4*max(n/4, 1))
				})
			}
		})
	}
}

// TestPairsPipeline checks what BenchmarkCheckPairs measures on a small
// plan: every part is where its bucket is, at the strictest level of the
// buckets it may name, with evidence of a few lines, and each replication
// goes to the destination of its own index, or, when no key says which,
// to the first of those it may name, inferred.
func TestPairsPipeline(t *testing.T) {
	const n = 400
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, otherKeys := range []bool{false, true} {
		path, _ := writePairs(t, t.TempDir(), n, otherKeys)
		inv, _, err := check.Inventory(check.Options{Plan: path, Catalog: cat})
		if err != nil {
			t.Fatal(err)
		}
		if len(inv.Resources) != n {
			t.Fatalf("%d resources, want %d", len(inv.Resources), n)
		}
		for _, r := range inv.Resources {
			if !strings.HasPrefix(r.Address, "aws_s3_bucket_") {
				continue
			}
			if r.Location.Region != "eu-west-3" || r.Sensitivity.Level != "sensitive" || len(r.Sensitivity.Evidence) > 4 {
				t.Fatalf("%s: %s, level %s, %d lines of evidence", r.Address, r.Location.Region, r.Sensitivity.Level, len(r.Sensitivity.Evidence))
			}
			if r.Type == "aws_s3_bucket_replication_configuration" {
				// Plan JSON alone: inferred either way.
				own := "aws_s3_bucket.dst" + r.Address[strings.IndexByte(r.Address, '['):]
				if otherKeys {
					own = `aws_s3_bucket.dst["k0"]`
				}
				if len(r.DataLocations) != 1 || r.DataLocations[0].Region != "us-east-1" || !strings.Contains(fmt.Sprint(r.DataLocations[0].Evidence), own) ||
					r.DataLocations[0].Unverified.IsZero() {
					t.Fatalf("other keys %v: %s: data locations %+v, want %s's us-east-1", otherKeys, r.Address, r.DataLocations, own)
				}
			}
		}
	}
}
