#!/usr/bin/env bash
# govulncheck (pinned in tools/go.mod, installed through the Go module proxy)
# over every package of the module, against the Go vulnerability database
# GOVULNDB (default https://vuln.go.dev; a file:// URL reads an offline copy).
# Vulnerabilities reached by the code fail. When the database cannot be
# reached, nothing was checked: the script says so on stderr and exits 0, or 1
# when VULN_REQUIRED=1 — for pipelines that must not pass without the check.
set -uo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
db=${GOVULNDB:-https://vuln.go.dev}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
$GO tool -modfile=tools/go.mod govulncheck -db "$db" ./... >"$out" 2>&1
code=$?
cat "$out"
if [ $code -ne 0 ] && grep -q 'fetching vulnerabilities' "$out"; then
	{
		echo
		echo "vuln: NOT CHECKED: the Go vulnerability database $db cannot be reached from here."
		echo "vuln: run 'make vuln' where it can, or set GOVULNDB=file:///path/to/a/copy of vuln.go.dev."
	} >&2
	if [ "${VULN_REQUIRED:-0}" = 1 ]; then
		exit 1
	fi
	exit 0
fi
exit $code
