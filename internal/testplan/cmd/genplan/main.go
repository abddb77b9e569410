// Command genplan writes a synthetic Terraform plan of N resources in the
// JSON format of `terraform show -json`, for benchmarks:
//
//	go run ./internal/testplan/cmd/genplan -n 100000              # .cache/bench/plan-100000.json
//	go run ./internal/testplan/cmd/genplan -n 1000 -o - | jq .    # to standard output
//	go run ./internal/testplan/cmd/genplan -n 10000 -shape flat-wide  # .cache/bench/plan-flat-wide-10000.json
//	go run ./internal/testplan/cmd/genplan -n 1000 -if-changed   # only when missing or out of date
//	go run ./internal/testplan/cmd/genplan -shape flat-wide -config DIR  # the shape as a Terraform configuration (var.n)
//
// With -if-changed, an existing file is left as it is when it has the size
// of the plan the generator writes now (any change of the generator moves
// the size, as internal/bench assumes): the measuring scripts call it before
// every run, so that they never measure a plan of an older generator.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/trustcloud/trustcloud/internal/testplan"
)

func main() {
	n := flag.Int("n", 100000, "number of resource changes")
	out := flag.String("o", "", "output file, - for standard output (default .cache/bench/plan-N.json)")
	seed := flag.Uint64("seed", 0, "seed (0: the default seed); the same N, shape and seed give the same plan")
	shape := flag.String("shape", testplan.ShapeDefault, "plan shape: "+strings.Join(testplan.Shapes, ", "))
	ifChanged := flag.Bool("if-changed", false, "leave the file as it is when it already has the size of the plan to write")
	config := flag.String("config", "", "write the shape as a Terraform configuration into this directory (planned with -var n=N) instead of a plan")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "genplan: unexpected argument %q\n", flag.Arg(0))
		os.Exit(2)
	}
	if *config != "" {
		if err := testplan.WriteConfig(*config, *shape); err != nil {
			fmt.Fprintf(os.Stderr, "genplan: %v\n", err)
			os.Exit(1)
		}
		return
	}
	path := *out
	if path == "" {
		path = filepath.Join(".cache", "bench", testplan.FileName(*shape, *n))
	}
	start := time.Now()
	opts := testplan.Options{Resources: *n, Seed: *seed, Shape: *shape}
	if *ifChanged && path != "-" {
		want, err := testplan.Generate(io.Discard, opts)
		if err != nil {
			fmt.Fprintf(os.Stderr, "genplan: %v\n", err)
			os.Exit(1)
		}
		if st, err := os.Stat(path); err == nil && st.Size() == want.Bytes {
			return
		}
	}
	var st testplan.Stats
	var err error
	if path == "-" {
		st, err = testplan.Generate(os.Stdout, opts)
	} else {
		st, err = testplan.WriteFile(path, opts)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "genplan: %v\n", err)
		os.Exit(1)
	}
	if path != "-" {
		fmt.Fprintf(os.Stderr, "genplan: %s: %d resources, %d modules, %.1f MB (%d bytes per resource) in %s\n",
			path, st.Resources, st.Modules, float64(st.Bytes)/1e6, st.Bytes/int64(max(st.Resources, 1)), time.Since(start).Round(time.Millisecond))
	}
}
