# Where Azure puts the copies: geo-redundant storage (the region's Azure
# pair), Cosmos DB and container registry replicas, SQL failover groups and
# the geo-redundant backups SQL databases get by default. Each flow comes
# in an allowed and a forbidden variant; restricted (Diffusion Restreinte)
# data must stay in France.

terraform {
  required_version = ">= 1.8"
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 5.0"
    }
  }
}

provider "azurerm" {
  features {}
  subscription_id = "0b6f3c9e-2d41-4a7b-8c5e-9f1a2b3c4d5e"
}

resource "azurerm_resource_group" "data" {
  name     = "rg-geo-data"
  location = "francecentral"
}

# --- Storage accounts -------------------------------------------------------

# GRS in France Central: the secondary copy is in France South, its pair.
resource "azurerm_storage_account" "archives_paris" {
  name                     = "starchivesparis"
  resource_group_name      = azurerm_resource_group.data.name
  location                 = "francecentral"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  tags = {
    data_sensitivity = "restricted"
  }
}

# GRS in West Europe (Netherlands): the secondary copy is in North Europe
# (Ireland). Neither is in France.
resource "azurerm_storage_account" "archives_amsterdam" {
  name                     = "starchivesams"
  resource_group_name      = azurerm_resource_group.data.name
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  tags = {
    data_sensitivity = "restricted"
  }
}

# Locally redundant: no copy outside France Central.
resource "azurerm_storage_account" "scratch" {
  name                     = "stscratchparis"
  resource_group_name      = azurerm_resource_group.data.name
  location                 = "francecentral"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

# --- Cosmos DB ----------------------------------------------------------------

resource "azurerm_cosmosdb_account" "catalog_eu" {
  name                       = "cosmos-catalog-eu"
  location                   = "francecentral"
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
    location          = "germanywestcentral"
    failover_priority = 1
  }

  # Periodic backups in geo-redundant storage: France South.
  backup {
    type                = "Periodic"
    interval_in_minutes = 240
    retention_in_hours  = 8
    storage_redundancy  = "Geo"
  }
}

resource "azurerm_cosmosdb_account" "catalog_us" {
  name                = "cosmos-catalog-us"
  location            = "francecentral"
  resource_group_name = azurerm_resource_group.data.name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "francecentral"
    failover_priority = 0
  }

  geo_location {
    location          = "eastus"
    failover_priority = 1
  }
}

# --- Azure SQL ---------------------------------------------------------------

resource "azurerm_mssql_server" "primary" {
  name                         = "sql-orders-frc"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = "francecentral"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = "Not-a-real-password-1"
  minimum_tls_version          = "1.2"
}

resource "azurerm_mssql_server" "partner_frankfurt" {
  name                         = "sql-orders-gwc"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = "germanywestcentral"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = "Not-a-real-password-1"
  minimum_tls_version          = "1.2"
}

resource "azurerm_mssql_server" "partner_virginia" {
  name                         = "sql-reports-eus"
  resource_group_name          = azurerm_resource_group.data.name
  location                     = "eastus"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = "Not-a-real-password-1"
  minimum_tls_version          = "1.2"
}

# No storage_account_type: the provider's default, Geo, keeps the backups in
# France South (France Central's pair).
resource "azurerm_mssql_database" "orders" {
  name      = "orders"
  server_id = azurerm_mssql_server.primary.id
  sku_name  = "S1"
}

resource "azurerm_mssql_database" "reports" {
  name                 = "reports"
  server_id            = azurerm_mssql_server.primary.id
  sku_name             = "S1"
  storage_account_type = "Local"
}

resource "azurerm_mssql_failover_group" "orders_eu" {
  name      = "fog-orders"
  server_id = azurerm_mssql_server.primary.id
  databases = [azurerm_mssql_database.orders.id]

  partner_server {
    id = azurerm_mssql_server.partner_frankfurt.id
  }

  read_write_endpoint_failover_policy {
    mode          = "Automatic"
    grace_minutes = 60
  }
}

resource "azurerm_mssql_failover_group" "reports_us" {
  name      = "fog-reports"
  server_id = azurerm_mssql_server.primary.id
  databases = [azurerm_mssql_database.reports.id]

  partner_server {
    id = azurerm_mssql_server.partner_virginia.id
  }

  read_write_endpoint_failover_policy {
    mode          = "Automatic"
    grace_minutes = 60
  }
}

# --- Container registries ------------------------------------------------------

resource "azurerm_container_registry" "apps_eu" {
  name                = "acrappseu"
  resource_group_name = azurerm_resource_group.data.name
  location            = "francecentral"
  sku                 = "Premium"

  georeplications {
    location                        = "germanywestcentral"
    global_endpoint_routing_enabled = true
  }
}

resource "azurerm_container_registry" "apps_us" {
  name                = "acrappsus"
  resource_group_name = azurerm_resource_group.data.name
  location            = "francecentral"
  sku                 = "Premium"

  georeplications {
    location                        = "eastus"
    global_endpoint_routing_enabled = true
  }
}
