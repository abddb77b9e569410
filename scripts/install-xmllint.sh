#!/usr/bin/env bash
# Installs Debian's libxml2-utils, whose xmllint validates the JUnit report
# against both JUnit XSDs (internal/report/junit_test.go). Does nothing when
# xmllint (on PATH, or TRUSTCLOUD_XMLLINT) is already there.
#
# Needs root (or sudo) and apt. `make xmllint` runs it, and .ci/run before
# `make test`; `make test` never does: without xmllint, the schema check is
# skipped outside CI (CI unset) and fails under CI.
# Set TRUSTCLOUD_XMLLINT=/path/to/xmllint instead to test with an xmllint
# installed elsewhere.
set -euo pipefail

if [ -n "${TRUSTCLOUD_XMLLINT:-}" ] && [ -x "$TRUSTCLOUD_XMLLINT" ]; then
	exit 0
fi
if [ -z "${TRUSTCLOUD_XMLLINT:-}" ] && command -v xmllint >/dev/null 2>&1; then
	exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "install-xmllint.sh: apt-get not found: install xmllint (libxml2) with your package manager, or set TRUSTCLOUD_XMLLINT to an xmllint binary" >&2
	exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "install-xmllint.sh: needs root (or sudo) to run apt-get" >&2
		exit 1
	fi
	sudo=(sudo)
fi
start=$SECONDS
echo "install-xmllint.sh: installing libxml2-utils with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends libxml2-utils >/dev/null
xmllint --version 2>&1 | head -n 1 >&2
echo "install-xmllint.sh: done in $((SECONDS - start))s" >&2
