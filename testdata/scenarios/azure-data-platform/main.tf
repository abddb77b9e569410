# A data platform in Azure: a Cosmos DB account in France Central with a
# failover copy in East US, secrets classified "DR" (Diffusion Restreinte),
# a reporting SQL server tagged "sensible", public DNS and an alerting action
# group (whose location is "global").

terraform {
  required_version = ">= 1.8"
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {
    key_vault {
      purge_soft_delete_on_destroy = false
    }
  }
  subscription_id = "6f1d2c3b-4a59-4e8f-9b0a-1c2d3e4f5a6b"
}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "data" {
  name     = "rg-data-prod"
  location = "francecentral"
}

resource "azurerm_cosmosdb_account" "catalog" {
  name                       = "cosmos-catalog-prod"
  location                   = azurerm_resource_group.data.location
  resource_group_name        = azurerm_resource_group.data.name
  offer_type                 = "Standard"
  kind                       = "GlobalDocumentDB"
  automatic_failover_enabled = true

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "francecentral"
    failover_priority = 0
  }

  geo_location {
    location          = "East US"
    failover_priority = 1
  }
}

resource "azurerm_key_vault" "secrets" {
  name                     = "kv-data-prod-fr"
  location                 = azurerm_resource_group.data.location
  resource_group_name      = azurerm_resource_group.data.name
  tenant_id                = data.azurerm_client_config.current.tenant_id
  sku_name                 = "premium"
  purge_protection_enabled = true
  # Required since azurerm 5.0 (was enable_rbac_authorization).
  rbac_authorization_enabled = true
  tags = {
    data_sensitivity = "DR"
  }
}

resource "azurerm_mssql_server" "reporting" {
  name                         = "sql-reporting-prod"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = "West Europe"
  version                      = "12.0"
  administrator_login          = "reporting"
  administrator_login_password = "not-a-real-password-1!"
  minimum_tls_version          = "1.2"
  tags = {
    data_sensitivity = "sensible"
  }
}

resource "azurerm_postgresql_flexible_server" "app" {
  name                   = "psql-app-prod"
  resource_group_name    = azurerm_resource_group.data.name
  location               = "France Central"
  version                = "16"
  sku_name               = "GP_Standard_D2s_v3"
  storage_mb             = 65536
  administrator_login    = "app"
  administrator_password = "not-a-real-password-2!"
  zone                   = "1"
}

resource "azurerm_dns_zone" "public" {
  name                = "data.example.fr"
  resource_group_name = azurerm_resource_group.data.name
}

resource "azurerm_dns_cname_record" "api" {
  name                = "api"
  zone_name           = azurerm_dns_zone.public.name
  resource_group_name = azurerm_resource_group.data.name
  ttl                 = 300
  record              = "api-data-prod.azurewebsites.net"
}

resource "azurerm_monitor_action_group" "oncall" {
  name                = "ag-data-oncall"
  resource_group_name = azurerm_resource_group.data.name
  short_name          = "dataoncall"
  location            = "global"

  email_receiver {
    name          = "oncall"
    email_address = "oncall-data@example.fr"
  }
}
