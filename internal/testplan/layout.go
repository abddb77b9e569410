package testplan

import (
	"fmt"
	"slices"
	"strings"
)

// The plan's shape: a root module with a few platform resources and one
// module call per team stack ("service"), each nesting modules two or three
// levels deep. The layout holds per module instance a handful of numbers;
// resource values are derived from seeds when they are written.

const (
	rootRegion      = "eu-west-3"
	secondaryRegion = "eu-west-1"
)

var defaultTags = o("managed_by", "terraform")

// Root provider configurations, by key.
var rootProviders = map[string]prov{
	"aws":         {key: "aws", region: rootRegion, tags: defaultTags},
	"aws.dr":      {key: "aws.dr", region: secondaryRegion, tags: defaultTags},
	"aws.us":      {key: "aws.us", region: "us-east-1", tags: defaultTags},
	"google":      {key: "google", region: "europe-west9"},
	"google.us":   {key: "google.us", region: "us-central1"},
	"google.s3ns": {key: "google.s3ns", region: "u-france-east1"},
}

var awsNetworkTmpl = &moduleTmpl{
	source:    "../aws-network",
	blocks:    []*block{awsRouteTable, awsRouteTableAssociation, awsSecurityGroup, awsSubnet, awsVPC, awsVPCEndpoint},
	data:      []*dataBlock{awsRegionData},
	variables: []string{"cidr_block", "name", "tags"},
	outputs:   []output{{"private_subnet_ids", []string{"aws_subnet.private"}}, {"vpc_id", []string{"aws_vpc.this.id", "aws_vpc.this"}}},
	required:  []string{"aws"},
}

var awsBackupTmpl = &moduleTmpl{
	source:    "../aws-backup",
	blocks:    []*block{awsBackupPlan, awsBackupSelection, awsBackupVault},
	variables: []string{"backup_role_arn", "name", "resources", "tags"},
	outputs:   []output{{"vault_arn", []string{"aws_backup_vault.this.arn", "aws_backup_vault.this"}}},
	required:  []string{"aws"},
}

var awsDataTmpl = &moduleTmpl{
	source: "../aws-data",
	blocks: []*block{awsDBInstance, awsDBSubnetGroup, awsDynamoTable, randomPassword},
	calls: []*callTmpl{{name: "backup", mod: awsBackupTmpl, p: 0.7, awsAlias: "dr", exprs: func(m *modInst) obj {
		return o("backup_role_arn", refs("var.backup_role_arn"), "name", refs("var.name"), "resources", refs("aws_db_instance.this"), "tags", refs("var.tags"))
	}}},
	variables: []string{"allocated_storage", "backup_role_arn", "data_sensitivity", "instance_class", "kms_key_arn", "name", "subnet_ids", "tags"},
	outputs:   []output{{"db_endpoint", []string{"aws_db_instance.this"}}},
	required:  []string{"aws", "random"},
}

var awsServiceTmpl = &moduleTmpl{
	source: "./modules/aws-service",
	blocks: []*block{awsLogGroup, awsMetricAlarm, awsIAMRole, awsIAMAttachment, awsKMSAlias, awsKMSKey, awsLambda, awsRoute53Record, awsS3Bucket,
		awsS3PublicAccessBlock, awsS3Encryption, awsS3Versioning, awsSQSQueue, awsSSMParameter, nullDeployHook, randomID},
	data: []*dataBlock{awsPolicyDocument},
	calls: []*callTmpl{
		{name: "data", mod: awsDataTmpl, p: 0.6, exprs: func(m *modInst) obj {
			return o("allocated_storage", constant(100), "backup_role_arn", refs("var.backup_role_arn"), "instance_class", constant("db.r6g.large"),
				"kms_key_arn", ref("aws_kms_key.this", "arn"), "name", refs("var.name"), "subnet_ids", refs("module.network.private_subnet_ids", "module.network"),
				"tags", refs("local.tags"))
		}},
		{name: "network", mod: awsNetworkTmpl, p: 0.85, exprs: func(m *modInst) obj {
			return o("cidr_block", constant(fmt.Sprintf("10.%d.0.0/16", m.num%250)), "name", refs("var.name"), "tags", refs("local.tags"))
		}},
	},
	variables: []string{"artifact_hash", "backup_role_arn", "data_sensitivity", "environment", "memory_size", "name", "policy_arns", "zone_id"},
	outputs:   []output{{"bucket_arns", []string{"aws_s3_bucket.data"}}, {"role_arn", []string{"aws_iam_role.app.arn", "aws_iam_role.app"}}},
	required:  []string{"aws", "null", "random"},
}

var awsRegionalTmpl = &moduleTmpl{
	source: "./modules/aws-regional-stack",
	blocks: []*block{awsLogGroup, awsMetricAlarm, awsIAMRole, awsKMSKey, awsS3Bucket, awsS3Versioning, awsSQSQueue},
	calls: []*callTmpl{{name: "network", mod: awsNetworkTmpl, p: 0.9, exprs: func(m *modInst) obj {
		return o("cidr_block", constant(fmt.Sprintf("10.%d.0.0/16", m.num%250)), "name", refs("var.name"), "tags", refs("local.tags"))
	}}},
	variables: []string{"data_sensitivity", "environment", "name", "region"},
	outputs:   []output{{"bucket_arns", []string{"aws_s3_bucket.data"}}},
	ownAWS:    true,
	required:  []string{"aws"},
}

var awsNetworkRegionalTmpl = ownAWS(awsNetworkTmpl, "../aws-network-regional")

var awsDataRegionalTmpl = ownAWS(&moduleTmpl{
	blocks:    []*block{awsDBInstance, awsDBSubnetGroup, awsDynamoTable, randomPassword},
	variables: []string{"allocated_storage", "instance_class", "kms_key_arn", "name", "subnet_ids", "tags"},
	outputs:   []output{{"db_endpoint", []string{"aws_db_instance.this"}}},
	required:  []string{"aws", "random"},
}, "../aws-data-regional")

var awsPlatformTmpl = &moduleTmpl{
	source: "./modules/aws-platform",
	blocks: []*block{awsIAMRole, awsIAMAttachment},
	calls: []*callTmpl{
		{name: "data", mod: awsDataRegionalTmpl, p: 0.8, exprs: func(m *modInst) obj {
			return o("allocated_storage", constant(200), "instance_class", constant("db.m6g.large"), "kms_key_arn", constant(nil), "name", refs("var.name"),
				"region", refs("var.region"), "subnet_ids", refs("module.network.private_subnet_ids", "module.network"), "tags", refs("local.tags"))
		}},
		{name: "network", mod: awsNetworkRegionalTmpl, p: 1, exprs: func(m *modInst) obj {
			return o("cidr_block", constant(fmt.Sprintf("10.%d.0.0/16", m.num%250)), "name", refs("var.name"), "region", refs("var.region"), "tags", refs("local.tags"))
		}},
	},
	variables: []string{"data_sensitivity", "name", "policy_arns", "region"},
	required:  []string{"aws"},
}

var azureMonitoringTmpl = &moduleTmpl{
	source:    "../azure-monitoring",
	blocks:    []*block{azureActionGroup, azureLogAnalytics},
	variables: []string{"location", "name", "resource_group_name", "tags"},
	outputs:   []output{{"workspace_id", []string{"azurerm_log_analytics_workspace.this.id", "azurerm_log_analytics_workspace.this"}}},
	required:  []string{"azurerm"},
}

var azureServiceTmpl = &moduleTmpl{
	source: "./modules/azure-service",
	blocks: []*block{azureKeyVault, azureKeyVaultSecret, azureNSG, azurePostgres, azurePrivateDNSZone, azureResourceGroup, azureStorageAccount,
		azureSubnet, azureVirtualNetwork, randomPassword},
	data: []*dataBlock{azureClientConfig},
	calls: []*callTmpl{{name: "monitoring", mod: azureMonitoringTmpl, p: 0.7, exprs: func(m *modInst) obj {
		return o("location", ref("azurerm_resource_group.this", "location"), "name", refs("var.name"),
			"resource_group_name", ref("azurerm_resource_group.this", "name"), "tags", refs("var.tags"))
	}}},
	variables: []string{"address_space", "data_sensitivity", "location", "name", "replication", "tags"},
	outputs:   []output{{"resource_group_id", []string{"azurerm_resource_group.this.id", "azurerm_resource_group.this"}}},
	required:  []string{"azurerm", "random"},
}

var gcpDataTmpl = &moduleTmpl{
	source:    "../gcp-data",
	blocks:    []*block{gcpBigQueryDataset, gcpKMSCryptoKey, gcpKMSKeyRing},
	variables: []string{"dataset_location", "name", "region"},
	outputs:   []output{{"dataset_id", []string{"google_bigquery_dataset.this.dataset_id", "google_bigquery_dataset.this"}}},
	required:  []string{"google"},
}

var gcpServiceTmpl = &moduleTmpl{
	source: "./modules/gcp-service",
	blocks: []*block{gcpInstance, gcpNetwork, gcpSubnetwork, gcpProjectIAMMember, gcpPubSubSubscription, gcpPubSubTopic, gcpServiceAccount,
		gcpSQLInstance, gcpBucket, randomID, randomPassword},
	calls: []*callTmpl{{name: "data", mod: gcpDataTmpl, p: 0.6, exprs: func(m *modInst) obj {
		loc := constant("EU")
		if m.gcp.key != "google" {
			loc = refs("var.region")
		}
		return o("dataset_location", loc, "name", refs("var.name"), "region", refs("var.region"))
	}}},
	variables: []string{"bucket_location", "data_sensitivity", "machine_type", "name", "project", "region", "zone"},
	outputs:   []output{{"service_account", []string{"google_service_account.app.email", "google_service_account.app"}}},
	required:  []string{"google", "random"},
}

var rootTmpl = &moduleTmpl{
	blocks:    []*block{awsRootParameter, awsRoute53Zone},
	data:      []*dataBlock{awsCallerIdentity},
	variables: []string{"azure_subscription_id", "environment", "gcp_project", "region", "secondary_region"},
}

// ownAWS copies a module that configures its own aws provider.
func ownAWS(t *moduleTmpl, source string) *moduleTmpl {
	c := *t
	c.source = source
	c.ownAWS = true
	c.variables = mergeSorted(c.variables, []string{"region"})
	return &c
}

var (
	domains    = []string{"pay", "billing", "orders", "iam", "search", "catalog", "bi", "notify", "docs", "reports", "crm", "hr", "fleet", "stock", "pricing", "fraud", "loyalty", "chat", "media", "audit", "ledger", "agenda", "geo", "tax", "portal", "claims", "grants", "registry", "health", "citizen"}
	components = []string{"api", "jobs", "etl", "db", "web", "batch", "events", "sync", "edge"}
)

// variant is how a service is deployed: the module, the provider it gets
// and where its region comes from.
type variant struct {
	kind, provider, regionFrom, region string
	weight                             int
}

// variants, the first ones in order for the first services (so that small
// plans have each of them), then drawn by weight.
var variants = []variant{
	{"aws-regional", "own", "var.region", rootRegion, 5},
	{"aws", "aws.us", "", "us-east-1", 5},
	{"azure", "azurerm", "", "francecentral", 11},
	{"gcp", "google", "", "europe-west9", 11},
	{"aws", "aws", "", rootRegion, 38},
	{"aws-platform", "own", "constant", "eu-central-1", 2},
	{"azure", "azurerm", "", "eastus", 2},
	{"gcp", "google.s3ns", "", "u-france-east1", 3},
	{"aws", "aws.dr", "", secondaryRegion, 6},
	{"aws-regional", "own", "constant", "eu-central-1", 4},
	{"aws-regional", "own", "constant", "us-west-2", 2},
	{"aws-platform", "own", "var.region", rootRegion, 3},
	{"azure", "azurerm", "", "westeurope", 4},
	{"azure", "azurerm", "", "northeurope", 2},
	{"gcp", "google.us", "", "us-central1", 2},
}

var kindTemplates = map[string]*moduleTmpl{
	"aws": awsServiceTmpl, "aws-regional": awsRegionalTmpl, "aws-platform": awsPlatformTmpl, "azure": azureServiceTmpl, "gcp": gcpServiceTmpl,
}

var sensitivityLevels = []string{"sensitive", "sensitive", "restricted", "internal", "public", "sensible", "interne", "DR"}

// layout is the generated plan's structure.
type layout struct {
	seed  uint64
	shape string
	// aliases are the aws provider configurations of the root module
	// besides those of rootProviders.
	aliases  []prov
	root     *modInst
	services []*service // sorted by module address
	modules  []*modInst // every module instance, root first
}

func newLayout(n int, seed uint64, shape string) *layout {
	if shape == ShapeFlatWide {
		return newFlatLayout(n, seed)
	}
	l := &layout{seed: seed, shape: shape}
	rootSvc := &service{name: "platform", seed: seed}
	root := &modInst{svc: rootSvc, tmpl: rootTmpl, aws: rootProviders["aws"], gcp: rootProviders["google"]}
	rootSvc.root = root
	l.root = root
	l.modules = append(l.modules, root)
	budget := n - min(n, 1) // the Route 53 zone
	var num uint64 = 1
	for i := 0; ; i++ {
		s := l.newService(i, &num)
		if s.size > budget {
			break
		}
		budget -= s.size
		if s.ownAlias {
			l.aliases = append(l.aliases, s.root.aws)
		}
		root.children = append(root.children, s.root)
		l.services = append(l.services, s)
	}
	slices.SortFunc(l.services, func(a, b *service) int { return strings.Compare(a.name, b.name) })
	slices.SortFunc(root.children, func(a, b *modInst) int { return strings.Compare(a.callName, b.callName) })
	// The root module: the zone and one SSM parameter per remaining
	// resource, so that the plan has exactly n resource changes.
	root.counts = []int{budget, min(n, 1)}
	root.dels = []int{0, 0}
	l.modules = l.modules[:1]
	var walk func(m *modInst)
	walk = func(m *modInst) {
		if m != root {
			l.modules = append(l.modules, m)
		}
		for _, c := range m.children {
			walk(c)
		}
	}
	walk(root)
	for _, m := range l.modules {
		m.tally()
	}
	root.totals()
	return l
}

func (l *layout) newService(i int, num *uint64) *service {
	if l.shape == ShapeFindingsHeavy {
		return l.newFindingsService(i, num)
	}
	r := rng{seedOf(l.seed, uint64(i), 11)}
	var v variant
	if i < len(variants) && i < 8 {
		v = variants[i]
	} else {
		total := 0
		for _, x := range variants {
			total += x.weight
		}
		w := r.intn(total)
		for _, x := range variants {
			if w < x.weight {
				v = x
				break
			}
			w -= x.weight
		}
	}
	s := &service{
		name: fmt.Sprintf("%s_%s_%d", domains[r.intn(len(domains))], components[r.intn(len(components))], i),
		seed: seedOf(l.seed, uint64(i), 12),
		Kind: v.kind, Region: v.region,
	}
	s.Module = "module." + s.name
	s.isNew = i >= 8 && r.chance(0.8)
	// The first stacks are small starter ones, so that a plan of a few
	// hundred resources has one of each variant.
	s.starter = i < 8
	if r.chance(0.33) {
		s.tagLevel = pick(&r, sensitivityLevels...)
	}
	if r.chance(0.1) {
		s.level = pick(&r, "sensitive", "restricted", "public", "sensible")
	}
	m := &modInst{svc: s, tmpl: kindTemplates[v.kind], addr: s.Module, callName: s.name, parent: l.root, num: *num,
		aws: rootProviders["aws"], gcp: rootProviders["google"]}
	*num++
	switch v.kind {
	case "aws":
		m.aws = rootProviders[v.provider]
		s.RegionFrom = "provider " + v.provider
	case "aws-regional", "aws-platform":
		m.regionVar = v.region
		m.regionFromRoot = v.regionFrom == "var.region"
		s.RegionFrom = "module input region = " + quoteIf(v.regionFrom == "var.region", "var.region", v.region)
		if v.kind == "aws-regional" {
			m.aws = prov{key: m.addr + ":aws", region: v.region}
		}
	case "azure":
		m.azure = v.region
		s.RegionFrom = "location = " + v.region
	case "gcp":
		m.gcp = rootProviders[v.provider]
		s.RegionFrom = "provider " + v.provider
	}
	s.root = m
	m.expand(&r, num)
	s.size = m.size()
	return s
}

func quoteIf(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return fmt.Sprintf("%q", no)
}

// expand draws the module's instance counts and its child modules.
func (m *modInst) expand(r *rng, num *uint64) {
	bs := m.tmpl.blocks
	m.counts = make([]int, len(bs))
	m.dels = make([]int, len(bs))
	for bi, b := range bs {
		if b.sameAs != nil {
			continue
		}
		switch b.repeat {
		case single:
			m.counts[bi] = 1
		default:
			hi := b.max
			if m.svc.starter {
				hi = min(hi, max(b.min, 2))
			}
			m.counts[bi] = r.between(b.min, hi)
			if !m.svc.isNew && r.chance(0.14) {
				m.dels[bi] = 1
			}
			if b.repeat == forEach && b.keyFmt == "" {
				// Without a key format, the keys are all there is.
				m.counts[bi] = min(m.counts[bi], len(b.keys))
				m.dels[bi] = min(m.dels[bi], len(b.keys)-m.counts[bi])
			}
		}
	}
	for bi, b := range bs {
		if b.sameAs != nil {
			j := slices.Index(bs, b.sameAs)
			m.counts[bi], m.dels[bi] = m.counts[j], m.dels[j]
		}
	}
	for _, call := range m.tmpl.calls {
		if !r.chance(call.p) {
			continue
		}
		c := &modInst{svc: m.svc, tmpl: call.mod, addr: m.addr + ".module." + call.name, callName: call.name, call: call, parent: m,
			num: *num, aws: m.aws, gcp: m.gcp, azure: m.azure, regionVar: m.regionVar}
		*num++
		switch {
		case call.mod.ownAWS:
			c.aws = prov{key: c.addr + ":aws", region: m.regionVar}
		case call.awsAlias != "":
			c.aws = rootProviders["aws."+call.awsAlias]
		}
		m.children = append(m.children, c)
		c.expand(r, num)
	}
	slices.SortFunc(m.children, func(a, b *modInst) int { return strings.Compare(a.callName, b.callName) })
}

func (m *modInst) size() int {
	n := 0
	for bi := range m.counts {
		n += m.instanceCount(bi)
	}
	for _, c := range m.children {
		n += c.size()
	}
	return n
}

// tally counts the module's own planned and prior instances.
func (m *modInst) tally() {
	m.planned, m.prior = 0, len(m.tmpl.data)
	for bi := range m.counts {
		m.planned += m.counts[bi]
		for i := range m.instanceCount(bi) {
			if m.action(bi, i) != actCreate {
				m.prior++
			}
		}
	}
	m.ownPlanned, m.ownPrior = m.planned, m.prior
}

// totals adds the descendants' counts to planned and prior.
func (m *modInst) totals() {
	for _, c := range m.children {
		c.totals()
		m.planned += c.planned
		m.prior += c.prior
	}
}
