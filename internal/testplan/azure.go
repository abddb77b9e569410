package testplan

import "fmt"

// Azure resources (hashicorp/azurerm 4.x): every regional resource names
// its location; subnets, secrets and rules are located through their
// parent.

func (c *ictx) azureID(provider, kind, name string) string {
	return "/subscriptions/" + subscription + "/resourceGroups/rg-" + c.m.stem() + "/providers/" + provider + "/" + kind + "/" + name
}

var azureResourceGroup = &block{
	typ: "azurerm_resource_group", name: "this", prov: "azurerm",
	values: func(c *ictx) obj {
		n := "rg-" + c.m.stem()
		return c.azureTagged(o("id", "/subscriptions/"+subscription+"/resourceGroups/"+n, "location", c.m.azure, "managed_by", "", "name", n))
	},
	computed: []string{"id"},
	config: func(c *cctx) obj {
		return o("location", refs("var.location"), "name", refs("var.name"), "tags", refs("var.tags"))
	},
	relevant: "name",
}

var azureVirtualNetwork = &block{
	typ: "azurerm_virtual_network", name: "this", prov: "azurerm",
	values: func(c *ictx) obj {
		n := "vnet-" + c.m.stem()
		return c.azureTagged(o("address_space", []string{c.cidr(-1)}, "dns_servers", []string{}, "flow_timeout_in_minutes", 0,
			"guid", c.r.uuid(), "id", c.azureID("Microsoft.Network", "virtualNetworks", n), "location", c.m.azure, "name", n,
			"resource_group_name", "rg-"+c.m.stem(), "subnet", []any{}))
	},
	computed: []string{"guid", "id", "subnet"},
	config: func(c *cctx) obj {
		return o("address_space", refs("var.address_space"), "location", ref("azurerm_resource_group.this", "location"),
			"name", refs("var.name"), "resource_group_name", ref("azurerm_resource_group.this", "name"), "tags", refs("var.tags"))
	},
	relevant: "name",
}

var azureSubnet = &block{
	typ: "azurerm_subnet", name: "this", prov: "azurerm", repeat: forEach, min: 2, max: 6,
	keys: []string{"app", "data", "integration", "endpoints", "gateway", "bastion"},
	values: func(c *ictx) obj {
		n := fmt.Sprintf("snet-%v", c.key)
		vnet := "vnet-" + c.m.stem()
		return o("address_prefixes", []string{c.cidr(c.i + 1)}, "default_outbound_access_enabled", true,
			"id", c.azureID("Microsoft.Network", "virtualNetworks", vnet+"/subnets/"+n), "name", n,
			"private_endpoint_network_policies", "Disabled", "private_link_service_network_policies_enabled", true,
			"resource_group_name", "rg-"+c.m.stem(), "service_endpoints", []string{"Microsoft.Storage"}, "virtual_network_name", vnet)
	},
	computed: []string{"id"},
	config: func(c *cctx) obj {
		return o("address_prefixes", refs("each.value"), "name", refs("each.key"), "resource_group_name", ref("azurerm_resource_group.this", "name"),
			"service_endpoints", constant([]any{"Microsoft.Storage"}), "virtual_network_name", ref("azurerm_virtual_network.this", "name"))
	},
	countExpr: refs("var.subnets"),
}

var azureNSG = &block{
	typ: "azurerm_network_security_group", name: "this", prov: "azurerm",
	values: func(c *ictx) obj {
		n := "nsg-" + c.m.stem()
		return c.azureTagged(o("id", c.azureID("Microsoft.Network", "networkSecurityGroups", n), "location", c.m.azure, "name", n,
			"resource_group_name", "rg-"+c.m.stem(),
			"security_rule", []any{o("access", "Allow", "description", "HTTPS from the virtual network", "destination_address_prefix", "*",
				"destination_port_range", "443", "direction", "Inbound", "name", "allow-https", "priority", 100, "protocol", "Tcp",
				"source_address_prefix", "VirtualNetwork", "source_port_range", "*")}))
	},
	computed: []string{"id"},
	config: func(c *cctx) obj {
		return o("location", ref("azurerm_resource_group.this", "location"), "name", refs("var.name"),
			"resource_group_name", ref("azurerm_resource_group.this", "name"), "security_rule", refs("local.security_rules"), "tags", refs("var.tags"))
	},
}

var azureStorageAccount = &block{
	typ: "azurerm_storage_account", name: "this", prov: "azurerm", schema: 4, repeat: forEach, min: 1, max: 3,
	keys: []string{"data", "logs", "exports", "backup", "media"},
	values: func(c *ictx) obj {
		n := c.compact("st", 24)
		return c.azureTagged(o(
			"account_kind", "StorageV2",
			"account_replication_type", pick(&c.r, "ZRS", "LRS", "GRS"),
			"account_tier", "Standard",
			"https_traffic_only_enabled", true,
			"id", c.azureID("Microsoft.Storage", "storageAccounts", n),
			"location", c.m.azure,
			"min_tls_version", "TLS1_2",
			"name", n,
			"primary_access_key", c.r.hex(40),
			"primary_blob_endpoint", "https://"+n+".blob.core.windows.net/",
			"primary_location", c.m.azure,
			"public_network_access_enabled", false,
			"resource_group_name", "rg-"+c.m.stem(),
		))
	},
	computed:  []string{"id", "primary_access_key", "primary_blob_endpoint", "primary_location"},
	sensitive: []string{"primary_access_key"},
	mutable:   "min_tls_version",
	config: func(c *cctx) obj {
		return o("account_replication_type", refs("var.replication"), "location", ref("azurerm_resource_group.this", "location"),
			"name", refs("var.name", "each.key"), "resource_group_name", ref("azurerm_resource_group.this", "name"), "tags", refs("var.tags"))
	},
	countExpr: refs("var.storage_accounts"),
	tagged:    0.1,
}

var azureKeyVault = &block{
	typ: "azurerm_key_vault", name: "this", prov: "azurerm",
	values: func(c *ictx) obj {
		n := c.compact("kv", 24)
		return c.azureTagged(o("enable_rbac_authorization", true, "id", c.azureID("Microsoft.KeyVault", "vaults", n), "location", c.m.azure,
			"name", n, "purge_protection_enabled", true, "resource_group_name", "rg-"+c.m.stem(), "sku_name", "premium",
			"soft_delete_retention_days", 90, "tenant_id", tenantID, "vault_uri", "https://"+n+".vault.azure.net/"))
	},
	computed: []string{"id", "vault_uri"},
	config: func(c *cctx) obj {
		return o("location", ref("azurerm_resource_group.this", "location"), "name", refs("var.name"),
			"resource_group_name", ref("azurerm_resource_group.this", "name"), "sku_name", constant("premium"),
			"tags", refs("var.tags"), "tenant_id", refs("data.azurerm_client_config.current.tenant_id", "data.azurerm_client_config.current"))
	},
	relevant: "id",
}

var azureKeyVaultSecret = &block{
	typ: "azurerm_key_vault_secret", name: "this", prov: "azurerm", repeat: forEach, min: 0, max: 16,
	keys: []string{"db-password", "api-key", "storage-key", "jwt-secret", "smtp"}, keyFmt: "secret-%02d",
	values: func(c *ictx) obj {
		kv := c.compact("kv", 24)
		v := c.r.hex(32)
		return o("content_type", "text/plain", "id", "https://"+kv+".vault.azure.net/secrets/"+fmt.Sprint(c.key)+"/"+v,
			"key_vault_id", c.azureID("Microsoft.KeyVault", "vaults", kv), "name", fmt.Sprint(c.key), "value", c.r.hex(28), "version", v[:32])
	},
	computed:  []string{"id", "version"},
	refAttrs:  []string{"key_vault_id"},
	sensitive: []string{"value"},
	mutable:   "value",
	config: func(c *cctx) obj {
		return o("content_type", constant("text/plain"), "key_vault_id", ref("azurerm_key_vault.this", "id"), "name", refs("each.key"), "value", refs("each.value"))
	},
	countExpr: refs("var.secrets"),
}

var azurePostgres = &block{
	typ: "azurerm_postgresql_flexible_server", name: "this", prov: "azurerm", schema: 1, repeat: counted, min: 0, max: 1,
	values: func(c *ictx) obj {
		n := "psql-" + c.m.stem()
		return c.azureTagged(o("administrator_login", "psqladmin", "administrator_password", c.r.hex(24), "backup_retention_days", 14,
			"fqdn", n+".postgres.database.azure.com", "geo_redundant_backup_enabled", false,
			"id", c.azureID("Microsoft.DBforPostgreSQL", "flexibleServers", n), "location", c.m.azure, "name", n,
			"resource_group_name", "rg-"+c.m.stem(), "sku_name", "GP_Standard_D2ds_v5", "storage_mb", 65536, "version", "16", "zone", "1"))
	},
	computed:  []string{"fqdn", "id"},
	sensitive: []string{"administrator_password"},
	mutable:   "backup_retention_days",
	config: func(c *cctx) obj {
		return o("administrator_password", ref("random_password.db", "result"), "location", ref("azurerm_resource_group.this", "location"),
			"name", refs("var.name"), "resource_group_name", ref("azurerm_resource_group.this", "name"), "sku_name", constant("GP_Standard_D2ds_v5"), "tags", refs("var.tags"))
	},
	countExpr: refs("var.database"),
	tagged:    0.5,
}

var azurePrivateDNSZone = &block{
	typ: "azurerm_private_dns_zone", name: "this", prov: "azurerm", repeat: counted, min: 0, max: 1,
	values: func(c *ictx) obj {
		n := "privatelink.postgres.database.azure.com"
		return c.azureTagged(o("id", c.azureID("Microsoft.Network", "privateDnsZones", n), "max_number_of_record_sets", 25000,
			"name", n, "number_of_record_sets", 1, "resource_group_name", "rg-"+c.m.stem(), "soa_record", []any{}))
	},
	computed: []string{"id", "max_number_of_record_sets", "number_of_record_sets"},
	config: func(c *cctx) obj {
		return o("name", constant("privatelink.postgres.database.azure.com"), "resource_group_name", ref("azurerm_resource_group.this", "name"), "tags", refs("var.tags"))
	},
	countExpr: refs("var.database"),
}

var azureLogAnalytics = &block{
	typ: "azurerm_log_analytics_workspace", name: "this", prov: "azurerm", schema: 3,
	values: func(c *ictx) obj {
		n := "log-" + c.m.stem()
		return c.azureTagged(o("daily_quota_gb", -1, "id", c.azureID("Microsoft.OperationalInsights", "workspaces", n), "location", c.m.azure,
			"name", n, "primary_shared_key", c.r.hex(44), "resource_group_name", "rg-"+c.m.svc.rootStem(), "retention_in_days", 30,
			"sku", "PerGB2018", "workspace_id", c.r.uuid()))
	},
	computed:  []string{"id", "primary_shared_key", "workspace_id"},
	sensitive: []string{"primary_shared_key"},
	mutable:   "retention_in_days",
	config: func(c *cctx) obj {
		return o("location", refs("var.location"), "name", refs("var.name"), "resource_group_name", refs("var.resource_group_name"),
			"retention_in_days", constant(30), "sku", constant("PerGB2018"), "tags", refs("var.tags"))
	},
}

var azureActionGroup = &block{
	typ: "azurerm_monitor_action_group", name: "oncall", prov: "azurerm", schema: 1,
	values: func(c *ictx) obj {
		n := "ag-" + c.m.stem()
		return c.azureTagged(o("email_receiver", []any{o("email_address", "oncall@acme.example", "name", "oncall", "use_common_alert_schema", true)},
			"enabled", true, "id", c.azureID("microsoft.insights", "actionGroups", n), "location", "global", "name", n,
			"resource_group_name", "rg-"+c.m.svc.rootStem(), "short_name", "oncall"))
	},
	computed: []string{"id"},
	config: func(c *cctx) obj {
		return o("email_receiver", blocks(o("email_address", constant("oncall@acme.example"), "name", constant("oncall"))), "location", constant("global"),
			"name", refs("var.name"), "resource_group_name", refs("var.resource_group_name"), "short_name", constant("oncall"), "tags", refs("var.tags"))
	},
}

var azureClientConfig = &dataBlock{
	typ: "azurerm_client_config", name: "current", prov: "azurerm",
	values: func(c *ictx) obj {
		return o("client_id", "2f3e4d5c-6b7a-4980-8a1b-2c3d4e5f6a7b", "id", "clientConfigs/"+subscription, "object_id", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
			"subscription_id", subscription, "tenant_id", tenantID)
	},
	config: func(c *cctx) obj { return obj{} },
}

func (s *service) rootStem() string { return s.root.stem() }
