# Sourced by scripts that run real Terraform against internal/testprovider
# (testdata.sh, bench-binary.sh): clears the caller's Terraform and cloud
# variables, builds the test provider into $cache/bin and points Terraform
# at it through dev_overrides ($cache/terraformrc, exported as
# TF_CLI_CONFIG_FILE).
#
# Registry providers cannot be downloaded here, so one binary, linked as
# terraform-provider-aws, -google … and installed through dev_overrides,
# serves them all. Nothing is fetched but Go modules (to build it).
#
# Needs: root (the repository), cache, go set by the caller.

# Only the caller's settings reach Terraform and the test provider: a
# TF_VAR_*, TF_CLI_ARGS*, TF_WORKSPACE or TF_DATA_DIR from the shell would
# change the plans, and so would the clouds' own variables (AWS_REGION,
# GOOGLE_REGION, SCW_DEFAULT_ZONE, NUMSPOT_HOST …), which the test provider
# reads as the real providers do. internal/testtf removes the same ones.
while IFS= read -r name; do
	unset "$name"
done < <(compgen -e | grep -E '^(TF_|TOFU_|TESTPROVIDER_|AWS_|GOOGLE_|GCLOUD_|CLOUDSDK_|ARM_|SCW_|OSC_|OS_|OVH_|NUMSPOT_)' || true)
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0

echo "== build the test provider into ${cache#"$root"/}" >&2
mkdir -p "$cache/bin"
(cd "$root" && "$go" build -trimpath -o "$cache/bin/testprovider" ./internal/testprovider)

# One directory per provider type: Terraform looks for
# terraform-provider-<type> in the directory dev_overrides names, and the
# binary picks the provider to serve from that name.
{
	echo 'provider_installation {'
	echo '  dev_overrides {'
	while read -r type source; do
		mkdir -p "$cache/providers/$type"
		ln -sfn "$cache/bin/testprovider" "$cache/providers/$type/terraform-provider-$type"
		printf '    "%s" = "%s"\n' "$source" "$cache/providers/$type"
	done < <("$cache/bin/testprovider" -sources)
	echo '  }'
	echo '  direct {}'
	echo '}'
} >"$cache/terraformrc"
export TF_CLI_CONFIG_FILE="$cache/terraformrc"
