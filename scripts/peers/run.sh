#!/usr/bin/env bash
# Side by side with the peers: time and peak memory of conftest, opa and jq running the same
# "sensitive data in a non-EU region" check (scripts/peers/policy/trustcloud.rego,
# scripts/peers/region.jq) on the same plans, next to trustcloud check and inventory and the
# decode floor (a bare json.Unmarshal of the plan into tfjson.Plan:
# internal/bench/cmd/decodefloor), all in one run. Prints markdown tables on stdout: one row
# per tool and plan; the start-up cost (trustcloud check on a 10-resource plan); and issue 16's
# targets per plan shape and size, each met or not.
#
#   scripts/peers/install.sh                                  # once: conftest and opa, pinned
#   scripts/peers/run.sh testdata/scenarios/ministry/plan.json .cache/bench/plan-100000.json
#   scripts/peers/run.sh --shapes default,findings-heavy,flat-wide --sizes 1000,10000,100000,300000
#
# --shapes LIST and --sizes LIST (commas; either one alone takes the other's default: every
# shape of internal/testplan, 1000,10000,100000,300000; an empty LIST is that default too)
# measure every shape × size, on the plans of internal/testplan/cmd/genplan in PLANS
# (plan-N.json for the default shape, plan-SHAPE-N.json for the others: testplan.FileName),
# written when missing or out of date. Plans given as arguments are measured first; their shape
# is read from such a file name, "–" otherwise.
#
# Environment:
#   REPEAT=3          runs per tool and plan; the tables show the median wall time and the
#                     median peak RSS of those runs (the 10-resource check runs REPEAT times, at
#                     least 5, timed by the shell to the microsecond)
#   TOOLS="floor trustcloud inventory jq conftest opa"   which rows to run; a tool that is not
#                     installed (conftest, opa) or built (trustcloud) gets a row saying so
#   TRUSTCLOUD=PATH   trustcloud binary (default: .cache/peers/bin/trustcloud, then bin/trustcloud;
#                     build one with `go build -o .cache/peers/bin/trustcloud ./cmd/trustcloud`,
#                     or run `make peers`, which does)
#   PEERS_BIN=DIR     where install.sh put conftest and opa (default .cache/peers/bin)
#   PLANS=DIR         where the generated plans go (default .cache/bench)
#   LOGS=DIR          raw `/usr/bin/time -v` reports and tool outputs (default .cache/peers/runs)
#
# Every tool runs under `/usr/bin/time -v` (Debian's `time`, installed with apt-get when missing
# and running as root). Wall time is the "Elapsed (wall clock)" line, memory the "Maximum
# resident set size" line. Each plan is read once before its runs so that every tool starts
# from the page cache.
set -euo pipefail
export LC_ALL=C # EPOCHREALTIME and awk with a decimal point

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/scripts/peers"
BIN="${PEERS_BIN:-$ROOT/.cache/peers/bin}"
LOGS="${LOGS:-$ROOT/.cache/peers/runs}"
PLANS="${PLANS:-$ROOT/.cache/bench}"
REPEAT="${REPEAT:-3}"
TOOLS="${TOOLS:-floor trustcloud inventory jq conftest opa}"
POLICY_DIR="$HERE/policy"
POLICY="$POLICY_DIR/trustcloud.rego"
FILTER="$HERE/region.jq"
# The shapes of testplan.Shapes (a test compares the two).
ALL_SHAPES="default,findings-heavy,flat-wide"
DEFAULT_SIZES="1000,10000,100000,300000"

# issue 16's targets
TARGET_FLOOR=0.2    # check's wall time ≤ 0.2× the decode floor's
TARGET_RSS_MB=250   # check's peak RSS ≤ 250 MB (10^6 bytes)
TARGET_CONFTEST=10  # check ≥ 10× faster than conftest
TARGET_LINEAR=3.3   # check at 300k ≤ 3.3× check at 100k (any N against N/3 of the same shape)
TARGET_STARTUP=15   # check on a 10-resource plan ≤ 15 ms

die() { echo "run.sh: $*" >&2; exit 2; }
usage() { die "usage: scripts/peers/run.sh [--shapes LIST] [--sizes LIST] [PLAN.json...]"; }

matrix=""; shapes=""; sizes=""; plans=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --shapes) [ "$#" -ge 2 ] || usage; matrix=1; shapes="$2"; shift 2 ;;
    --shapes=*) matrix=1; shapes="${1#*=}"; shift ;;
    --sizes) [ "$#" -ge 2 ] || usage; matrix=1; sizes="$2"; shift 2 ;;
    --sizes=*) matrix=1; sizes="${1#*=}"; shift ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
    --) shift; plans+=("$@"); break ;;
    -*) usage ;;
    *) plans+=("$1"); shift ;;
  esac
done
shapes="${shapes:-$ALL_SHAPES}"
sizes="${sizes:-$DEFAULT_SIZES}"
[ "${#plans[@]}" -ge 1 ] || [ -n "$matrix" ] || usage
for s in ${sizes//,/ }; do [[ "$s" =~ ^[1-9][0-9]*$ ]] || die "--sizes: $s is not a number of resources"; done
for s in ${shapes//,/ }; do [[ ",$ALL_SHAPES," == *",$s,"* ]] || die "--shapes: $s is not one of $ALL_SHAPES"; done

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
# VERSION[tool] is set for each tool that runs; MISSING[tool] says why one of TOOLS cannot.
mod_version() { go version -m "$1" 2>/dev/null | awk -v m="$2" '($1 == "mod" || $1 == "dep") && $2 == m && !seen++ { print $3 }'; }

declare -A VERSION MISSING
if has_tool conftest; then
  if [ -x "$BIN/conftest" ]; then
    VERSION[conftest]="$(mod_version "$BIN/conftest" github.com/open-policy-agent/conftest) (OPA $(mod_version "$BIN/conftest" github.com/open-policy-agent/opa))"
  else
    MISSING[conftest]="not installed: run scripts/peers/install.sh"
  fi
fi
if has_tool opa; then
  if [ -x "$BIN/opa" ]; then
    VERSION[opa]="$("$BIN/opa" version | awk -F': ' '/^Version/ && !seen++ { print "v" $2 }')"
  else
    MISSING[opa]="not installed: run scripts/peers/install.sh"
  fi
fi
has_tool jq && VERSION[jq]="$(jq --version)"
if has_tool floor; then
  mkdir -p "$BIN"
  (cd "$ROOT" && go build -o "$BIN/decodefloor" ./internal/bench/cmd/decodefloor)
  VERSION[floor]="terraform-json $(cd "$ROOT" && go list -m -f '{{.Version}}' github.com/hashicorp/terraform-json), $(go env GOVERSION)"
fi
for name in trustcloud inventory; do
  has_tool "$name" || continue
  if [ -z "$TRUSTCLOUD" ]; then
    MISSING[$name]="not built: go build -o .cache/peers/bin/trustcloud ./cmd/trustcloud"
    continue
  fi
  if [ -z "${VERSION[trustcloud]:-}" ]; then
    VERSION[trustcloud]="$("$TRUSTCLOUD" version 2>/dev/null | sed -n 1p | sed 's/^trustcloud //')"
    rev="$(go version -m "$TRUSTCLOUD" 2>/dev/null | awk '$2 == "vcs.revision=" || $2 ~ /^vcs.revision=/ { if (!seen++) { sub("vcs.revision=", "", $2); print substr($2, 1, 12) } }')"
    [ -n "$rev" ] && VERSION[trustcloud]="${VERSION[trustcloud]} ($rev)"
  fi
  VERSION[$name]="${VERSION[trustcloud]}"
done
for name in "${!MISSING[@]}"; do echo "run.sh: $name ${MISSING[$name]}; its rows say so" >&2; done

# ---- the plans --------------------------------------------------------------------------------
# PLAN_LIST holds the plans in the order they are measured; SHAPE_OF[plan] their shape.
declare -A SHAPE_OF
PLAN_LIST=()

# shape_of_name PATH: the shape told by a genplan file name (testplan.FileName), or –.
shape_of_name() {
  local base s
  base="$(basename "$1")"
  if [[ "$base" =~ ^plan-[0-9]+\.json$ ]]; then echo default; return; fi
  for s in ${ALL_SHAPES//,/ }; do
    if [[ "$base" =~ ^plan-${s}-[0-9]+\.json$ ]]; then echo "$s"; return; fi
  done
  echo "–"
}

GENPLAN=""
# generated SHAPE N: the path of the plan of a shape and size in PLANS, written by genplan when
# missing or out of date.
generated() {
  local path
  if [ -z "$GENPLAN" ]; then
    mkdir -p "$BIN" "$PLANS"
    (cd "$ROOT" && go build -o "$BIN/genplan" ./internal/testplan/cmd/genplan)
    GENPLAN="$BIN/genplan"
  fi
  if [ "$1" = default ]; then path="$PLANS/plan-$2.json"; else path="$PLANS/plan-$1-$2.json"; fi
  "$GENPLAN" -n "$2" -shape "$1" -o "$path" -if-changed >&2
  echo "$path"
}

for plan in ${plans[@]+"${plans[@]}"}; do
  [ -r "$plan" ] || die "$plan: not readable"
  PLAN_LIST+=("$plan"); SHAPE_OF[$plan]="$(shape_of_name "$plan")"
done
if [ -n "$matrix" ]; then
  for shape in ${shapes//,/ }; do
    for n in ${sizes//,/ }; do
      plan="$(generated "$shape" "$n")"
      PLAN_LIST+=("$plan"); SHAPE_OF[$plan]="$shape"
    done
  done
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

# WALL[plan|tool] (s) and RSS_KB[plan|tool]: the medians, for the targets' table.
declare -A WALL RSS_KB RESOURCES

printf '| tool | version | shape | plan | size (MB) | resources | wall (s) | max RSS (MiB) | denials |\n'
printf '|---|---|---|---|---:|---:|---:|---:|---:|\n'

for plan in "${PLAN_LIST[@]}"; do
  size_mb="$(awk -v b="$(stat -c %s "$plan")" 'BEGIN { printf "%.1f", b / 1048576 }')"
  [ "$size_mb" = "0.0" ] && size_mb="$(awk -v b="$(stat -c %s "$plan")" 'BEGIN { printf "%.3f", b / 1048576 }')"
  resources="$(jq '.resource_changes | length' "$plan")"
  RESOURCES[$plan]="$resources"
  shape="${SHAPE_OF[$plan]}"
  case "$plan" in
    "$ROOT"/*) label="${plan#"$ROOT"/}" ;;
    *) label="$plan" ;;
  esac
  tag="$(printf '%s' "$label" | tr -c 'A-Za-z0-9._-' '_')"
  cat "$plan" >/dev/null # page cache

  for name in $TOOLS; do
    if [ -n "${MISSING[$name]:-}" ]; then
      printf '| %s | %s | %s | %s | %s | %s | – | – | – |\n' "$(row_name "$name")" "${MISSING[$name]}" "$shape" "$label" "$size_mb" "$resources"
      continue
    fi
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
    if [ "${#times[@]}" -eq 0 ] || [ "${#times[@]}" -lt "$REPEAT" ]; then
      printf '| %s | %s | %s | %s | %s | %s | – | – | %s |\n' "$(row_name "$name")" "${VERSION[$name]}" "$shape" "$label" "$size_mb" "$resources" "$count"
      continue
    fi
    wall="$(printf '%s\n' "${times[@]}" | median)"
    kb="$(printf '%s\n' "${rsss[@]}" | median)"
    WALL["$plan|$name"]="$wall"; RSS_KB["$plan|$name"]="$kb"
    rss_mb="$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(row_name "$name")" "${VERSION[$name]}" "$shape" "$label" "$size_mb" "$resources" "$wall" "$rss_mb" "$count"
  done
done

# ---- start-up: trustcloud check on a 10-resource plan -----------------------------------------
# One run under /usr/bin/time (peak RSS, and the binary in the page cache), then REPEAT runs (at
# least 5) timed by the shell, without /usr/bin/time in between: the median in milliseconds.
STARTUP_MS=""
if has_tool trustcloud; then
  printf '\n| start-up | version | plan | runs | wall (ms), median | max RSS (MiB) |\n'
  printf '|---|---|---|---:|---:|---:|\n'
  if [ -n "${MISSING[trustcloud]:-}" ]; then
    printf '| trustcloud check on 10 resources | %s | – | – | – | – |\n' "${MISSING[trustcloud]}"
  else
    small="$(generated default 10)"
    read -r _ kb rc < <(measure trustcloud "$small" 0 startup)
    ok_exit trustcloud "$rc" || die "trustcloud exited $rc on $small; see $LOGS/startup.trustcloud.0.err"
    runs=$((REPEAT > 5 ? REPEAT : 5))
    ms=()
    for _ in $(seq 1 "$runs"); do
      t0=$EPOCHREALTIME
      rc=0
      "$TRUSTCLOUD" check --format json --fail-on none "$small" >/dev/null 2>"$LOGS/startup.trustcloud.err" || rc=$?
      t1=$EPOCHREALTIME
      ok_exit trustcloud "$rc" || die "trustcloud exited $rc on $small; see $LOGS/startup.trustcloud.err"
      ms+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) * 1000 }')")
    done
    STARTUP_MS="$(printf '%s\n' "${ms[@]}" | median)"
    case "$small" in "$ROOT"/*) small="${small#"$ROOT"/}" ;; esac
    printf '| trustcloud check on 10 resources | %s | %s | %s | %.1f | %.0f |\n' "${VERSION[trustcloud]}" "$small" "$runs" "$STARTUP_MS" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
  fi
fi

# ---- issue 16's targets ------------------------------------------------------------------------
# One row per plan: check against the decode floor, check's peak RSS, conftest against check,
# and check against check on the plan of the same shape with a third of the resources (300k
# against 100k; any N against N/3 when both are measured). "met" or "not met" per target; "–"
# where a tool did not run, or a time is below the timer's 10 ms.

# ratio A B: A / B with 2 decimals, or – when either is missing or B is 0.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 <= 0) print "–"; else printf "%.2f", a / b }'; }
# verdict VALUE OP LIMIT: met, not met, or – when VALUE is –.
verdict() {
  [ "$1" = "–" ] && { echo "–"; return; }
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN { ok = (op == "<=") ? (v + 0 <= l + 0) : (v + 0 >= l + 0); print ok ? "met" : "not met" }'
}

printf '\n| shape | resources | check (s) | floor (s) | check / floor | ≤ %s× floor | check max RSS (MB) | ≤ %s MB | conftest (s) | conftest / check | ≥ %s× | check / check at N÷3 | ≤ %s× |\n' \
  "$TARGET_FLOOR" "$TARGET_RSS_MB" "$TARGET_CONFTEST" "$TARGET_LINEAR"
printf '|---|---:|---:|---:|---:|---|---:|---|---:|---:|---|---:|---|\n'
for plan in "${PLAN_LIST[@]}"; do
  shape="${SHAPE_OF[$plan]}"; n="${RESOURCES[$plan]}"
  cw="${WALL["$plan|trustcloud"]:-}"; fw="${WALL["$plan|floor"]:-}"; tw="${WALL["$plan|conftest"]:-}"
  ck="${RSS_KB["$plan|trustcloud"]:-}"
  floor_ratio="$(ratio "$cw" "$fw")"
  if [ -n "$ck" ]; then rss="$(awk -v k="$ck" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }')"; else rss="–"; fi
  speedup="$(ratio "$tw" "$cw")"
  linear="–"
  if [ $((n % 3)) = 0 ] && [ "$shape" != "–" ]; then
    for other in "${PLAN_LIST[@]}"; do
      if [ "${SHAPE_OF[$other]}" = "$shape" ] && [ "${RESOURCES[$other]}" = $((n / 3)) ]; then
        linear="$(ratio "$cw" "${WALL["$other|trustcloud"]:-}")"
      fi
    done
  fi
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$shape" "$n" \
    "${cw:-–}" "${fw:-–}" "$floor_ratio" "$(verdict "$floor_ratio" "<=" "$TARGET_FLOOR")" \
    "$rss" "$(verdict "$rss" "<=" "$TARGET_RSS_MB")" \
    "${tw:-–}" "$speedup" "$(verdict "$speedup" ">=" "$TARGET_CONFTEST")" \
    "$linear" "$(verdict "$linear" "<=" "$TARGET_LINEAR")"
done
if has_tool trustcloud; then
  if [ -n "$STARTUP_MS" ]; then startup="$(printf '%.1f' "$STARTUP_MS")"; else startup="–"; fi
  printf '\n| target | measured | met? |\n|---|---:|---|\n'
  printf '| check on a 10-resource plan ≤ %s ms | %s ms | %s |\n' "$TARGET_STARTUP" "$startup" "$(verdict "$startup" "<=" "$TARGET_STARTUP")"
fi
