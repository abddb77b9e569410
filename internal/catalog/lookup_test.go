package catalog

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// regionWant is what a region lookup is checked against.
type regionWant struct {
	Operator  string
	Code      string
	Kind      string
	Zone      string
	Country   string
	Countries []string
	EU        bool
	EEA       bool
	Qualified bool
	// Exposure is the operator's extraterritorial exposure (nil: unknown).
	Exposure *bool
}

func gotRegion(info *RegionInfo) regionWant {
	kind := info.Region.Kind
	if kind == "" {
		kind = KindRegion
	}
	return regionWant{
		Operator: info.Operator.ID, Code: info.Region.Code, Kind: kind, Zone: info.Zone,
		Country: info.Region.Country, Countries: info.Region.Countries,
		EU: info.EU, EEA: info.EEA, Qualified: info.Qualified,
		Exposure: info.Operator.ExtraterritorialExposure,
	}
}

func TestRegionOf(t *testing.T) {
	c := defaultCatalogT(t)
	yes, no := ptr(true), ptr(false)
	fr := func(op, code, zone string, qualified bool, exposure *bool) regionWant {
		return regionWant{Operator: op, Code: code, Kind: KindRegion, Zone: zone, Country: "FR", EU: true, EEA: true, Qualified: qualified, Exposure: exposure}
	}
	googleEU := regionWant{Operator: "google", Code: "EU", Kind: KindMultiRegion,
		Countries: []string{"BE", "DE", "ES", "FI", "FR", "IT", "NL", "PL", "SE"}, EU: true, EEA: true, Exposure: yes}
	westEurope := regionWant{Operator: "azure", Code: "westeurope", Kind: KindRegion, Country: "NL", EU: true, EEA: true, Exposure: yes}
	awsParis := fr("aws", "eu-west-3", "", false, yes)

	tests := []struct {
		provider string
		region   string
		want     regionWant
	}{
		{"outscale/outscale", "cloudgouv-eu-west-1", fr("outscale", "cloudgouv-eu-west-1", "", false, no)},
		{"outscale/outscale", "cloudgouv-eu-west-1a", fr("outscale", "cloudgouv-eu-west-1", "cloudgouv-eu-west-1a", false, no)},
		{"outscale/outscale", "eu-west-2", fr("outscale", "eu-west-2", "", false, no)},

		{"hashicorp/aws", "eu-west-3", awsParis},
		{"hashicorp/aws", "eu-west-3a", fr("aws", "eu-west-3", "eu-west-3a", false, yes)},
		{"hashicorp/aws", "us-east-1-bos-1a", regionWant{Operator: "aws", Code: "us-east-1", Kind: KindRegion, Zone: "us-east-1-bos-1a", Country: "US", Exposure: yes}},
		{"hashicorp/aws", "eusc-de-east-1", regionWant{Operator: "aws", Code: "eusc-de-east-1", Kind: KindRegion, Country: "DE", EU: true, EEA: true, Exposure: yes}},
		{"hashicorp/aws", "eu-central-2", regionWant{Operator: "aws", Code: "eu-central-2", Kind: KindRegion, Country: "CH", Exposure: yes}},
		{"registry.terraform.io/hashicorp/aws", "eu-west-3", awsParis},
		{"registry.opentofu.org/hashicorp/aws", "eu-west-3", awsParis},
		{"aws", "eu-west-3", awsParis},
		{"hashicorp/awscc", "eu-west-3b", fr("aws", "eu-west-3", "eu-west-3b", false, yes)},

		{"hashicorp/google", "u-france-east1", fr("s3ns", "u-france-east1", "", true, no)},
		{"hashicorp/google", "u-france-east1-b", fr("s3ns", "u-france-east1", "u-france-east1-b", true, no)},
		{"hashicorp/google", "europe-west9", fr("google", "europe-west9", "", false, yes)},
		{"hashicorp/google", "europe-west9-b", fr("google", "europe-west9", "europe-west9-b", false, yes)},
		{"hashicorp/google", "projects/p/zones/us-central1-a", regionWant{Operator: "google", Code: "us-central1", Kind: KindRegion, Zone: "us-central1-a", Country: "US", Exposure: yes}},
		{"hashicorp/google", "projects/p/regions/europe-west1", regionWant{Operator: "google", Code: "europe-west1", Kind: KindRegion, Country: "BE", EU: true, EEA: true, Exposure: yes}},
		{"hashicorp/google", "https://www.googleapis.com/compute/v1/projects/p/zones/europe-west9-a", fr("google", "europe-west9", "europe-west9-a", false, yes)},
		{"hashicorp/google", "EU", googleEU},
		{"hashicorp/google", "eu", googleEU},
		{"hashicorp/google", "US", regionWant{Operator: "google", Code: "US", Kind: KindMultiRegion, Countries: []string{"US"}, Exposure: yes}},
		{"hashicorp/google-beta", "europe-west9-c", fr("google", "europe-west9", "europe-west9-c", false, yes)},

		{"hashicorp/azurerm", "West Europe", westEurope},
		{"hashicorp/azurerm", "westeurope", westEurope},
		{"hashicorp/azurerm", "WestEurope", westEurope},
		{"hashicorp/azurerm", "  west   europe ", westEurope},
		{"hashicorp/azurerm", "France Central", fr("azure", "francecentral", "", false, yes)},
		{"hashicorp/azurerm", "norwayeast", regionWant{Operator: "azure", Code: "norwayeast", Kind: KindRegion, Country: "NO", EEA: true, Exposure: yes}},

		{"scaleway/scaleway", "fr-par-2", fr("scaleway", "fr-par", "fr-par-2", false, no)},

		{"ovh/ovh", "GRA11", fr("ovhcloud", "GRA11", "", false, no)},
		{"ovh/ovh", "EU-WEST-PAR-A", fr("ovhcloud", "EU-WEST-PAR", "EU-WEST-PAR-A", false, no)},
		{"ovh/ovh", "gra7", fr("ovhcloud", "GRA7", "", false, no)},
		{"ovh/ovh", "GRA13", fr("ovhcloud", "GRA", "GRA13", false, no)},
		{"terraform-provider-openstack/openstack", "GRA9", fr("ovhcloud", "GRA9", "", false, no)},

		{"hetznercloud/hcloud", "fsn1-dc14", regionWant{Operator: "hetzner", Code: "fsn1", Kind: KindRegion, Zone: "fsn1-dc14", Country: "DE", EU: true, EEA: true, Exposure: no}},
		{"hetznercloud/hcloud", "eu-central", regionWant{Operator: "hetzner", Code: "eu-central", Kind: KindMultiRegion, Countries: []string{"DE", "FI"}, EU: true, EEA: true, Exposure: no}},
		{"hetznercloud/hcloud", "ash", regionWant{Operator: "hetzner-us", Code: "ash", Kind: KindRegion, Country: "US", Exposure: yes}},

		{"stackitcloud/stackit", "eu01-2", regionWant{Operator: "stackit", Code: "eu01", Kind: KindRegion, Zone: "eu01-2", Country: "DE", EU: true, EEA: true, Exposure: no}},
		{"Cloud-Temple/cloudtemple", "AZ06", fr("cloudtemple", "FR1", "AZ06", true, no)},
		{"cloud-temple/cloudtemple", "fr1", fr("cloudtemple", "FR1", "", true, no)},
		{"numspot/numspot", "cloudgouv-eu-west-1", fr("numspot", "cloudgouv-eu-west-1", "", true, no)},
		{"numspot/numspot", "cloudgouv-eu-west-1b", fr("numspot", "cloudgouv-eu-west-1", "cloudgouv-eu-west-1b", true, no)},
		{"exoscale/exoscale", "ch-gva-2", regionWant{Operator: "exoscale", Code: "ch-gva-2", Kind: KindRegion, Country: "CH"}},
		{"ionos-cloud/ionoscloud", "de/fra", regionWant{Operator: "ionos", Code: "de/fra", Kind: KindRegion, Country: "DE", EU: true, EEA: true, Exposure: no}},
	}
	for _, tt := range tests {
		t.Run(tt.provider+"/"+tt.region, func(t *testing.T) {
			info, err := c.RegionOf(tt.provider, tt.region)
			if err != nil {
				t.Fatalf("RegionOf(%q, %q): %v", tt.provider, tt.region, err)
			}
			if info.Region.IsMulti() != (tt.want.Kind == KindMultiRegion) {
				t.Errorf("IsMulti() = %v for kind %q", info.Region.IsMulti(), tt.want.Kind)
			}
			if diff := cmp.Diff(tt.want, gotRegion(info)); diff != "" {
				t.Errorf("RegionOf(%q, %q) (-want +got):\n%s", tt.provider, tt.region, diff)
			}
			if info.Qualified != c.RegionQualified(info.Region) {
				t.Errorf("RegionInfo.Qualified = %v but RegionQualified = %v", info.Qualified, c.RegionQualified(info.Region))
			}
			if diff := cmp.Diff(offerIDs(c.OffersCovering(info.Region)), offerIDs(info.Offers)); diff != "" {
				t.Errorf("Offers differ from OffersCovering (-covering +info):\n%s", diff)
			}
		})
	}
}

func TestRegionOfErrors(t *testing.T) {
	c := defaultCatalogT(t)
	tests := []struct {
		name      string
		provider  string
		region    string
		wantWhat  string // of a *NotFoundError; empty for another error
		wantFirst string // first of Known
		wantMsg   string
	}{
		{"unknown region", "hashicorp/aws", "eu-west-33", "region", "eu-west-3", `unknown region "eu-west-33" for provider "hashicorp/aws"; known (closest first): eu-west-3, `},
		{"unknown provider", "hashicorp/awz", "eu-west-3", "terraform provider", "hashicorp/aws", `unknown terraform provider "hashicorp/awz"; known (closest first): hashicorp/aws, `},
		{"misspelt bare type", "openstac", "GRA9", "terraform provider", "", `unknown terraform provider "openstac"`},
		{"empty provider", "", "eu-west-3", "terraform provider", "", `unknown terraform provider ""`},
		{"zone of another operator", "outscale/outscale", "u-france-east1-b", "region", "", `unknown region "u-france-east1-b" for provider "outscale/outscale"`},
		{"S3NS region is not Google's only provider", "hashicorp/aws", "u-france-east1", "region", "", `unknown region "u-france-east1"`},
		{"not-located provider", "hashicorp/random", "eu-west-3", "", "", `the resources of provider "hashicorp/random" have no location`},
		{"google global", "hashicorp/google", "global", "", "", `"global" is not a region of provider "hashicorp/google": it means a global, non-regional location`},
		{"azure global", "hashicorp/azurerm", "Global", "", "", `"Global" is not a region of provider "hashicorp/azurerm"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := c.RegionOf(tt.provider, tt.region)
			if err == nil {
				t.Fatalf("RegionOf(%q, %q) = %s/%s, want an error", tt.provider, tt.region, info.Operator.ID, info.Region.Code)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not contain %q", err, tt.wantMsg)
			}
			var nf *NotFoundError
			isNF := errors.As(err, &nf)
			if isNF != (tt.wantWhat != "") || IsNotFound(err) != isNF {
				t.Fatalf("error %v: NotFoundError = %v, want %v", err, isNF, tt.wantWhat != "")
			}
			if !isNF {
				return
			}
			wantName := tt.region
			if tt.wantWhat == "terraform provider" {
				wantName = tt.provider
			}
			if nf.What != tt.wantWhat || nf.Name != wantName {
				t.Errorf("NotFoundError What, Name = %q, %q; want %q, %q", nf.What, nf.Name, tt.wantWhat, wantName)
			}
			if len(nf.Known) == 0 {
				t.Fatal("NotFoundError.Known is empty")
			}
			if tt.wantFirst != "" && nf.Known[0] != tt.wantFirst {
				t.Errorf("Known starts with %q, want %q (Known: %v)", nf.Known[0], tt.wantFirst, nf.Known[:min(5, len(nf.Known))])
			}
		})
	}
}

// TestRegionOfKnownScope: the regions listed for an unknown region are
// those of the provider's operators, and all of them.
func TestRegionOfKnownScope(t *testing.T) {
	c := defaultCatalogT(t)
	_, err := c.RegionOf("hashicorp/google", "mars-north1")
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("error = %v, want a NotFoundError", err)
	}
	p, _ := c.Provider("hashicorp/google")
	if len(nf.Known) != len(c.RegionsOf(p)) {
		t.Errorf("Known has %d regions, want %d (S3NS and Google)", len(nf.Known), len(c.RegionsOf(p)))
	}
	for _, want := range []string{"u-france-east1", "europe-west9", "EU"} {
		found := false
		for _, k := range nf.Known {
			found = found || k == want
		}
		if !found {
			t.Errorf("Known lacks %q", want)
		}
	}
	for _, k := range nf.Known {
		if k == "eu-west-3" {
			t.Error("Known lists an AWS region for the Google provider")
		}
	}
}

func TestNormalizeSource(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hashicorp/aws", "hashicorp/aws"},
		{"registry.terraform.io/hashicorp/aws", "hashicorp/aws"},
		{"registry.opentofu.org/hashicorp/aws", "hashicorp/aws"},
		{"  Registry.Terraform.io/HashiCorp/AWS ", "hashicorp/aws"},
		{"Cloud-Temple/cloudtemple", "cloud-temple/cloudtemple"},
		{"aws", "aws"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeSource(tt.in); got != tt.want {
			t.Errorf("NormalizeSource(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestProvider(t *testing.T) {
	c := defaultCatalogT(t)
	tests := []struct{ in, want string }{
		{"hashicorp/aws", "hashicorp/aws"},
		{"registry.terraform.io/hashicorp/aws", "hashicorp/aws"},
		{"aws", "hashicorp/aws"},
		{"awscc", "hashicorp/awscc"},
		{"google-beta", "hashicorp/google-beta"},
		{"openstack", "terraform-provider-openstack/openstack"},
		{"Cloud-Temple/CloudTemple", "Cloud-Temple/cloudtemple"},
		{"registry.terraform.io/builtin/terraform", "builtin/terraform"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := c.Provider(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if p.Source != tt.want {
				t.Errorf("Provider(%q).Source = %q, want %q", tt.in, p.Source, tt.want)
			}
		})
	}

	// A bare type that two providers share names neither.
	amb := minimalCatalog(t, edit{"$.terraform_providers[+]", raw(`{"source": "other/acme", "operators": [{"operator": "acme"}], "source_ids": ["s1"]}`)})
	if p, err := amb.Provider("acme"); !IsNotFound(err) {
		t.Errorf("Provider(acme) with acme/acme and other/acme = %v, %v; want a NotFoundError", p, err)
	}
	if p, err := amb.Provider("registry.terraform.io/other/acme"); err != nil || p.Source != "other/acme" {
		t.Errorf("Provider(other/acme) = %v, %v", p, err)
	}
}

func TestResolveOperator(t *testing.T) {
	c := defaultCatalogT(t)
	tests := []struct {
		name     string
		provider string
		attrs    map[string]string
		want     string // operator id; empty for none
	}{
		{"google with the S3NS universe", "hashicorp/google", map[string]string{"universe_domain": "s3nsapis.fr"}, "s3ns"},
		{"google-beta with the S3NS universe, other case and spaces", "hashicorp/google-beta", map[string]string{"universe_domain": " S3NSAPIS.FR "}, "s3ns"},
		{"google without universe_domain", "hashicorp/google", nil, "google"},
		{"google with the Google universe", "hashicorp/google", map[string]string{"universe_domain": "googleapis.com"}, "google"},
		{"openstack with OVHcloud's Keystone", "terraform-provider-openstack/openstack", map[string]string{"auth_url": "https://auth.cloud.ovh.net/v3"}, "ovhcloud"},
		{"openstack with OVHcloud Canada's Keystone", "terraform-provider-openstack/openstack", map[string]string{"auth_url": "https://auth.cloud.ovh.ca/v3/"}, "ovhcloud"},
		{"openstack with another cloud", "terraform-provider-openstack/openstack", map[string]string{"auth_url": "https://keystone.example.com/v3"}, ""},
		{"openstack with a look-alike host", "terraform-provider-openstack/openstack", map[string]string{"auth_url": "https://auth.cloud.ovh.net.example.com/v3"}, ""},
		{"openstack without auth_url", "terraform-provider-openstack/openstack", nil, ""},
		{"aws", "hashicorp/aws", nil, "aws"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Provider(tt.provider)
			if err != nil {
				t.Fatal(err)
			}
			op, rule := c.ResolveOperator(p, func(a string) (string, bool) {
				v, ok := tt.attrs[a]
				return v, ok
			})
			got := ""
			if op != nil {
				got = op.ID
				if rule == nil || rule.Operator != op.ID {
					t.Errorf("rule = %+v, want the rule of operator %q", rule, op.ID)
				}
			} else if rule != nil {
				t.Errorf("no operator but rule = %+v", rule)
			}
			if got != tt.want {
				t.Errorf("ResolveOperator = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNonRegional(t *testing.T) {
	c := defaultCatalogT(t)
	tests := []struct {
		provider string
		typ      string
		want     bool
	}{
		{"hashicorp/aws", "aws_iam_role", true},
		{"hashicorp/aws", "aws_route53_zone", true},
		{"hashicorp/aws", "aws_route53_resolver_endpoint", false},
		{"hashicorp/aws", "aws_route53domains_registered_domain", true},
		{"hashicorp/aws", "aws_instance", false},
		{"hashicorp/aws", "aws_s3_bucket", false},
		{"hashicorp/azuread", "azuread_group", true},
		{"hashicorp/azuread", "azuread_application", true},
		{"hashicorp/azurerm", "azurerm_dns_zone", true},
		{"hashicorp/azurerm", "azurerm_resource_group", false},
		{"hashicorp/google", "google_compute_network", true},
		{"hashicorp/google", "google_project_iam_member", true},
		{"hashicorp/google", "google_compute_subnetwork", false},
		{"outscale/outscale", "outscale_vm", false},
	}
	for _, tt := range tests {
		t.Run(tt.provider+"/"+tt.typ, func(t *testing.T) {
			p, err := c.Provider(tt.provider)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.NonRegional(tt.typ); got != tt.want {
				t.Errorf("NonRegional(%q) = %v, want %v", tt.typ, got, tt.want)
			}
		})
	}
}

func findAttribute(t *testing.T, list []Attribute, path string) Attribute {
	t.Helper()
	for _, a := range list {
		if a.Path == path {
			return a
		}
	}
	t.Fatalf("no attribute %q", path)
	return Attribute{}
}

func TestExtract(t *testing.T) {
	c := defaultCatalogT(t)
	outscale, err := c.Provider("outscale/outscale")
	if err != nil {
		t.Fatal(err)
	}
	numspot, err := c.Provider("numspot/numspot")
	if err != nil {
		t.Fatal(err)
	}
	hcloud, err := c.Provider("hetznercloud/hcloud")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := findAttribute(t, outscale.ProviderAttributes, "api.endpoint")
	tests := []struct {
		name   string
		p      *Provider
		a      Attribute
		value  string
		want   string
		wantOK bool
	}{
		{"outscale endpoint", outscale, endpoint, "https://api.cloudgouv-eu-west-1.outscale.com/api/v1", "cloudgouv-eu-west-1", true},
		{"outscale endpoint, other host", outscale, endpoint, "https://api.example.com", "", false},
		{"attribute without pattern", outscale, findAttribute(t, outscale.ProviderAttributes, "api.region"), "eu-west-2", "eu-west-2", true},
		{"numspot host", numspot, findAttribute(t, numspot.ProviderAttributes, "numspot_host"), "https://api.eu-west-2.numspot.com", "eu-west-2", true},
		{"hetzner datacenter", hcloud, findAttribute(t, hcloud.ResourceAttributes, "datacenter"), "nbg1-dc3", "nbg1", true},
		{"hetzner datacenter, not a datacenter name", hcloud, findAttribute(t, hcloud.ResourceAttributes, "datacenter"), "nbg1", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := c.Extract(tt.p, tt.a, tt.value)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Extract(%q) = %q, %v; want %q, %v", tt.value, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestAppliesTo(t *testing.T) {
	c := defaultCatalogT(t)
	aws, err := c.Provider("hashicorp/aws")
	if err != nil {
		t.Fatal(err)
	}
	replica := Attribute{Path: "replica[].region_name", Role: RoleReplica, Types: []string{"aws_dynamodb_table"}}
	tests := []struct {
		name string
		a    Attribute
		typ  string
		want bool
	}{
		{"replica of a DynamoDB table", replica, "aws_dynamodb_table", true},
		{"replica attribute on another type", replica, "aws_s3_bucket", false},
		{"attribute without types", findAttribute(t, aws.ResourceAttributes, "region"), "aws_s3_bucket", true},
		{"glob", Attribute{Path: "region", Types: []string{"outscale_oks_*"}}, "outscale_oks_cluster", true},
		{"glob, other type", Attribute{Path: "region", Types: []string{"outscale_oks_*"}}, "outscale_vm", false},
		{"several types", Attribute{Path: "x", Types: []string{"a_*", "b_thing"}}, "b_thing", true},
		{"exclusion only", Attribute{Path: "x", Types: []string{"!numspot_bucket"}}, "numspot_vpc", true},
		{"exclusion only, excluded type", Attribute{Path: "x", Types: []string{"!numspot_bucket"}}, "numspot_bucket", false},
		{"exclusion after a glob", Attribute{Path: "x", Types: []string{"a_*", "!a_iam_*"}}, "a_iam_role", false},
		{"exclusion after a glob, other type", Attribute{Path: "x", Types: []string{"a_*", "!a_iam_*"}}, "a_vm", true},
		{"exclusion after a glob, unmatched type", Attribute{Path: "x", Types: []string{"a_*", "!a_iam_*"}}, "b_vm", false},
		{"the last match decides", Attribute{Path: "x", Types: []string{"!a_*", "a_vm"}}, "a_vm", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.AppliesTo(tt.typ); got != tt.want {
				t.Errorf("AppliesTo(%q) = %v, want %v", tt.typ, got, tt.want)
			}
		})
	}
}

func TestLocate(t *testing.T) {
	c := defaultCatalogT(t)
	tests := []struct {
		name      string
		provider  string
		operators []string
		value     string
		wantOK    bool
		want      string // operator/code, or "global"
		wantZone  string
		wantVia   string
	}{
		{"S3NS global is its region", "hashicorp/google", []string{"s3ns"}, "global", true, "s3ns/u-france-east1", "", "alias"},
		{"Google global", "hashicorp/google", []string{"google"}, "global", true, "global", "", "global location"},
		{"Google global, no operator given", "hashicorp/google", nil, "global", true, "global", "", "global location"},
		{"S3NS region not Google's", "hashicorp/google", []string{"google"}, "u-france-east1", false, "", "", ""},
		{"Google region not S3NS's", "hashicorp/google", []string{"s3ns"}, "europe-west9", false, "", "", ""},
		{"display name", "hashicorp/azurerm", nil, "France Central", true, "azure/francecentral", "", "region code"},
		{"region code", "hashicorp/aws", nil, "eu-west-3", true, "aws/eu-west-3", "", "region code"},
		{"multi-region alias", "hashicorp/google", []string{"google"}, "europe", true, "google/EU", "", "alias"},
		{"listed zone", "scaleway/scaleway", nil, "fr-par-3", true, "scaleway/fr-par", "fr-par-3", "zone"},
		{"rewritten zone", "hashicorp/google", []string{"google"}, "europe-west9-b", true, "google/europe-west9", "europe-west9-b", `"europe-west9-b" read as "europe-west9", region code`},
		{"path, then zone", "hashicorp/google", nil, "projects/p/zones/europe-west1-d", true, "google/europe-west1", "europe-west1-d",
			`"projects/p/zones/europe-west1-d" read as "europe-west1-d", "europe-west1-d" read as "europe-west1", region code`},
		{"rewrite to nothing known", "hashicorp/aws", nil, "eu-west-9a", false, "", "", ""},
		{"empty value", "hashicorp/aws", nil, "", false, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Provider(tt.provider)
			if err != nil {
				t.Fatal(err)
			}
			m, ok := c.Locate(p, tt.operators, tt.value)
			if ok != tt.wantOK {
				t.Fatalf("Locate(%q) ok = %v, want %v (match %+v)", tt.value, ok, tt.wantOK, m)
			}
			if m.Input != tt.value {
				t.Errorf("Input = %q, want %q", m.Input, tt.value)
			}
			if !ok {
				return
			}
			got := "global"
			if !m.Global {
				got = m.Region.Operator + "/" + m.Region.Code
			} else if m.Region != nil {
				t.Errorf("global match has region %v", m.Region.Code)
			}
			if diff := cmp.Diff([]string{tt.want, tt.wantZone, tt.wantVia}, []string{got, m.Zone, m.Via}); diff != "" {
				t.Errorf("region, zone, via (-want +got):\n%s", diff)
			}
		})
	}
}

func TestProvidersOfAndRegionsOf(t *testing.T) {
	c := defaultCatalogT(t)
	tests := []struct {
		operator string
		want     []string
	}{
		{"s3ns", []string{"hashicorp/google", "hashicorp/google-beta"}},
		{"aws", []string{"hashicorp/aws", "hashicorp/awscc"}},
		{"ovhcloud", []string{"ovh/ovh", "terraform-provider-openstack/openstack"}},
		{"bleu", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, c.ProvidersOf(tt.operator)); diff != "" {
			t.Errorf("ProvidersOf(%q) (-want +got):\n%s", tt.operator, diff)
		}
	}
	p, err := c.Provider("hashicorp/google")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"s3ns", "google"}, p.OperatorIDs()); diff != "" {
		t.Errorf("OperatorIDs (-want +got):\n%s", diff)
	}
	regions := c.RegionsOf(p)
	if len(regions) == 0 || regions[0].Operator != "s3ns" {
		t.Fatalf("RegionsOf(google) does not start with S3NS's region: %d regions", len(regions))
	}
	for _, r := range regions[1:] {
		if r.Operator != "google" {
			t.Errorf("RegionsOf(google) lists %s/%s", r.Operator, r.Code)
		}
	}
}

// TestNormalizeSourceSplitFree: NormalizeSource, written without
// splitting, gives what splitting at slashes, keeping the last two parts
// trimmed and joining them gives.
func TestNormalizeSourceSplitFree(t *testing.T) {
	byParts := func(source string) string {
		parts := strings.Split(strings.ToLower(source), "/")
		if len(parts) > 2 {
			parts = parts[len(parts)-2:]
		}
		for i, p := range parts {
			parts[i] = strings.TrimSpace(p)
		}
		return strings.Join(parts, "/")
	}
	for _, s := range []string{"", "aws", " aws ", "hashicorp/aws", "Hashicorp/AWS", "registry.terraform.io/hashicorp/aws",
		"registry.opentofu.org/ hashicorp / aws ", "a/b/c/d", "/", "//", "a/", "/b", " / ", "x.example/ns/ty pe"} {
		if got, want := NormalizeSource(s), byParts(s); got != want {
			t.Errorf("NormalizeSource(%q) = %q, want %q", s, got, want)
		}
	}
}
