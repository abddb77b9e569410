#!/usr/bin/env bash
# Install the peer tools used by scripts/peers/run.sh (conftest and opa), pinned,
# through the Go module proxy, into .cache/peers/bin (git-ignored). Idempotent:
# a tool already installed at the pinned version is not rebuilt.
#
#   scripts/peers/install.sh          # install if needed, print versions
#   CONFTEST_VERSION=v0.71.1 OPA_VERSION=v1.22.2 scripts/peers/install.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="${PEERS_BIN:-$ROOT/.cache/peers/bin}"
CONFTEST_VERSION="${CONFTEST_VERSION:-v0.71.1}"
OPA_VERSION="${OPA_VERSION:-v1.22.2}"

mkdir -p "$BIN"
# go install pkg@version ignores the enclosing module (our go.mod is untouched).
export GOBIN="$BIN"
export GOFLAGS="${GOFLAGS:-}"
export CGO_ENABLED="${CGO_ENABLED:-0}"

# installed_version BINARY -> module version recorded in the binary's build info
installed_version() {
  [ -x "$1" ] || return 0
  go version -m "$1" 2>/dev/null | awk '$1 == "mod" && !seen++ { print $3 }'
}

install_one() { # name package version
  local name="$1" pkg="$2" version="$3" have
  have="$(installed_version "$BIN/$name")"
  if [ "$have" = "$version" ]; then
    echo "$name $version already installed in $BIN" >&2
    return
  fi
  echo "installing $pkg@$version into $BIN ..." >&2
  go install -trimpath "$pkg@$version"
}

install_one conftest github.com/open-policy-agent/conftest "$CONFTEST_VERSION"
# OPA v1.x keeps the CLI's main package at the module root.
install_one opa github.com/open-policy-agent/opa "$OPA_VERSION"

# `conftest --version` says "dev" for a go-installed binary: read the module versions instead.
dep_version() { go version -m "$1" | awk -v m="$2" '($1 == "mod" || $1 == "dep") && $2 == m && !seen++ { print $3 }'; }
echo "conftest: $(dep_version "$BIN/conftest" github.com/open-policy-agent/conftest) (built with OPA $(dep_version "$BIN/conftest" github.com/open-policy-agent/opa), $(go version "$BIN/conftest" | awk '{print $2}'))"
echo "opa:      v$("$BIN/opa" version 2>&1 | awk -F': ' '/^Version/ {print $2}') ($(go version "$BIN/opa" | awk '{print $2}'))"
echo "jq:       $(jq --version 2>&1)"
echo "go:       $(go version)"
