#!/usr/bin/env bash
# Installs Debian packages with apt-get, as root or through sudo, for the
# install-*.sh scripts: apt-install.sh CALLER HINT PACKAGE...
# CALLER names the script in messages; HINT says what to do without apt.
set -euo pipefail

caller="$1" hint="$2"
shift 2
if ! command -v apt-get >/dev/null 2>&1; then
	echo "$caller: apt-get not found: $hint" >&2
	exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "$caller: needs root (or sudo) to run apt-get" >&2
		exit 1
	fi
	sudo=(sudo)
fi
echo "$caller: installing $* with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
