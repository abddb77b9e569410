#!/usr/bin/env bash
# Writes the binary-plan variants of the benchmark's plan shapes: for each
# shape and size, the shape as a Terraform configuration
# (internal/testplan.WriteConfig, through genplan -config), planned by real
# Terraform against internal/testprovider into a plan of exactly N
# resources, with `terraform show -json` of it beside:
#
#   BENCH_DIR/binary/SHAPE-N/          the configuration (main.tf, modules/)
#   BENCH_DIR/binary/SHAPE-N/plan.tfplan   the binary plan, with its configuration snapshot
#   BENCH_DIR/binary/SHAPE-N/plan.json     terraform show -json plan.tfplan
#
# so that trustcloud can be measured on the binary plan (which it converts
# with terraform show -json, then evaluates from the snapshot) and on the
# JSON plan with its sources next to it (the evaluator without Terraform).
# A directory whose stamp matches (the configuration's checksum, N and
# Terraform's version) is left as it is.
#
#   scripts/bench-binary.sh                 # every shape at 1000 10000
#   BENCH_SHAPES=flat-wide BENCH_SIZES=100000 scripts/bench-binary.sh
#
# Planning is Terraform's speed, not trustcloud's: about 12 ms per
# resource on a 2-core machine, so 100,000 resources take about 20 minutes
# and 300,000 about an hour. Prints the plan directories, one per line.
#
# Environment: BENCH_SHAPES, BENCH_SIZES, BENCH_DIR as scripts/bench.sh;
# TERRAFORM (default terraform), GO (default go).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache/testprovider"
go=${GO:-go}
terraform=${TERRAFORM:-terraform}
shapes="${BENCH_SHAPES:-default,findings-heavy,flat-wide}"
sizes="${BENCH_SIZES:-1000,10000}"
dir="${BENCH_DIR:-$root/.cache/bench}"

command -v "$terraform" >/dev/null || { echo "bench-binary: terraform not found (set TERRAFORM=/path/to/terraform)" >&2; exit 2; }
# shellcheck source=scripts/testprovider-env.sh
. "$root/scripts/testprovider-env.sh"

mkdir -p "$dir/binary" "$dir/bin"
dir=$(cd "$dir" && pwd)
(cd "$root" && "$go" build -o "$dir/bin/genplan" ./internal/testplan/cmd/genplan)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
version=$("$terraform" version | sed -n 1p)

# tf DIR ARGS… runs terraform in DIR; its output shows only on failure.
tf() {
	local d=$1
	shift
	if ! "$terraform" -chdir="$d" "$@" -no-color >"$tmp/log" 2>&1; then
		cat "$tmp/log" >&2
		echo "bench-binary: terraform $1 failed in $d" >&2
		return 1
	fi
}

for shape in ${shapes//,/ }; do
	rm -rf "$tmp/config"
	"$dir/bin/genplan" -shape "$shape" -config "$tmp/config"
	sum=$(cd "$tmp/config" && find . -name '*.tf' | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
	for n in ${sizes//,/ }; do
		out="$dir/binary/$shape-$n"
		stamp="$sum n=$n $version"
		if [ -f "$out/plan.json" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
			echo "$out"
			continue
		fi
		rm -rf "$out"
		mkdir -p "$out"
		cp -R "$tmp/config/." "$out/"
		start=$(date +%s)
		tf "$out" get
		tf "$out" plan -lock=false -refresh=false -var "n=$n" -out=plan.tfplan
		"$terraform" -chdir="$out" show -json plan.tfplan >"$out/plan.json"
		echo "$stamp" >"$out/stamp"
		echo "bench-binary: $shape at $n resources planned in $(($(date +%s) - start)) s" >&2
		echo "$out"
	done
done
