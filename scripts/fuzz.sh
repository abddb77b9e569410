#!/usr/bin/env bash
# Runs every Go fuzz target of the module (func FuzzXxx in internal/…_test.go)
# for FUZZTIME each, one after the other — go test fuzzes one target per run —
# and prints the executions and new corpus entries of each target. Crashers
# are written by go test to the package's testdata/fuzz/FuzzXxx/: fix the bug,
# keep the file as a regression seed. Logs go to .cache/fuzz/.
#
#   FUZZTIME          time per target (default 1m; e.g. 10m, or 100000x runs)
#   FUZZMINIMIZETIME  time to minimise an input (default 10s)
#   FUZZPARALLEL      fuzzing workers per target (default GOMAXPROCS)
set -uo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
FUZZTIME=${FUZZTIME:-1m}
FUZZMINIMIZETIME=${FUZZMINIMIZETIME:-10s}
logs=.cache/fuzz
mkdir -p "$logs"

# "dir Name" for every fuzz target, sorted.
mapfile -t targets < <(grep -rH --include='*_test.go' -o '^func Fuzz[A-Za-z0-9_]*' internal cmd 2>/dev/null |
	sed -E 's#^(.*)/[^/]+_test\.go:func (Fuzz[A-Za-z0-9_]*)$#\1 \2#' | sort -u)
if [ ${#targets[@]} -eq 0 ]; then
	echo "fuzz: no fuzz target found" >&2
	exit 1
fi

parallel=()
[ -n "${FUZZPARALLEL:-}" ] && parallel=(-parallel "$FUZZPARALLEL")
summary=()
failed=0
for t in "${targets[@]}"; do
	dir=${t% *}
	name=${t#* }
	log=$logs/$name.log
	echo "== $name (./$dir) for $FUZZTIME"
	if $GO test "./$dir" -run '^$' -fuzz "^$name\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$FUZZMINIMIZETIME" "${parallel[@]}" 2>&1 | tee "$log"; then
		result=ok
	else
		result=FAIL
		failed=1
	fi
	execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	interesting=$(grep -o 'new interesting: [0-9]*' "$log" | tail -1 | cut -d' ' -f3)
	summary+=("$(printf '| %-16s | %-18s | %12s | %10s | %-6s |' "$name" "./$dir" "${execs:-0}" "${interesting:-0}" "$result")")
done

echo
echo "fuzzing, $FUZZTIME per target:"
printf '| %-16s | %-18s | %12s | %10s | %-6s |\n' target package executions "new inputs" result
printf '|%s|%s|%s|%s|%s|\n' ------------------ -------------------- -------------- ------------ --------
printf '%s\n' "${summary[@]}"
if [ $failed -ne 0 ]; then
	echo "fuzz: a target failed: its crasher is in the package's testdata/fuzz/ (logs in $logs)" >&2
fi
exit $failed
