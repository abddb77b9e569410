#!/usr/bin/env bash
# Installs Debian's chromium (and curl, used by the CI examples' tests), which the HTML report's browser test
# (internal/report/html_test.go) drives headless over the DevTools
# protocol. Does nothing when the browser (/usr/bin/chromium, or
# TRUSTCLOUD_CHROMIUM) and curl are already there.
#
# Needs root (or sudo) and apt. `make chromium` runs it, and .ci/run before
# `make test`; `make test` never does: without a browser, the browser check
# is skipped outside CI (CI unset) and fails under CI.
# Set TRUSTCLOUD_CHROMIUM=/path/to/chromium instead to test with a browser
# installed elsewhere.
set -euo pipefail

# curl is used by the CI examples' commands that the tests run.
if [ -x "${TRUSTCLOUD_CHROMIUM:-/usr/bin/chromium}" ] && command -v curl >/dev/null 2>&1; then
	exit 0
fi
start=$SECONDS
bash "$(dirname "$0")/apt-install.sh" install-chromium.sh \
	"install chromium with your package manager, or set TRUSTCLOUD_CHROMIUM to a Chromium binary" chromium curl ca-certificates
/usr/bin/chromium --version >&2
echo "install-chromium.sh: done in $((SECONDS - start))s" >&2
