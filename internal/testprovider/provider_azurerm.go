package main

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// azLocated is an Azure resource with a location and tags.
func azLocated(items ...any) typeSpec {
	return ty(items...).with("name!", "resource_group_name!", "location!", "tags:map")
}

func azurermProvider() *providerSpec {
	return &providerSpec{
		typeName: "azurerm",
		source:   "hashicorp/azurerm",
		legacy:   true,
		real:     newRealSchema("azurerm-5.2.0.json.gz"),
		config: ty("subscription_id", "tenant_id", "client_id", "client_secret*", "environment", "metadata_host",
			"use_oidc:bool", "use_cli:bool", "storage_use_azuread:bool", "resource_provider_registrations", "skip_provider_registration:bool",
			blk("features", 1,
				blk("key_vault", 1, "purge_soft_delete_on_destroy:bool", "recover_soft_deleted_key_vaults:bool"),
				blk("resource_group", 1, "prevent_deletion_if_contains_resources:bool"),
				blk("virtual_machine", 1, "delete_os_disk_on_deletion:bool"))),
		normalize: map[string]func(string) string{"location": azureLocation},
		defaults: map[string]func(p *providerConfig) (string, bool){
			"environment":   envDefault("ARM_ENVIRONMENT"),
			"metadata_host": envDefault("ARM_METADATA_HOSTNAME"),
		},
		land: azureLanding,
		resources: map[string]typeSpec{
			"azurerm_resource_group": ty("name!", "location!", "managed_by", "tags:map"),
			"azurerm_virtual_network": azLocated("address_space:list!", "dns_servers:list?~", "guid~",
				blk("subnet", 0, "name!", "address_prefixes:list!", "security_group")),
			"azurerm_subnet": ty("name!", "resource_group_name!", "virtual_network_name!", "address_prefixes:list!",
				"service_endpoints:set", "private_endpoint_network_policies?~",
				blk("delegation", 0, "name!", blk("service_delegation", 1, "name!", "actions:set?~"))),
			"azurerm_network_security_group": azLocated(),
			"azurerm_network_security_rule": ty("name!", "resource_group_name!", "network_security_group_name!", "priority:int!",
				"direction!", "access!", "protocol!", "source_port_range", "destination_port_range", "destination_port_ranges:set",
				"source_address_prefix", "destination_address_prefix", "description"),
			"azurerm_subnet_network_security_group_association": ty("subnet_id!", "network_security_group_id!"),
			"azurerm_public_ip": azLocated("allocation_method!", "sku?~", "zones:set", "ip_address~"),
			"azurerm_network_interface": azLocated("private_ip_address~",
				blk("ip_configuration", 0, "name!", "subnet_id", "private_ip_address_allocation!", "public_ip_address_id")),
			"azurerm_linux_virtual_machine": azLocated("size!", "admin_username!", "network_interface_ids:list!", "zone",
				"disable_password_authentication:bool?~", "computer_name?~", "private_ip_address~", "virtual_machine_id~",
				blk("os_disk", 1, "caching!", "storage_account_type!", "disk_size_gb:int?~", "name?~"),
				blk("source_image_reference", 1, "publisher!", "offer!", "sku!", "version!"),
				blk("admin_ssh_key", 0, "username!", "public_key!"),
				blk("identity", 1, "type!", "principal_id~")),
			"azurerm_storage_account": azLocated("account_tier!", "account_replication_type!", "account_kind", "access_tier?~",
				"min_tls_version", "https_traffic_only_enabled:bool", "public_network_access_enabled:bool",
				"primary_location~", "secondary_location~", "primary_blob_endpoint~"),
			"azurerm_storage_container": ty("name!", "storage_account_id", "storage_account_name", "container_access_type"),
			"azurerm_key_vault": azLocated("tenant_id!", "sku_name!", "purge_protection_enabled:bool", "soft_delete_retention_days:int?~",
				"enabled_for_disk_encryption:bool", "enable_rbac_authorization:bool", "public_network_access_enabled:bool", "vault_uri~"),
			"azurerm_key_vault_key": ty("name!", "key_vault_id!", "key_type!", "key_size:int", "key_opts:list!", "version~", "tags:map"),
			"azurerm_cosmosdb_account": azLocated("offer_type!", "kind", "free_tier_enabled:bool", "automatic_failover_enabled:bool",
				"multiple_write_locations_enabled:bool", "endpoint~", "read_endpoints:list~", "write_endpoints:list~",
				blk("consistency_policy", 1, "consistency_level!", "max_interval_in_seconds:int?~", "max_staleness_prefix:int?~"),
				blk("geo_location", 0, "location!", "failover_priority:int!", "zone_redundant:bool", "id~"),
				blk("backup", 1, "type!", "storage_redundancy?~")),
			"azurerm_cosmosdb_sql_database": ty("name!", "resource_group_name!", "account_name!", "throughput:int?~"),
			"azurerm_dns_zone": ty("name!", "resource_group_name!", "tags:map", "name_servers:set~", "number_of_record_sets:int~",
				"max_number_of_record_sets:int~"),
			"azurerm_dns_a_record": ty("name!", "zone_name!", "resource_group_name!", "ttl:int!", "records:set", "target_resource_id",
				"fqdn~", "tags:map"),
			"azurerm_dns_cname_record": ty("name!", "zone_name!", "resource_group_name!", "ttl:int!", "record", "fqdn~", "tags:map"),
			"azurerm_mssql_server": azLocated("version!", "administrator_login?~", "administrator_login_password*",
				"minimum_tls_version", "public_network_access_enabled:bool", "fully_qualified_domain_name~"),
			"azurerm_mssql_database": ty("name!", "server_id!", "sku_name?~", "max_size_gb:num?~", "zone_redundant:bool?~",
				// SDKv2 Defaults: geo-redundant backups unless told otherwise.
				"geo_backup_enabled:bool=true", "storage_account_type=Geo", "tags:map"),
			"azurerm_postgresql_flexible_server": azLocated("version?~", "sku_name?~", "storage_mb:int?~", "administrator_login?~",
				"administrator_password*", "zone?~", "backup_retention_days:int?~", "geo_redundant_backup_enabled:bool",
				"public_network_access_enabled:bool?~", "delegated_subnet_id", "private_dns_zone_id?~", "fqdn~",
				blk("high_availability", 1, "mode!", "standby_availability_zone?~")),
			"azurerm_monitor_action_group": ty("name!", "resource_group_name!", "short_name!", "location?~=global", "enabled:bool",
				"tags:map", blk("email_receiver", 0, "name!", "email_address!", "use_common_alert_schema:bool")),
			"azurerm_log_analytics_workspace": azLocated("sku?~", "retention_in_days:int?~", "workspace_id~"),
		},
		dataSources: map[string]typeSpec{
			"azurerm_client_config": {attrs: attrs("client_id~", "tenant_id~", "subscription_id~", "object_id~"), read: azureClientRead},
		},
	}
}

func azureClientRead(p *providerConfig, _ map[string]tftypes.Value) (map[string]tftypes.Value, error) {
	sub, ok := knownString(p.get("subscription_id"))
	if !ok {
		sub = "00000000-0000-0000-0000-000000000000"
	}
	tenant, ok := knownString(p.get("tenant_id"))
	if !ok {
		tenant = "11111111-1111-1111-1111-111111111111"
	}
	return map[string]tftypes.Value{
		"id": stringVal("clientConfigs/" + sub), "subscription_id": stringVal(sub), "tenant_id": stringVal(tenant),
		"client_id": stringVal("22222222-2222-2222-2222-222222222222"), "object_id": stringVal("33333333-3333-3333-3333-333333333333"),
	}, nil
}

// azureLanding: a resource lands in its location (normalised: westeurope),
// "global" for global ones (action groups); the cloud is the provider's
// environment (public unless set: china, usgovernment …), the endpoint the
// metadata_host it discovers the cloud's endpoints from, when set.
func azureLanding(p *providerConfig, typeName string, t typeSpec, m map[string]tftypes.Value) landing {
	l := landing{Universe: "public"}
	if e, ok := p.str("environment"); ok {
		l.Universe = strings.ToLower(e)
	}
	if h, ok := p.str("metadata_host"); ok {
		l.Endpoint = endpointHost(h)
	}
	l.Zone = firstString(m, "zone")
	switch loc, ok := attrString(m, "location"); {
	case ok:
		l.Region = azureLocation(loc)
	case t.has("location"):
		l.Unknown = typeName + ": no location"
	default:
		l.Unknown = typeName + " has no location of its own: it is where the resource it belongs to is"
	}
	return l
}
