#!/usr/bin/env bash
# Checks that the peer implementations agree before timing them: opa (Rego), conftest (same
# Rego) and jq (region.jq) must report exactly scripts/peers/test/expected-denials.json on
# scripts/peers/test/fixture-plan.json, and the same denials as each other on every plan given
# (default: testdata/scenarios/*/plan.json). Prints "N passed, N failed".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/scripts/peers"
BIN="${PEERS_BIN:-$ROOT/.cache/peers/bin}"
cd "$ROOT"
[ -x "$BIN/opa" ] && [ -x "$BIN/conftest" ] || { echo "check.sh: run scripts/peers/install.sh first" >&2; exit 2; }

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0

denials() { # TOOL PLAN -> sorted JSON array of messages
  case "$1" in
    opa) "$BIN/opa" eval --format raw --data "$HERE/policy/trustcloud.rego" --input "$2" 'data.main.deny' | jq -S 'sort' ;;
    conftest) { "$BIN/conftest" test --no-color --parser json --policy "$HERE/policy" --all-namespaces --output json "$2" || [ $? = 1 ]; } | jq -S '[.[].failures // [] | .[].msg] | sort' ;;
    jq) jq -f "$HERE/region.jq" "$2" | jq -sS 'sort' ;;
  esac
}

check() { # NAME EXPECTED-FILE ACTUAL-FILE
  if diff -u "$2" "$3" >"$tmp/diff"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL $1"; cat "$tmp/diff"
  fi
}

fixture="$HERE/test/fixture-plan.json"
jq -S 'sort' "$HERE/test/expected-denials.json" >"$tmp/expected"
for tool in opa conftest jq; do
  denials "$tool" "$fixture" >"$tmp/$tool"
  check "$tool on the fixture" "$tmp/expected" "$tmp/$tool"
done

if [ "$#" -eq 0 ]; then set -- testdata/scenarios/*/plan.json; fi
for plan in "$@"; do
  for tool in opa conftest jq; do denials "$tool" "$plan" >"$tmp/$tool"; done
  check "conftest = opa on $plan" "$tmp/opa" "$tmp/conftest"
  check "jq = opa on $plan" "$tmp/opa" "$tmp/jq"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
