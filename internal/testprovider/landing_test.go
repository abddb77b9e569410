package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// configBlock builds a provider block value of spec from top-level
// attributes and nested blocks (one element each: name → attributes).
func configBlock(t *testing.T, spec *providerSpec, set map[string]tftypes.Value, blocks map[string]map[string]tftypes.Value) tftypes.Value {
	t.Helper()
	typ := providerSchema(spec.config).Type().TerraformType(context.Background()).(tftypes.Object)
	all := map[string]tftypes.Value{}
	for k, v := range set {
		all[k] = v
	}
	for name, attrs := range blocks {
		list, ok := typ.AttributeTypes[name].(tftypes.List)
		if !ok {
			t.Fatalf("%s has no block %s", spec.typeName, name)
		}
		all[name] = tftypes.NewValue(list, []tftypes.Value{objectOf(t, list.ElementType, attrs)})
	}
	return objectOf(t, typ, all)
}

// landed computes the landing of a resource whose state has the given
// top-level attributes (others null), under a provider block and an
// environment made of env only.
func landed(t *testing.T, spec *providerSpec, typeName string, block tftypes.Value, state map[string]tftypes.Value, env map[string]string) landing {
	t.Helper()
	rt, ok := spec.resource(typeName)
	if !ok {
		t.Fatalf("%s serves no %s", spec.typeName, typeName)
	}
	typ := resourceSchema(rt).Type().TerraformType(context.Background())
	p := &providerConfig{spec: spec, raw: block, getenv: mapEnv(env)}
	return spec.land(p, typeName, rt, objectAttrs(objectOf(t, typ, state)))
}

func TestLanding(t *testing.T) {
	aws, aws5 := awsProvider(), awsProviderVersion(awsVersion5)
	google, azure, scw := googleProvider("google"), azurermProvider(), scalewayProvider()
	osc, ostack, ovh := outscaleProvider(), openstackProvider(), ovhProvider()
	s := stringVal
	none := map[string]tftypes.Value(nil)
	awsConfig := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(awsConfig, []byte("[default]\nregion = eu-west-1\n\n[profile prod]\n# the account in Virginia\nregion = us-east-1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	configFiles := tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{s(awsConfig)})

	tests := []struct {
		name     string
		spec     *providerSpec
		typeName string
		block    tftypes.Value
		state    map[string]tftypes.Value
		env      map[string]string
		want     landing
	}{
		{"aws v6 resource region wins", aws, "aws_s3_bucket", configBlock(t, aws, map[string]tftypes.Value{"region": s("eu-west-3")}, nil),
			map[string]tftypes.Value{"region": s("us-east-1")}, map[string]string{"AWS_REGION": "eu-central-1"},
			landing{Region: "us-east-1"}},
		{"aws v5 provider region", aws5, "aws_sqs_queue", configBlock(t, aws5, map[string]tftypes.Value{"region": s("eu-west-3")}, nil),
			none, map[string]string{"AWS_REGION": "us-east-1"}, landing{Region: "eu-west-3"}},
		{"aws AWS_REGION before AWS_DEFAULT_REGION", aws5, "aws_sqs_queue", configBlock(t, aws5, nil, nil),
			none, map[string]string{"AWS_REGION": "us-east-2", "AWS_DEFAULT_REGION": "eu-west-3"}, landing{Region: "us-east-2"}},
		{"aws AWS_DEFAULT_REGION", aws5, "aws_sqs_queue", configBlock(t, aws5, nil, nil),
			none, map[string]string{"AWS_DEFAULT_REGION": "eu-west-3"}, landing{Region: "eu-west-3"}},
		{"aws no region", aws5, "aws_sqs_queue", configBlock(t, aws5, nil, nil), none, nil,
			landing{Unknown: "no region: neither the resource, the provider block, AWS_REGION, AWS_DEFAULT_REGION nor the shared config of profile default sets one (the real provider fails to configure)"}},
		{"aws profile region", aws5, "aws_sqs_queue", configBlock(t, aws5, map[string]tftypes.Value{"profile": s("prod"), "shared_config_files": configFiles}, nil),
			none, nil, landing{Region: "us-east-1", Profile: "prod"}},
		{"aws default profile of AWS_CONFIG_FILE", aws5, "aws_sqs_queue", configBlock(t, aws5, nil, nil),
			none, map[string]string{"AWS_CONFIG_FILE": awsConfig}, landing{Region: "eu-west-1", Profile: "default"}},
		{"aws AWS_PROFILE, region from the block", aws5, "aws_sqs_queue", configBlock(t, aws5, map[string]tftypes.Value{"region": s("eu-west-3")}, nil),
			none, map[string]string{"AWS_PROFILE": "prod", "AWS_CONFIG_FILE": awsConfig}, landing{Region: "eu-west-3", Profile: "prod"}},
		{"aws endpoint of the service", aws, "aws_s3_object",
			configBlock(t, aws, map[string]tftypes.Value{"region": s("eu-west-3")}, map[string]map[string]tftypes.Value{"endpoints": {"s3": s("https://s3.attacker.example:9000/"), "ec2": s("https://ec2.example")}}),
			map[string]tftypes.Value{"region": s("eu-west-3")}, map[string]string{"AWS_ENDPOINT_URL_S3": "https://env.example"},
			landing{Region: "eu-west-3", Endpoint: "s3.attacker.example"}},
		{"aws AWS_ENDPOINT_URL_<SERVICE>", aws5, "aws_dynamodb_table", configBlock(t, aws5, map[string]tftypes.Value{"region": s("eu-west-3")}, nil),
			none, map[string]string{"AWS_ENDPOINT_URL_DYNAMODB": "http://localhost:8000", "AWS_ENDPOINT_URL": "https://all.example"},
			landing{Region: "eu-west-3", Endpoint: "localhost"}},
		{"aws AWS_ENDPOINT_URL", aws5, "aws_instance", configBlock(t, aws5, map[string]tftypes.Value{"region": s("eu-west-3")}, nil),
			map[string]tftypes.Value{"availability_zone": s("eu-west-3b")}, map[string]string{"AWS_ENDPOINT_URL": "https://all.example"},
			landing{Region: "eu-west-3", Zone: "eu-west-3b", Endpoint: "all.example"}},
		{"aws global service", aws, "aws_iam_role", configBlock(t, aws, map[string]tftypes.Value{"region": s("eu-west-3")}, nil),
			none, nil, landing{Region: "global"}},

		{"google location", google, "google_storage_bucket", configBlock(t, google, map[string]tftypes.Value{"region": s("europe-west9")}, nil),
			map[string]tftypes.Value{"location": s("US")}, nil, landing{Region: "US", Universe: "googleapis.com"}},
		{"google zonal location", google, "google_container_cluster", configBlock(t, google, nil, nil),
			map[string]tftypes.Value{"location": s("us-central1-a")}, nil, landing{Region: "us-central1", Zone: "us-central1-a", Universe: "googleapis.com"}},
		{"google zone", google, "google_compute_instance", configBlock(t, google, map[string]tftypes.Value{"universe_domain": s("s3nsapis.fr")}, nil),
			map[string]tftypes.Value{"zone": s("u-france-east1-a")}, nil, landing{Region: "u-france-east1", Zone: "u-france-east1-a", Universe: "s3nsapis.fr"}},
		{"google region from the environment", google, "google_artifact_registry_repository", configBlock(t, google, nil, nil),
			none, map[string]string{"GOOGLE_REGION": "us-east1"}, landing{Region: "us-east1", Universe: "googleapis.com"}},
		{"google global", google, "google_compute_network", configBlock(t, google, map[string]tftypes.Value{"region": s("europe-west9")}, nil),
			none, nil, landing{Region: "global", Universe: "googleapis.com"}},
		{"google child", google, "google_storage_bucket_object", configBlock(t, google, map[string]tftypes.Value{"region": s("europe-west9")}, nil),
			none, nil, landing{Universe: "googleapis.com", Unknown: "google_storage_bucket_object has no location of its own: it is where the resource it belongs to is"}},

		{"azure location", azure, "azurerm_storage_account", configBlock(t, azure, nil, nil),
			map[string]tftypes.Value{"location": s("West Europe")}, nil, landing{Region: "westeurope", Universe: "public"}},
		{"azure china", azure, "azurerm_resource_group", configBlock(t, azure, map[string]tftypes.Value{"metadata_host": s("management.chinacloudapi.cn")}, nil),
			map[string]tftypes.Value{"location": s("chinanorth3")}, map[string]string{"ARM_ENVIRONMENT": "China"},
			landing{Region: "chinanorth3", Universe: "china", Endpoint: "management.chinacloudapi.cn"}},

		{"scaleway resource zone", scw, "scaleway_instance_server", configBlock(t, scw, map[string]tftypes.Value{"zone": s("fr-par-2")}, nil),
			map[string]tftypes.Value{"zone": s("nl-ams-1")}, nil, landing{Region: "nl-ams", Zone: "nl-ams-1"}},
		{"scaleway environment over the block", scw, "scaleway_instance_server", configBlock(t, scw, map[string]tftypes.Value{"zone": s("fr-par-2")}, nil),
			none, map[string]string{"SCW_DEFAULT_ZONE": "pl-waw-1"}, landing{Region: "pl-waw", Zone: "pl-waw-1"}},
		{"scaleway zone only: regional resources in fr-par", scw, "scaleway_rdb_instance", configBlock(t, scw, map[string]tftypes.Value{"zone": s("nl-ams-1")}, nil),
			none, nil, landing{Region: "fr-par"}},
		{"scaleway region from the environment, api_url", scw, "scaleway_object_bucket", configBlock(t, scw, map[string]tftypes.Value{"region": s("fr-par"), "api_url": s("https://api.example")}, nil),
			none, map[string]string{"SCW_DEFAULT_REGION": "nl-ams", "SCW_PROFILE": "ci"}, landing{Region: "nl-ams", Endpoint: "api.example", Profile: "ci"}},
		{"scaleway profile only", scw, "scaleway_vpc", configBlock(t, scw, map[string]tftypes.Value{"profile": s("prod")}, nil),
			none, nil, landing{Region: "fr-par", Profile: "prod", Unknown: "the zone and region may come from the Scaleway config file's profile, which the test provider does not read"}},

		{"outscale api region and endpoint", osc, "outscale_net",
			configBlock(t, osc, map[string]tftypes.Value{"region": s("eu-west-2")}, map[string]map[string]tftypes.Value{"api": {"region": s("us-east-2"), "endpoint": s("https://api.us-east-2.outscale.com/api/v1")}}),
			none, nil, landing{Region: "us-east-2", Endpoint: "api.us-east-2.outscale.com"}},
		{"outscale endpoints block", osc, "outscale_vm",
			configBlock(t, osc, map[string]tftypes.Value{"region": s("eu-west-2")}, map[string]map[string]tftypes.Value{"endpoints": {"api": s("api.cloudgouv-eu-west-1.outscale.com")}}),
			map[string]tftypes.Value{"placement_subregion_name": s("eu-west-2a")}, nil,
			landing{Region: "eu-west-2", Zone: "eu-west-2a", Endpoint: "api.cloudgouv-eu-west-1.outscale.com"}},
		{"outscale OSC_REGION", osc, "outscale_net", configBlock(t, osc, nil, nil),
			none, map[string]string{"OSC_REGION": "ap-northeast-1", "OSC_ENDPOINT_API": "https://api.ap-northeast-1.outscale.com"},
			landing{Region: "ap-northeast-1", Endpoint: "api.ap-northeast-1.outscale.com"}},
		{"outscale no region", osc, "outscale_net", configBlock(t, osc, nil, nil), none, nil,
			landing{Unknown: "no region: neither api { region }, region nor OSC_REGION is set"}},

		{"openstack provider region and auth_url", ostack, "openstack_compute_instance_v2",
			configBlock(t, ostack, map[string]tftypes.Value{"region": s("GRA11")}, nil),
			map[string]tftypes.Value{"availability_zone": s("nova")}, map[string]string{"OS_AUTH_URL": "https://auth.cloud.ovh.net/v3"},
			landing{Region: "GRA11", Zone: "nova", Endpoint: "auth.cloud.ovh.net"}},
		{"openstack resource region", ostack, "openstack_objectstorage_container_v1",
			configBlock(t, ostack, map[string]tftypes.Value{"region": s("GRA11"), "auth_url": s("https://keystone.example:5000/v3")}, nil),
			map[string]tftypes.Value{"region": s("BHS5")}, map[string]string{"OS_REGION_NAME": "SBG5"},
			landing{Region: "BHS5", Endpoint: "keystone.example"}},
		{"openstack OS_REGION_NAME, clouds.yaml", ostack, "openstack_networking_network_v2", configBlock(t, ostack, map[string]tftypes.Value{"cloud": s("ovh")}, nil),
			none, map[string]string{"OS_REGION_NAME": "SBG5"}, landing{Region: "SBG5", Profile: "ovh"}},

		{"ovh region", ovh, "ovh_cloud_project_kube", configBlock(t, ovh, nil, nil),
			map[string]tftypes.Value{"region": s("GRA7")}, map[string]string{"OVH_ENDPOINT": "ovh-us"}, landing{Region: "GRA7", Endpoint: "ovh-us"}},
		{"ovh network regions", ovh, "ovh_cloud_project_network_private", configBlock(t, ovh, map[string]tftypes.Value{"endpoint": s("ovh-eu")}, nil),
			map[string]tftypes.Value{"regions": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{s("SBG5"), s("GRA7")})}, nil,
			landing{Region: "GRA7,SBG5", Endpoint: "ovh-eu"}},
		{"ovh child", ovh, "ovh_cloud_project_kube_nodepool", configBlock(t, ovh, nil, nil), none, nil,
			landing{Unknown: "ovh_cloud_project_kube_nodepool has no region of its own: it is where the resource it belongs to is"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := landed(t, tt.spec, tt.typeName, tt.block, tt.state, tt.env)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("landing (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAWSDynamoDBReplicas(t *testing.T) {
	aws := awsProvider()
	rt, _ := aws.resource("aws_dynamodb_table")
	typ := resourceSchema(rt).Type().TerraformType(context.Background()).(tftypes.Object)
	replicas := typ.AttributeTypes["replica"].(tftypes.Set) // a set block in the real schema
	replica := func(region string) tftypes.Value {
		return objectOf(t, replicas.ElementType, map[string]tftypes.Value{"region_name": stringVal(region)})
	}
	state := objectOf(t, typ, map[string]tftypes.Value{"region": stringVal("eu-west-3"),
		"replica": tftypes.NewValue(replicas, []tftypes.Value{replica("us-east-1"), replica("eu-central-1")})})
	p := &providerConfig{spec: aws, raw: configBlock(t, aws, nil, nil), getenv: mapEnv(nil)}
	if got := aws.land(p, "aws_dynamodb_table", rt, objectAttrs(state)); got.Region != "eu-central-1,eu-west-3,us-east-1" {
		t.Errorf("global table: region %q, want eu-central-1,eu-west-3,us-east-1", got.Region)
	}
}

func TestOVHDatabaseNodes(t *testing.T) {
	ovh := ovhProvider()
	rt, _ := ovh.resource("ovh_cloud_project_database")
	typ := resourceSchema(rt).Type().TerraformType(context.Background()).(tftypes.Object)
	nodes := typ.AttributeTypes["nodes"].(tftypes.List)
	node := func(region string) tftypes.Value {
		return objectOf(t, nodes.ElementType, map[string]tftypes.Value{"region": stringVal(region)})
	}
	state := objectOf(t, typ, map[string]tftypes.Value{"nodes": tftypes.NewValue(nodes, []tftypes.Value{node("GRA"), node("BHS"), node("GRA")})})
	p := &providerConfig{spec: ovh, raw: configBlock(t, ovh, nil, nil), getenv: mapEnv(nil)}
	if got := ovh.land(p, "ovh_cloud_project_database", rt, objectAttrs(state)); got.Region != "BHS,GRA" {
		t.Errorf("database with nodes in GRA and BHS: region %q, want BHS,GRA", got.Region)
	}
}

// The plan and the state agree with the landing: the region AWS_REGION
// gives is known at plan in 6.x (the resource's region), and a 5.x bucket
// learns its region on apply.
func TestAWSRegionFromEnvironment(t *testing.T) {
	env := map[string]string{"AWS_REGION": "us-east-1"}
	got := plannedEnv(t, awsProvider(), "aws_sqs_queue", nil, nil, env)
	if s, _ := knownString(got["region"]); s != "us-east-1" {
		t.Errorf("6.x plan with AWS_REGION: region = %v, want us-east-1", got["region"])
	}
	aws5 := awsProviderVersion(awsVersion5)
	got = plannedEnv(t, aws5, "aws_s3_bucket", nil, map[string]tftypes.Value{"bucket": stringVal("b")}, env)
	if got["region"].IsKnown() {
		t.Errorf("5.x plan: bucket region = %v, want unknown until apply", got["region"])
	}
	r := &genericResource{spec: aws5, typeName: "aws_s3_bucket",
		cfg: &providerConfig{spec: aws5, raw: configBlock(t, aws5, nil, nil), getenv: mapEnv(env)}}
	typ := resourceSchema(r.typ()).Type().TerraformType(context.Background())
	state := objectAttrs(r.complete(tftypes.NewValue(typ, got)))
	if s, _ := knownString(state["region"]); s != "us-east-1" {
		t.Errorf("5.x apply: bucket region = %v, want us-east-1", state["region"])
	}
	if aws5.mustResource("aws_sqs_queue").has("region") {
		t.Error("5.x aws_sqs_queue has a region attribute: 5.x has none")
	}
}

// Provider processes append to the landing file at once: every line must
// come out whole.
func TestRecordLandingConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "landing.jsonl")
	aws := awsProvider()
	block := configBlock(t, aws, map[string]tftypes.Value{"region": stringVal("eu-west-3")}, nil)
	rt, _ := aws.resource("aws_sqs_queue")
	typ := resourceSchema(rt).Type().TerraformType(context.Background())
	const n = 200
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &genericResource{spec: aws, typeName: "aws_sqs_queue",
				cfg: &providerConfig{spec: aws, raw: block, getenv: mapEnv(map[string]string{landingEnv: path})}}
			state := objectOf(t, typ, map[string]tftypes.Value{"id": stringVal(fmt.Sprintf("q-%d", i)), "region": stringVal("eu-west-3")})
			if err := r.recordLanding(state); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	ids := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l landing
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if l.Provider != "hashicorp/aws" || l.Type != "aws_sqs_queue" || l.Region != "eu-west-3" {
			t.Errorf("line %q", sc.Text())
		}
		ids[l.ID] = true
	}
	if len(ids) != n {
		t.Errorf("%d distinct ids in the landing file, want %d", len(ids), n)
	}
}

// TestRandomIDApplied: a random_id gets fresh bytes on every create, as
// the real provider's, so that two instances of one configuration name
// their buckets differently; the prefix is kept and the id has none.
func TestRandomIDApplied(t *testing.T) {
	draw := func() map[string]tftypes.Value {
		m := map[string]tftypes.Value{"byte_length": tftypes.NewValue(tftypes.Number, 4), "prefix": stringVal("x-")}
		for _, a := range []string{"id", "hex", "b64_url", "b64_std", "dec"} {
			m[a] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
		}
		randomApplied(nil, m)
		return m
	}
	a, b := draw(), draw()
	ha, _ := knownString(a["hex"])
	hb, _ := knownString(b["hex"])
	if len(ha) != len("x-")+8 || !strings.HasPrefix(ha, "x-") {
		t.Fatalf("hex = %q, want x- and 8 hex digits", ha)
	}
	if ha == hb {
		t.Errorf("two creates drew the same bytes: %q", ha)
	}
	if id, _ := knownString(a["id"]); id == "" || strings.HasPrefix(id, "x-") {
		t.Errorf("id = %q, want the bytes in base64 without the prefix", id)
	}
}
