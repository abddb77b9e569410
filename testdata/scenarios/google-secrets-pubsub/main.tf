# Secrets and messaging on Google Cloud for an application in Paris. Secret
# Manager secrets and Pub/Sub topics are global services: where their data
# is kept is what the replication and the message storage policy say.
#
# - secrets: one with automatic replication (Google keeps the payload
#   wherever it chooses), one replicated by hand to Paris and Belgium, one
#   replicated to Paris and Iowa (for a US support team);
# - topics: one whose messages are persisted only in Paris, one in Paris and
#   Iowa, and two without a storage policy (any region), one of them
#   carrying sensitive audit events.

terraform {
  required_version = ">= 1.8"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
  }
}

provider "google" {
  project = "acme-payments"
  region  = "europe-west9"
}

# --- Secret Manager -------------------------------------------------------

resource "google_secret_manager_secret" "api_key_auto" {
  secret_id = "partner-api-key"

  replication {
    auto {}
  }
}

resource "google_secret_manager_secret" "db_password_eu" {
  secret_id = "db-password"

  replication {
    user_managed {
      replicas {
        location = "europe-west9"
      }
      replicas {
        location = "europe-west1"
      }
    }
  }

  # Rotation notices go to the Paris-only topic.
  topics {
    name = google_pubsub_topic.secret_events.id
  }

  rotation {
    rotation_period    = "2592000s"
    next_rotation_time = "2030-01-01T00:00:00Z"
  }
}

resource "google_secret_manager_secret" "support_token_us" {
  secret_id = "support-token"

  replication {
    user_managed {
      replicas {
        location = "europe-west9"
      }
      replicas {
        location = "us-central1"
      }
    }
  }
}

# --- Pub/Sub --------------------------------------------------------------

resource "google_pubsub_topic" "secret_events" {
  name = "secret-events"

  message_storage_policy {
    allowed_persistence_regions = ["europe-west9"]
  }
}

resource "google_pubsub_topic" "orders" {
  name = "orders"

  message_storage_policy {
    allowed_persistence_regions = ["europe-west9", "us-central1"]
  }
}

resource "google_pubsub_topic" "notifications" {
  name = "notifications"
}

resource "google_pubsub_topic" "audit" {
  name = "audit-events"

  labels = {
    data_sensitivity = "sensitive"
  }
}
