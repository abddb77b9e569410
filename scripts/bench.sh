#!/usr/bin/env bash
# Wall time and peak memory (max RSS) of the built trustcloud binaries on
# synthetic plans, next to the decode floor (read the file, decode it into
# tfjson.Plan: internal/bench/cmd/decodefloor), as a markdown table.
#
#   scripts/bench.sh                                   # 1000 10000 100000 300000
#   BENCH_SIZES=1000,10000 BENCH_RUNS=3 scripts/bench.sh
#
# Plans are .cache/bench/plan-N.json (written by internal/testplan/cmd/genplan
# when missing; `make bench-data N=…` rewrites one). Each step runs BENCH_RUNS
# times (default 1) and the fastest run is shown. Peak RSS comes from GNU
# time (`/usr/bin/time -v`), installed with apt (Debian's time package) when
# missing and the script runs as root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GO="${GO:-go}"
SIZES="${BENCH_SIZES:-1000,10000,100000,300000}"
RUNS="${BENCH_RUNS:-1}"
DIR="$ROOT/.cache/bench"
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
cd "$ROOT"
"$GO" build -o "$BIN/trustcloud" ./cmd/trustcloud
"$GO" build -o "$BIN/decodefloor" ./internal/bench/cmd/decodefloor
"$GO" build -o "$BIN/genplan" ./internal/testplan/cmd/genplan

# The binaries run in .cache/bench, where there are no .tf files: check does
# not index a configuration directory.
cd "$DIR"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# measure OK_CODES CMD… -> "wall_s cpu_s rss_mb" of the fastest of RUNS runs.
# The report goes to standard output, redirected to /dev/null: not to
# --format json=/dev/null, whose atomic write would rename a file over
# /dev/null when run as root.
measure() {
  local ok="$1" best="" line code
  shift
  for _ in $(seq "$RUNS"); do
    code=0
    /usr/bin/time -v -o "$TMP/time" "$@" >/dev/null 2>"$TMP/err" || code=$?
    if [[ " $ok " != *" $code "* ]]; then
      echo "bench: $* exited with $code:" >&2
      cat "$TMP/err" "$TMP/time" >&2
      exit 1
    fi
    line="$(awk -F': ' '
      /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
      /User time \(seconds\)/ { cpu += $2 }
      /System time \(seconds\)/ { cpu += $2 }
      /Maximum resident set size/ { rss = $2 / 1024 }
      END { printf "%.2f %.2f %.0f", wall, cpu, rss }' "$TMP/time")"
    if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best="$line"
    fi
  done
  echo "$best"
}

echo
echo "| resources | plan MB | step | wall s | CPU s | max RSS MB | wall × floor | RSS × floor | MB/s |"
echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|"
for n in ${SIZES//,/ }; do
  plan="$DIR/plan-$n.json"
  if [ ! -f "$plan" ]; then
    "$BIN/genplan" -n "$n" -o "$plan"
  fi
  mb="$(awk -v b="$(stat -L -c %s "$plan")" 'BEGIN { printf "%.1f", b / 1e6 }')"
  read -r fw fc fr <<<"$(measure "0" "$BIN/decodefloor" "$plan")"
  read -r iw ic ir <<<"$(measure "0" "$BIN/trustcloud" inventory --format json "$plan")"
  read -r cw cc cr <<<"$(measure "0 1" "$BIN/trustcloud" check --format json "$plan")"
  for row in "decode floor|$fw|$fc|$fr" "trustcloud inventory --format json|$iw|$ic|$ir" "trustcloud check --format json|$cw|$cc|$cr"; do
    IFS='|' read -r step w c r <<<"$row"
    awk -v n="$n" -v mb="$mb" -v step="$step" -v w="$w" -v c="$c" -v r="$r" -v fw="$fw" -v fr="$fr" 'BEGIN {
      printf "| %d | %s | %s | %.2f | %.2f | %d | %.1f | %.1f | %.0f |\n", n, mb, step, w, c, r, (fw > 0 ? w / fw : 0), (fr > 0 ? r / fr : 0), (w > 0 ? mb / w : 0)
    }'
  done
done
