#!/usr/bin/env bash
# Side by side with the peers: time and peak memory of conftest, opa and jq running the same
# "sensitive data in a non-EU region" check (scripts/peers/policy/trustcloud.rego,
# scripts/peers/region.jq) on the same plans, next to trustcloud check and inventory and the
# decode floor (a bare json.Unmarshal of the plan into tfjson.Plan:
# internal/bench/cmd/decodefloor), all in one run. Prints a markdown table on stdout.
#
#   scripts/peers/install.sh                                  # once: conftest and opa, pinned
#   scripts/peers/run.sh testdata/scenarios/ministry/plan.json .cache/bench/plan-100000.json
#
# Environment:
#   REPEAT=3          runs per tool and plan; the table shows the median wall time and the
#                     median peak RSS of those runs
#   TOOLS="floor trustcloud inventory jq conftest opa"   which rows to run (trustcloud and
#                     inventory only if a binary is found)
#   TRUSTCLOUD=PATH   trustcloud binary (default: .cache/peers/bin/trustcloud, then bin/trustcloud;
#                     build one with `go build -o .cache/peers/bin/trustcloud ./cmd/trustcloud`)
#   PEERS_BIN=DIR     where install.sh put conftest and opa (default .cache/peers/bin)
#   LOGS=DIR          raw `/usr/bin/time -v` reports and tool outputs (default .cache/peers/runs)
#
# Every tool runs under `/usr/bin/time -v` (Debian's `time`, installed with apt-get when missing
# and running as root). Wall time is the "Elapsed (wall clock)" line, memory the "Maximum
# resident set size" line. Each plan is read once before its runs so that every tool starts
# from the page cache.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/scripts/peers"
BIN="${PEERS_BIN:-$ROOT/.cache/peers/bin}"
LOGS="${LOGS:-$ROOT/.cache/peers/runs}"
REPEAT="${REPEAT:-3}"
TOOLS="${TOOLS:-floor trustcloud inventory jq conftest opa}"
POLICY_DIR="$HERE/policy"
POLICY="$POLICY_DIR/trustcloud.rego"
FILTER="$HERE/region.jq"

die() { echo "run.sh: $*" >&2; exit 2; }

[ "$#" -ge 1 ] || die "usage: scripts/peers/run.sh PLAN.json..."

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "run.sh: installing Debian's time package" >&2
    apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null; }
  fi
  [ -x /usr/bin/time ] || die "/usr/bin/time (Debian package 'time') is required"
fi
command -v jq >/dev/null || die "jq is required"

TRUSTCLOUD="${TRUSTCLOUD:-}"
if [ -z "$TRUSTCLOUD" ]; then
  for c in "$BIN/trustcloud" "$ROOT/bin/trustcloud"; do
    if [ -x "$c" ]; then TRUSTCLOUD="$c"; break; fi
  done
fi

has_tool() { case " $TOOLS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# ---- versions -----------------------------------------------------------------------------
mod_version() { go version -m "$1" 2>/dev/null | awk -v m="$2" '($1 == "mod" || $1 == "dep") && $2 == m { print $3; exit }'; }

declare -A VERSION
if has_tool conftest; then
  [ -x "$BIN/conftest" ] || die "$BIN/conftest missing: run scripts/peers/install.sh"
  VERSION[conftest]="$(mod_version "$BIN/conftest" github.com/open-policy-agent/conftest) (OPA $(mod_version "$BIN/conftest" github.com/open-policy-agent/opa))"
fi
if has_tool opa; then
  [ -x "$BIN/opa" ] || die "$BIN/opa missing: run scripts/peers/install.sh"
  VERSION[opa]="$("$BIN/opa" version | awk -F': ' '/^Version/ { print "v" $2; exit }')"
fi
has_tool jq && VERSION[jq]="$(jq --version)"
if has_tool floor; then
  mkdir -p "$BIN"
  (cd "$ROOT" && go build -o "$BIN/decodefloor" ./internal/bench/cmd/decodefloor)
  VERSION[floor]="terraform-json $(cd "$ROOT" && go list -m -f '{{.Version}}' github.com/hashicorp/terraform-json), $(go env GOVERSION)"
fi
if has_tool trustcloud && [ -n "$TRUSTCLOUD" ]; then
  VERSION[trustcloud]="$("$TRUSTCLOUD" version 2>/dev/null | head -1 | sed 's/^trustcloud //')"
  rev="$(go version -m "$TRUSTCLOUD" 2>/dev/null | awk '$2 == "vcs.revision=" || $2 ~ /^vcs.revision=/ { sub("vcs.revision=", "", $2); print substr($2, 1, 12); exit }')"
  [ -n "$rev" ] && VERSION[trustcloud]="${VERSION[trustcloud]} ($rev)"
  has_tool inventory && VERSION[inventory]="${VERSION[trustcloud]}"
fi

# ---- one measured run -----------------------------------------------------------------------
# measure NAME PLAN RUN: runs the tool, leaves "$LOGS/NAME.RUN.time" (time -v report),
# "$LOGS/NAME.RUN.out" (stdout), and echoes "SECONDS KBYTES EXIT".
measure() {
  local name="$1" plan="$2" run="$3" tag="$4" timef outf errf rc
  timef="$LOGS/$tag.$name.$run.time"; outf="$LOGS/$tag.$name.$run.out"; errf="$LOGS/$tag.$name.$run.err"
  local -a cmd
  case "$name" in
    conftest) cmd=("$BIN/conftest" test --no-color --parser json --policy "$POLICY_DIR" --all-namespaces --output json "$plan") ;;
    opa) cmd=("$BIN/opa" eval --format raw --data "$POLICY" --input "$plan" 'data.main.deny') ;;
    jq) cmd=(jq -f "$FILTER" "$plan") ;;
    trustcloud) cmd=("$TRUSTCLOUD" check --format json --fail-on none "$plan") ;;
    inventory) cmd=("$TRUSTCLOUD" inventory --format json "$plan") ;;
    floor) cmd=("$BIN/decodefloor" "$plan") ;;
  esac
  set +e
  /usr/bin/time -v -o "$timef" "${cmd[@]}" >"$outf" 2>"$errf"
  rc=$?
  set -e
  awk -v rc="$rc" '
    /Elapsed \(wall clock\) time/ {
      t = $NF; n = split(t, p, ":"); s = 0
      for (i = 1; i <= n; i++) s = s * 60 + p[i]
    }
    /Maximum resident set size/ { m = $NF }
    END { printf "%.2f %d %d\n", s, m, rc }' "$timef"
}

# denials NAME RUN-OUTPUT: number of denials the tool reported.
denials() {
  case "$1" in
    conftest) jq '[.[].failures // [] | length] | add // 0' "$2" ;;
    opa) jq 'length' "$2" ;;
    jq) grep -c . "$2" || true ;;
    # trustcloud's TC001 fires at every level; count the ones the peer policy checks
    # (sensitive or restricted, outside the EU).
    floor | inventory) echo "–" ;;
    trustcloud) jq '[.findings[] | select(.rule == "TC001" and (.sensitivity.level == "sensitive" or .sensitivity.level == "restricted") and .location.eu == false)] | length' "$2" ;;
  esac
}

# ok_exit NAME EXIT: conftest exits 1 when a policy fails, which is expected here.
ok_exit() {
  case "$1:$2" in
    *:0 | conftest:1) return 0 ;;
    *) return 1 ;;
  esac
}

row_name() {
  case "$1" in
    trustcloud) echo "trustcloud check (ours)" ;;
    inventory) echo "trustcloud inventory (ours)" ;;
    floor) echo "decode floor (json.Unmarshal into tfjson.Plan)" ;;
    *) echo "$1" ;;
  esac
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

mkdir -p "$LOGS"

printf '| tool | version | plan | size (MB) | resources | wall (s) | max RSS (MB) | denials |\n'
printf '|---|---|---|---:|---:|---:|---:|---:|\n'

for plan in "$@"; do
  [ -r "$plan" ] || die "$plan: not readable"
  size_mb="$(awk -v b="$(stat -c %s "$plan")" 'BEGIN { printf "%.1f", b / 1048576 }')"
  [ "$size_mb" = "0.0" ] && size_mb="$(awk -v b="$(stat -c %s "$plan")" 'BEGIN { printf "%.3f", b / 1048576 }')"
  resources="$(jq '.resource_changes | length' "$plan")"
  case "$plan" in
    "$ROOT"/*) label="${plan#"$ROOT"/}" ;;
    *) label="$plan" ;;
  esac
  tag="$(printf '%s' "$label" | tr -c 'A-Za-z0-9._-' '_')"
  cat "$plan" >/dev/null # page cache

  for name in $TOOLS; do
    [ -n "${VERSION[$name]:-}" ] || continue
    times=(); rsss=(); count="?"
    for run in $(seq 1 "$REPEAT"); do
      read -r secs kb rc < <(measure "$name" "$plan" "$run" "$tag")
      if ! ok_exit "$name" "$rc"; then
        echo "run.sh: $name exited $rc on $plan; see $LOGS/$tag.$name.$run.err" >&2
        count="error (exit $rc)"
        break
      fi
      times+=("$secs"); rsss+=("$kb")
      count="$(denials "$name" "$LOGS/$tag.$name.$run.out")"
    done
    if [ "${#times[@]}" -eq 0 ]; then
      printf '| %s | %s | %s | %s | %s | – | – | %s |\n' "$(row_name "$name")" "${VERSION[$name]}" "$label" "$size_mb" "$resources" "$count"
      continue
    fi
    wall="$(printf '%s\n' "${times[@]}" | median)"
    rss_mb="$(printf '%s\n' "${rsss[@]}" | median | awk '{ printf "%.0f", $1 / 1024 }')"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(row_name "$name")" "${VERSION[$name]}" "$label" "$size_mb" "$resources" "$wall" "$rss_mb" "$count"
  done
done
