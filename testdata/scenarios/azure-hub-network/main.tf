# An application landing zone in Azure France Central, with backups in
# West Europe. Locations are written as display names ("France Central");
# the azurerm provider plans them as programmatic names ("francecentral").
# The subnet and the security rule have no location of their own: they live
# where the network and the security group they belong to live.

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
  features {}
  subscription_id = "6f1d2c3b-4a59-4e8f-9b0a-1c2d3e4f5a6b"
}

resource "azurerm_resource_group" "app" {
  name     = "rg-app-prod"
  location = "France Central"
}

resource "azurerm_virtual_network" "app" {
  name                = "vnet-app-prod"
  location            = azurerm_resource_group.app.location
  resource_group_name = azurerm_resource_group.app.name
  address_space       = ["10.70.0.0/16"]
}

resource "azurerm_subnet" "app" {
  name                 = "snet-app"
  resource_group_name  = azurerm_resource_group.app.name
  virtual_network_name = azurerm_virtual_network.app.name
  address_prefixes     = ["10.70.1.0/24"]
}

resource "azurerm_network_security_group" "app" {
  name                = "nsg-app"
  location            = "France Central"
  resource_group_name = azurerm_resource_group.app.name
}

resource "azurerm_network_security_rule" "https" {
  name                        = "allow-https"
  resource_group_name         = azurerm_resource_group.app.name
  network_security_group_name = azurerm_network_security_group.app.name
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
}

resource "azurerm_network_interface" "app" {
  name                = "nic-app-1"
  location            = azurerm_resource_group.app.location
  resource_group_name = azurerm_resource_group.app.name

  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.app.id
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_linux_virtual_machine" "app" {
  name                  = "vm-app-1"
  location              = azurerm_resource_group.app.location
  resource_group_name   = azurerm_resource_group.app.name
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.app.id]
  zone                  = "1"

  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH0y0wIL3C0vZ7xP9n0uE0v7p8oEo7V0c6mXw9Yt1Zx2 ops@example.fr"
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}

resource "azurerm_storage_account" "backup" {
  name                     = "stappbackupweu"
  resource_group_name      = azurerm_resource_group.app.name
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = "TLS1_2"
}
