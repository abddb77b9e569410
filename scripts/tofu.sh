#!/usr/bin/env bash
# Builds the OpenTofu CLI that the tests plan with, from its Go module.
#
# OpenTofu ships no release through a package registry, and this project's
# machines reach only the Go module proxy: `go install …/cmd/tofu@version`
# is refused (OpenTofu's go.mod has replace directives), but the module's
# source downloads through the proxy into the read-only module cache, and
# building there writes only to GOCACHE and the output file.
#
# Usage: scripts/tofu.sh          prints the path of the binary last
# Output: .cache/tofu/$version/tofu (nothing is done when it is there).
# Needs: go (GO=/path/to/go to choose one) and the Go module proxy.
set -euo pipefail

# The one place where the OpenTofu version is pinned.
version=v1.10.10

root=$(cd "$(dirname "$0")/.." && pwd)
go=${GO:-go}
out="$root/.cache/tofu/$version"
bin="$out/tofu"

if [ -x "$bin" ]; then
	echo "tofu: ${bin#"$root"/} is there ($(TF_CLI_CONFIG_FILE=/dev/null "$bin" version | sed -n 1p))" >&2
	echo "$bin"
	exit 0
fi

echo "tofu: download github.com/opentofu/opentofu@$version through the Go module proxy" >&2
# `go mod download` outside a module: GOFLAGS=-mod=mod from the caller's
# environment would make it look for a go.mod, so only this call's flags count.
dir=$(cd / && GOFLAGS= "$go" mod download -json "github.com/opentofu/opentofu@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
if [ -z "$dir" ] || [ ! -d "$dir/cmd/tofu" ]; then
	echo "tofu: go mod download gave no module directory for github.com/opentofu/opentofu@$version" >&2
	exit 1
fi

echo "tofu: build ${dir}/cmd/tofu into ${bin#"$root"/} (a few minutes the first time)" >&2
mkdir -p "$out"
start=$(date +%s)
# The flags of OpenTofu's own release build (.goreleaser.yaml): static, and
# version.dev=no so that it calls itself 1.10.10, not 1.10.10-dev, in
# `tofu version` and in the terraform_version of the plans it writes. The
# build writes to a temporary name first: an interrupted build must not
# leave a binary that the next run would take as done.
(cd "$dir" && CGO_ENABLED=0 GOFLAGS=-mod=readonly "$go" build -trimpath \
	-ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$bin.tmp" ./cmd/tofu)
mv "$bin.tmp" "$bin"
echo "tofu: built in $(($(date +%s) - start))s: $(TF_CLI_CONFIG_FILE=/dev/null "$bin" version | sed -n 1p)" >&2
echo "$bin"
