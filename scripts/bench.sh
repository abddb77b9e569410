#!/usr/bin/env bash
# Wall time and peak memory (max RSS) of the built trustcloud binaries on
# synthetic plans of every shape and size, next to the decode floor (read the
# file, decode it into tfjson.Plan: internal/bench/cmd/decodefloor), as one
# markdown table; then the start-up cost: `trustcloud check --format json` on
# a 10-resource plan (process start and catalog load), in milliseconds.
#
#   scripts/bench.sh                  # every shape at 1000 10000 100000 300000
#   BENCH_SHAPES=default,flat-wide BENCH_SIZES=1000,10000 BENCH_RUNS=3 scripts/bench.sh
#
# Environment:
#   BENCH_SHAPES  plan shapes of internal/testplan, separated by commas (unset or empty: all three)
#   BENCH_SIZES   numbers of resources (default 1000,10000,100000,300000)
#   BENCH_RUNS    runs per step; the table shows the fastest (default 1)
#   BENCH_STARTUP_RUNS  runs of the 10-resource check (default BENCH_RUNS, at least 5)
#   BENCH_DIR     where plans and binaries go (default .cache/bench)
#   BENCH_BINARY  1: also the binary-plan variants (scripts/bench-binary.sh,
#                 real Terraform plans of each shape × size, written when
#                 missing): a second table with `check` on the binary plan
#                 (converted by terraform show -json, evaluated from its
#                 configuration snapshot) and on its JSON plan with the
#                 configuration next to it (evaluated from the sources)
#   BENCH_BINARY_SIZES  sizes of the binary-plan variants (default BENCH_SIZES)
#
# Plans are BENCH_DIR/plan-N.json for the default shape and
# plan-SHAPE-N.json for the others (testplan.FileName), written by
# internal/testplan/cmd/genplan when missing or out of date (`make bench-data
# N=… SHAPE=…` writes one). Peak RSS comes from GNU time (`/usr/bin/time -v`),
# installed with apt (Debian's time package) when missing and the script runs
# as root. The start-up runs are timed by the shell (EPOCHREALTIME, to the
# microsecond), without /usr/bin/time in between; its RSS comes from one more
# run under /usr/bin/time.
set -euo pipefail
export LC_ALL=C # EPOCHREALTIME and awk with a decimal point

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GO="${GO:-go}"
# The shapes of testplan.Shapes (a test compares the two).
ALL_SHAPES="default,findings-heavy,flat-wide"
SHAPES="${BENCH_SHAPES:-$ALL_SHAPES}"
SIZES="${BENCH_SIZES:-1000,10000,100000,300000}"
RUNS="${BENCH_RUNS:-1}"
STARTUP_RUNS="${BENCH_STARTUP_RUNS:-$((RUNS > 5 ? RUNS : 5))}"
DIR="${BENCH_DIR:-$ROOT/.cache/bench}"
BIN="$DIR/bin"

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bench: installing GNU time (Debian package time) for peak RSS" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >&2
  else
    echo "bench: /usr/bin/time is missing: install GNU time (apt-get install time) and run again" >&2
    exit 2
  fi
fi

mkdir -p "$BIN"
DIR="$(cd "$DIR" && pwd)"
BIN="$DIR/bin"
cd "$ROOT"
CGO_ENABLED="${CGO_ENABLED:-0}" "$GO" build -o "$BIN/trustcloud" ./cmd/trustcloud
"$GO" build -o "$BIN/decodefloor" ./internal/bench/cmd/decodefloor
"$GO" build -o "$BIN/genplan" ./internal/testplan/cmd/genplan

# The binaries run in BENCH_DIR, where there are no .tf files: check does
# not index a configuration directory.
cd "$DIR"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# plan SHAPE N -> the plan's path (testplan.FileName), written when missing or
# out of date.
plan() {
  local path
  if [ "$1" = default ]; then path="$DIR/plan-$2.json"; else path="$DIR/plan-$1-$2.json"; fi
  "$BIN/genplan" -n "$2" -shape "$1" -o "$path" -if-changed >&2
  echo "$path"
}

# run_time OK_CODES CMD… -> "wall_s cpu_s rss_mb" of one run under /usr/bin/time.
# The report goes to standard output, redirected to /dev/null: not to
# --format json=/dev/null, whose atomic write would rename a file over
# /dev/null when run as root.
run_time() {
  local ok="$1" code=0
  shift
  /usr/bin/time -v -o "$TMP/time" "$@" >/dev/null 2>"$TMP/err" || code=$?
  if [[ " $ok " != *" $code "* ]]; then
    echo "bench: $* exited with $code:" >&2
    cat "$TMP/err" "$TMP/time" >&2
    exit 1
  fi
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
    /User time \(seconds\)/ { cpu += $2 }
    /System time \(seconds\)/ { cpu += $2 }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.2f %.2f %.0f", wall, cpu, rss }' "$TMP/time"
}

# measure OK_CODES CMD… -> "wall_s cpu_s rss_mb" of the fastest of RUNS runs.
measure() {
  local best="" line
  for _ in $(seq "$RUNS"); do
    line="$(run_time "$@")"
    if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best="$line"
    fi
  done
  echo "$best"
}

echo
echo "| shape | resources | plan MB | step | wall s | CPU s | max RSS MiB | wall × floor | RSS × floor | MB/s |"
echo "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"
for shape in ${SHAPES//,/ }; do
  for n in ${SIZES//,/ }; do
    path="$(plan "$shape" "$n")"
    mb="$(awk -v b="$(stat -L -c %s "$path")" 'BEGIN { printf "%.1f", b / 1e6 }')"
    read -r fw fc fr <<<"$(measure "0" "$BIN/decodefloor" "$path")"
    read -r iw ic ir <<<"$(measure "0" "$BIN/trustcloud" inventory --format json "$path")"
    read -r cw cc cr <<<"$(measure "0 1" "$BIN/trustcloud" check --format json "$path")"
    for row in "decode floor|$fw|$fc|$fr" "trustcloud inventory --format json|$iw|$ic|$ir" "trustcloud check --format json|$cw|$cc|$cr"; do
      IFS='|' read -r step w c r <<<"$row"
      # A ratio to a time below the timer's 10 ms is –.
      awk -v shape="$shape" -v n="$n" -v mb="$mb" -v step="$step" -v w="$w" -v c="$c" -v r="$r" -v fw="$fw" -v fr="$fr" 'BEGIN {
        printf "| %s | %d | %s | %s | %.2f | %.2f | %d | %s | %s | %s |\n", shape, n, mb, step, w, c, r,
          (fw > 0 ? sprintf("%.2f", w / fw) : "–"), (fr > 0 ? sprintf("%.1f", r / fr) : "–"), (w > 0 ? sprintf("%.0f", mb / w) : "–")
      }'
    done
  done
done

# The binary-plan variants: real Terraform plans of each shape, with their
# configuration, so that trustcloud evaluates expressions from the sources.
if [ "${BENCH_BINARY:-}" = 1 ]; then
  BENCH_SHAPES="$SHAPES" BENCH_SIZES="${BENCH_BINARY_SIZES:-$SIZES}" BENCH_DIR="$DIR" GO="$GO" bash "$ROOT/scripts/bench-binary.sh" >"$TMP/variants"
  mapfile -t variants <"$TMP/variants"
  if [ "${#variants[@]}" -eq 0 ]; then
    echo "bench: scripts/bench-binary.sh wrote no plan" >&2
    exit 1
  fi
  # trustcloud runs terraform show -json on a binary plan: with the test
  # provider's CLI configuration, which bench-binary.sh wrote.
  export TF_CLI_CONFIG_FILE="$ROOT/.cache/testprovider/terraformrc"
  terraform_flag=()
  if [ -n "${TERRAFORM:-}" ]; then terraform_flag=(--terraform "$TERRAFORM"); fi
  echo
  echo "| shape | resources | plan MB | step (binary-plan variant) | wall s | CPU s | max RSS MiB | wall × floor | RSS × floor | MB/s |"
  echo "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"
  for v in "${variants[@]}"; do
    name="$(basename "$v")"
    shape="${name%-*}" n="${name##*-}"
    mb="$(awk -v b="$(stat -L -c %s "$v/plan.json")" 'BEGIN { printf "%.1f", b / 1e6 }')"
    read -r fw fc fr <<<"$(measure "0" "$BIN/decodefloor" "$v/plan.json")"
    # In the plan's directory: check finds the configuration beside it.
    read -r jw jc jr <<<"$(cd "$v" && measure "0 1" "$BIN/trustcloud" check --format json plan.json)"
    read -r bw bc br <<<"$(cd "$v" && measure "0 1" "$BIN/trustcloud" check --format json "${terraform_flag[@]}" plan.tfplan)"
    for row in "decode floor of plan.json|$fw|$fc|$fr" "trustcloud check --format json plan.json (sources beside it)|$jw|$jc|$jr" "trustcloud check --format json plan.tfplan (terraform show, snapshot)|$bw|$bc|$br"; do
      IFS='|' read -r step w c r <<<"$row"
      awk -v shape="$shape" -v n="$n" -v mb="$mb" -v step="$step" -v w="$w" -v c="$c" -v r="$r" -v fw="$fw" -v fr="$fr" 'BEGIN {
        printf "| %s | %d | %s | %s | %.2f | %.2f | %d | %s | %s | %s |\n", shape, n, mb, step, w, c, r,
          (fw > 0 ? sprintf("%.2f", w / fw) : "–"), (fr > 0 ? sprintf("%.1f", r / fr) : "–"), (w > 0 ? sprintf("%.0f", mb / w) : "–")
      }'
    done
  done
fi

# Start-up: the 10-resource plan of the default shape, one run under
# /usr/bin/time (its peak RSS, and the binary in the page cache), then
# STARTUP_RUNS runs timed by the shell.
small="$(plan default 10)"
read -r _ _ sr <<<"$(run_time "0 1" "$BIN/trustcloud" check --format json "$small")"
: >"$TMP/ms"
for _ in $(seq "$STARTUP_RUNS"); do
  code=0
  t0=$EPOCHREALTIME
  "$BIN/trustcloud" check --format json "$small" >/dev/null 2>"$TMP/err" || code=$?
  t1=$EPOCHREALTIME
  if [ "$code" -gt 1 ]; then
    echo "bench: trustcloud check $small exited with $code:" >&2
    cat "$TMP/err" >&2
    exit 1
  fi
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) * 1000 }' >>"$TMP/ms"
done
echo
echo "| start-up | plan | runs | wall ms, median | wall ms, best | max RSS MiB |"
echo "|---|---|---:|---:|---:|---:|"
sort -n "$TMP/ms" | awk -v plan="$(basename "$small") (10 resources)" -v r="$sr" '
  { v[NR] = $1 }
  END {
    med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "| trustcloud check --format json | %s | %d | %.1f | %.1f | %d |\n", plan, NR, med, v[1], r
  }'
