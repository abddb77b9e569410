package main

import (
	"strings"
	"testing"
)

// The types the next scenarios place data with: each has the nested path
// where the real provider takes a copy's or a replica's location.
func TestNestedLocations(t *testing.T) {
	specs := map[string]*providerSpec{}
	for _, p := range providers() {
		specs[p.typeName] = p
	}
	specs["aws5"] = awsProviderVersion(awsVersion5)
	for _, tt := range []struct{ provider, typeName, path string }{
		{"aws", "aws_s3_bucket_replication_configuration", "rule.destination.bucket"},
		{"aws", "aws_dynamodb_table", "replica.region_name"},
		{"aws", "aws_db_instance", "replicate_source_db"},
		{"aws", "aws_backup_plan", "rule.copy_action.destination_vault_arn"},
		{"aws", "aws_backup_vault", "region"},
		{"aws", "aws_kms_key", "multi_region"},
		{"aws", "aws_kms_replica_key", "primary_key_arn"},
		{"aws", "aws_kms_replica_key", "region"},
		{"aws5", "aws_kms_replica_key", "primary_key_arn"},
		{"google", "google_secret_manager_secret", "replication.auto.customer_managed_encryption.kms_key_name"},
		{"google", "google_secret_manager_secret", "replication.user_managed.replicas.location"},
		{"google", "google_pubsub_topic", "message_storage_policy.allowed_persistence_regions"},
		{"google", "google_sql_database_instance", "region"},
		{"google", "google_sql_database_instance", "master_instance_name"},
		{"google", "google_sql_database_instance", "settings.backup_configuration.location"},
		{"google", "google_storage_bucket", "location"},
		{"google", "google_storage_bucket", "custom_placement_config.data_locations"},
		{"azurerm", "azurerm_storage_account", "account_replication_type"},
		{"azurerm", "azurerm_cosmosdb_account", "geo_location.location"},
		{"azurerm", "azurerm_mssql_server", "location"},
		{"azurerm", "azurerm_mssql_database", "server_id"},
		{"azurerm", "azurerm_mssql_failover_group", "partner_server.id"},
		{"azurerm", "azurerm_container_registry", "georeplications.location"},
		{"ovh", "ovh_cloud_project_storage", "replication.rules.destination.region"},
	} {
		t.Run(tt.typeName+" "+tt.path, func(t *testing.T) {
			ts, ok := specs[tt.provider].resource(tt.typeName)
			if !ok {
				t.Fatalf("%s serves no %s", tt.provider, tt.typeName)
			}
			if !hasPath(ts.attrs, ts.blocks, strings.Split(tt.path, ".")) {
				t.Errorf("%s has no %s", tt.typeName, tt.path)
			}
		})
	}
}

// hasPath follows attribute, nested attribute and block names.
func hasPath(attrs []attrSpec, blocks []blockSpec, path []string) bool {
	if len(path) == 0 {
		return true
	}
	for _, a := range attrs {
		if a.name != path[0] {
			continue
		}
		if len(path) == 1 {
			return true
		}
		return a.nested != nil && hasPath(a.nested.attrs, nil, path[1:])
	}
	for _, b := range blocks {
		if b.name == path[0] {
			return hasPath(b.attrs, b.blocks, path[1:])
		}
	}
	return false
}
