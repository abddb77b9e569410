package planfile

import (
	"bytes"
	"testing"

	"github.com/trustcloud/trustcloud/internal/testplan"
)

// BenchmarkLoad reads a generated plan of 10,000 resources as the CLI
// does (the catalog's attributes kept), checks included: the reader's
// share of `make bench`, without the inventory.
func BenchmarkLoad(b *testing.B) {
	var plan bytes.Buffer
	if _, err := testplan.Generate(&plan, testplan.Options{Resources: 10000}); err != nil {
		b.Fatal(err)
	}
	keep := keepSome
	b.SetBytes(int64(plan.Len()))
	b.ReportAllocs()
	for b.Loop() {
		p, _, err := Load("-", LoadOptions{Stdin: bytes.NewReader(plan.Bytes()), Keep: keep})
		if err != nil {
			b.Fatal(err)
		}
		if len(p.ResourceChanges) != 10000 {
			b.Fatalf("%d resource changes", len(p.ResourceChanges))
		}
	}
}
