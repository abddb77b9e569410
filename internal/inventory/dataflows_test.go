package inventory

import "testing"

func TestRegionIn(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"arn:aws:backup:us-east-1:123456789012:backup-vault:dr", "us-east-1", true},
		{"arn:aws:s3:::replica-bucket", "", false},
		{"arn:aws:iam::123456789012:role/r", "", false},
		{"projects/p/regions/europe-west9/subnetworks/s", "europe-west9", true},
		{"projects/p/locations/eu/keyRings/k", "eu", true},
		{"https://www.googleapis.com/compute/v1/projects/p/zones/us-central1-a/instances/i", "us-central1-a", true},
		{"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/x", "", false},
		{"my-bucket", "", false},
	}
	for _, tt := range tests {
		got, ok := regionIn(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("regionIn(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestNotData: the attributes that authorise, encrypt or certify a flow are
// not where its data goes; the destinations are.
func TestNotData(t *testing.T) {
	for path, want := range map[string]bool{
		"role": true, "logging_role": true, "replica[].kms_key_arn": true,
		"rule[].destination[].encryption_configuration[].replica_kms_key_id": true,
		"viewer_certificate[].acm_certificate_arn":                           true,
		"rule[].destination[].bucket":                                        false,
		"primary_key_arn":                                                    false,
		"replica[].region_name":                                              false,
		"source_role_name":                                                   false,
	} {
		if got := notData.MatchString(path); got != want {
			t.Errorf("notData(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestGenericZone(t *testing.T) {
	for zone, region := range map[string]string{"ru-central1-a": "ru-central1", "us-east-1a": "us-east-1", "cn-beijing-b": ""} {
		m := genericZone.FindStringSubmatch(zone)
		got := ""
		if m != nil {
			got = m[1]
		}
		if got != region {
			t.Errorf("%s → %q, want %q", zone, got, region)
		}
	}
}

func TestInstanceKey(t *testing.T) {
	for addr, want := range map[string]string{
		`aws_s3_bucket.b`:                         "",
		`aws_s3_bucket.b[0]`:                      "cty.NumberIntVal(0)",
		`aws_s3_bucket.b["us.east"]`:              `cty.StringVal("us.east")`,
		`module.m["eu"].aws_s3_bucket.b["us"]`:    `cty.StringVal("us")`,
		`module.m["eu"].aws_s3_bucket.b`:          "",
		`data.aws_s3_bucket.b["x"]`:               `cty.StringVal("x")`,
		`module.m[1].module.n.aws_s3_bucket.b[2]`: "cty.NumberIntVal(2)",
	} {
		if got := instanceKey(addr); got != want {
			t.Errorf("instanceKey(%s) = %q, want %q", addr, got, want)
		}
	}
}
