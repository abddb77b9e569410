package testplan

import (
	"fmt"
	"strings"
)

// Helpers the resource templates share.

const (
	awsAccount   = "412345678901"
	tenantID     = "7b0c6a1e-3f52-4d8e-9a41-0c2f5e8d9b17"
	subscription = "5d2e8f10-6a4b-4c3d-8e9f-1a2b3c4d5e6f"
	gcpProject   = "acme-prod-4821"
	s3nsProject  = "s3ns:acme-sensitive-7310"
)

// name returns the instance's name with a prefix and a separator, bounded
// to the length cloud APIs accept.
func (c *ictx) name(prefix string) string {
	n := prefix + c.stem
	if len(n) > 60 {
		n = n[:60]
	}
	return n
}

// compact is the name without separators (storage accounts, key vaults).
func (c *ictx) compact(prefix string, max int) string {
	n := prefix + strings.ReplaceAll(c.stem, "-", "")
	if len(n) > max {
		n = n[:max]
	}
	return n
}

func (c *ictx) arn(service, resource string) string {
	return "arn:aws:" + service + ":" + c.awsProv().region + ":" + awsAccount + ":" + resource
}

func (c *ictx) globalArn(service, resource string) string {
	return "arn:aws:" + service + "::" + awsAccount + ":" + resource
}

// awsID is an EC2-style identifier: vpc-0a1b2c….
func (c *ictx) awsID(prefix string) string { return prefix + "-0" + c.r.hex(16) }

// cidr is a private network of the module, /16 per module.
func (c *ictx) cidr(sub int) string {
	n := int(c.m.num % 250)
	if sub < 0 {
		return fmt.Sprintf("10.%d.0.0/16", n)
	}
	return fmt.Sprintf("10.%d.%d.0/24", n, sub)
}

// resourceTags are the tags a resource's configuration sets.
func (c *ictx) resourceTags() obj {
	team, _, _ := strings.Cut(c.m.svc.name, "_")
	t := o("team", team)
	if c.level != "" {
		t = t.with("data_sensitivity", c.level)
	}
	if n := c.m.svc.extraTags; n > 0 {
		for k := range n {
			t = append(t, field{fmt.Sprintf("%s_%d", extraTagKeys[k%len(extraTagKeys)], k/len(extraTagKeys)), extraTagValue(c, k)})
		}
		t = t.sorted()
	}
	return t
}

var extraTagKeys = []string{"cost_center", "owner", "business_unit", "compliance", "backup", "runbook", "ticket", "app_id"}

// extraTagValue is the value of a resource's extra tag k, the same for
// every instance of a block, as real tag maps mostly are.
func extraTagValue(c *ictx, k int) string {
	typ, name := "data", "data"
	if c.b != nil {
		typ, name = c.b.typ, c.b.name
	}
	switch k % len(extraTagKeys) {
	case 0:
		return fmt.Sprintf("CC-%04d", (len(name)*131+k)%10000)
	case 1:
		return "team-" + c.m.svc.name + "@acme.example"
	case 2:
		return "digital-platforms"
	case 3:
		return pick(&rng{uint64(k)}, "gdpr", "pci-dss", "hds", "none")
	case 4:
		return "daily-35d"
	case 5:
		return "https://runbooks.acme.example/" + typ
	case 6:
		return fmt.Sprintf("CHG-%06d", k*7919)
	}
	return fmt.Sprintf("APP-%04d", k*97%10000)
}

// awsTagged adds tags and tags_all (the provider's default_tags merged
// under the resource's tags).
func (c *ictx) awsTagged(v obj) obj {
	tags := c.resourceTags()
	all := tags
	for _, f := range c.awsProv().tags {
		if _, ok := tags.get(f.k); !ok {
			all = all.with(f.k, f.v)
		}
	}
	return append(v, field{"tags", tags}, field{"tags_all", all}).sorted()
}

// azureTagged adds tags.
func (c *ictx) azureTagged(v obj) obj {
	t := c.resourceTags()
	return append(v, field{"tags", t}).sorted()
}

// gcpLabelled adds labels, and the effective and terraform labels that
// include the provider's goog-terraform-provisioned label.
func (c *ictx) gcpLabelled(v obj) obj {
	team, _, _ := strings.Cut(c.m.svc.name, "_")
	l := o("team", team)
	if c.level != "" {
		l = l.with("data_sensitivity", strings.ToLower(c.level))
	}
	eff := l.with("goog-terraform-provisioned", "true")
	return append(v, field{"labels", l}, field{"effective_labels", eff}, field{"terraform_labels", eff}).sorted()
}

// Configuration helpers.

// tagsExpr is `tags = merge(local.tags, { Name = … })`.
func tagsExpr() expr { return refs("local.tags", "var.name") }

// ref returns the references Terraform records for an attribute of a
// resource of the same module: the most specific first.
func ref(resource, attr string) expr {
	return refs(resource+"."+attr, resource)
}

// eachRef refers to the instance of a for_each resource with the same key.
func eachRef(resource string) expr { return refs(resource, "each.key") }

// countRef refers to the instance of a counted resource with the same index.
func countRef(resource string) expr { return refs(resource, "count.index") }

func (c *cctx) name() expr { return refs("var.name") }
