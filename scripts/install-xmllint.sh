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
start=$SECONDS
bash "$(dirname "$0")/apt-install.sh" install-xmllint.sh \
	"install xmllint (libxml2) with your package manager, or set TRUSTCLOUD_XMLLINT to an xmllint binary" libxml2-utils
xmllint --version 2>&1 | sed -n 1p >&2
echo "install-xmllint.sh: done in $((SECONDS - start))s" >&2
