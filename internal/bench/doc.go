// Package bench holds the analyzer's benchmarks at the scale of the largest
// monorepos (issue #5): BenchmarkDecodeFloor (reading a plan file and
// decoding it into tfjson.Plan, the least any analysis of the whole plan
// costs), BenchmarkInventory (check.Inventory: the plan read and
// inventoried) and BenchmarkCheck (check.Run and the JSON report, what
// `trustcloud check --format json` computes, report discarded), on
// synthetic plans of internal/testplan, one sub-benchmark per shape and
// size (BenchmarkCheck/findings-heavy/10000). BenchmarkCheckDirectory is
// `trustcloud check DIR` without a plan, on a generated configuration
// directory of 1,000 resource instances (issue 18's target: 0.5 s).
//
// Shapes come from TRUSTCLOUD_BENCH_SHAPES (default: every shape of
// testplan.Shapes), sizes from TRUSTCLOUD_BENCH_SIZES (default
// "1000,10000", so that `go test -bench .` stays quick; `make bench` runs
// 1000 to 300000). Plans are written once to .cache/bench/plan-N.json for
// the default shape and plan-SHAPE-N.json for the others
// (TRUSTCLOUD_BENCH_DIR overrides the directory), and rewritten when the
// generator's output no longer matches them. Each benchmark reports MB/s of plan JSON,
// resources/s and allocations; results compare with benchstat.
//
// Peak memory cannot be measured inside a benchmark: scripts/bench.sh runs
// the built binaries and cmd/decodefloor under /usr/bin/time -v.
package bench
