#!/usr/bin/env bash
# Regenerates testdata/scenarios/<name>/plan.json with real Terraform.
#
# The scenarios are planned against internal/testprovider, installed through
# dev_overrides (scripts/testprovider-env.sh). Nothing is written into the
# scenario directories but plan.json (Terraform's working files go to a temporary
# directory through TF_DATA_DIR, -out and -state).
#
# A scenario that needs prior state (a delete, an update) has a before/
# directory: it is applied first into a temporary state file, and the
# scenario is then planned against that state.
#
# Usage: scripts/testdata.sh [scenario ...]   (default: every scenario)
# Needs: go, terraform >= 1.8 (TERRAFORM=/path/to/terraform to choose one);
# jq, if present, keeps a plan.json that only Terraform's run-to-run noise
# would change.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
scenarios="$root/testdata/scenarios"
cache="$root/.cache/testprovider"
go=${GO:-go}
terraform=${TERRAFORM:-terraform}

command -v "$terraform" >/dev/null || { echo "testdata: terraform not found (set TERRAFORM=/path/to/terraform)" >&2; exit 2; }

# shellcheck source=scripts/testprovider-env.sh
. "$root/scripts/testprovider-env.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# tf runs terraform in a directory with its own data directory under $tmp;
# output is kept to show only when something fails.
tf() {
	local dir=$1 data=$2
	shift 2
	if ! TF_DATA_DIR="$data" "$terraform" -chdir="$dir" "$@" -no-color >"$tmp/log" 2>&1; then
		cat "$tmp/log" >&2
		echo "testdata: terraform $1 failed in ${dir#"$root"/}" >&2
		return 1
	fi
}

generate() {
	local dir=$1 name work state=()
	name=$(basename "$dir")
	work="$tmp/$name"
	mkdir -p "$work"
	# Leftovers of a manual run would be read by Terraform.
	rm -rf "$dir/.terraform" "$dir/plan.tfplan" "$dir"/terraform.tfstate* "$dir/before/.terraform" "$dir"/before/terraform.tfstate*

	if [ -d "$dir/before" ]; then
		tf "$dir/before" "$work/before-data" get
		tf "$dir/before" "$work/before-data" apply -auto-approve -lock=false -state="$work/terraform.tfstate"
		state=(-state="$work/terraform.tfstate")
	fi
	# terraform get, not init: init asks the registry even for providers
	# that dev_overrides replaces. get installs the local modules only.
	tf "$dir" "$work/data" get
	tf "$dir" "$work/data" plan -lock=false -out="$work/plan.tfplan" "${state[@]}"
	TF_DATA_DIR="$work/data" "$terraform" -chdir="$dir" show -json "$work/plan.tfplan" >"$work/plan.json"
	if [ -f "$dir/plan.json" ] && same_plan "$dir/plan.json" "$work/plan.json"; then
		echo "   ${dir#"$root"/}/plan.json (unchanged)"
		return
	fi
	mv "$work/plan.json" "$dir/plan.json"
	echo "   ${dir#"$root"/}/plan.json"
}

# same_plan tells whether two plan.json files differ only in what changes
# from one run of Terraform to the next: the timestamp, and the order of
# relevant_attributes and of child_modules (Terraform builds them from
# maps). The committed file is then kept as it is, so that a rerun changes
# nothing; plan.json is always Terraform's bytes, never re-sorted or
# re-indented. Without a working jq, the new plan replaces the old one.
same_plan() {
	command -v jq >/dev/null || return 1
	local filter='del(.timestamp)
		| if .relevant_attributes then .relevant_attributes |= sort_by(.resource, .attribute) else . end
		| walk(if type == "object" and has("child_modules") then .child_modules |= sort_by(.address) else . end)'
	jq -S "$filter" "$1" >"$tmp/old.norm" 2>/dev/null || return 1
	jq -S "$filter" "$2" >"$tmp/new.norm" 2>/dev/null || return 1
	cmp -s "$tmp/old.norm" "$tmp/new.norm"
}

echo "== plan the scenarios with $("$terraform" version | sed -n 1p)"
if [ $# -gt 0 ]; then
	for name in "$@"; do
		[ -f "$scenarios/$name/main.tf" ] || { echo "testdata: no scenario $name in ${scenarios#"$root"/}" >&2; exit 2; }
		generate "$scenarios/$name"
	done
else
	found=0
	for dir in "$scenarios"/*/; do
		[ -f "$dir/main.tf" ] || continue
		generate "${dir%/}"
		found=$((found + 1))
	done
	echo "== $found scenarios planned"
fi
