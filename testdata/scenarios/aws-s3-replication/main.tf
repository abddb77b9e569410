# Document buckets in Paris, each replicated by S3 replication (one
# replication configuration per source bucket, as S3 allows): the invoices
# to a bucket of this plan in Frankfurt, the contracts to a bucket of this
# plan in us-east-1, the scans to another us-east-1 bucket of this plan
# named by a literal ARN, and the exports to a partner's bucket that this
# plan does not manage (its location is not known).

terraform {
  required_version = ">= 1.8"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-3"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

resource "aws_iam_role" "replication" {
  name = "s3-replication"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "s3.amazonaws.com" }
    }]
  })
}

# Sources, in Paris.

resource "aws_s3_bucket" "invoices" {
  bucket = "acme-invoices"
}

resource "aws_s3_bucket_versioning" "invoices" {
  bucket = aws_s3_bucket.invoices.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "contracts" {
  bucket = "acme-contracts"
}

resource "aws_s3_bucket_versioning" "contracts" {
  bucket = aws_s3_bucket.contracts.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "scans" {
  bucket = "acme-scans"
}

resource "aws_s3_bucket_versioning" "scans" {
  bucket = aws_s3_bucket.scans.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "exports" {
  bucket = "acme-exports"
}

resource "aws_s3_bucket_versioning" "exports" {
  bucket = aws_s3_bucket.exports.id
  versioning_configuration {
    status = "Enabled"
  }
}

# Destinations of this plan.

resource "aws_s3_bucket" "invoices_replica" {
  provider = aws.frankfurt
  bucket   = "acme-invoices-replica-fra"
}

resource "aws_s3_bucket_versioning" "invoices_replica" {
  provider = aws.frankfurt
  bucket   = aws_s3_bucket.invoices_replica.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "contracts_replica" {
  provider = aws.us
  bucket   = "acme-contracts-replica-use1"
}

resource "aws_s3_bucket_versioning" "contracts_replica" {
  provider = aws.us
  bucket   = aws_s3_bucket.contracts_replica.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "scans_replica" {
  provider = aws.us
  bucket   = "acme-scans-replica-use1"
}

resource "aws_s3_bucket_versioning" "scans_replica" {
  provider = aws.us
  bucket   = aws_s3_bucket.scans_replica.id
  versioning_configuration {
    status = "Enabled"
  }
}

# (a) to a bucket of the plan in Frankfurt, by reference: allowed.
resource "aws_s3_bucket_replication_configuration" "invoices" {
  depends_on = [aws_s3_bucket_versioning.invoices, aws_s3_bucket_versioning.invoices_replica]

  bucket = aws_s3_bucket.invoices.id
  role   = aws_iam_role.replication.arn

  rule {
    id     = "to-frankfurt"
    status = "Enabled"

    destination {
      bucket        = aws_s3_bucket.invoices_replica.arn
      storage_class = "STANDARD_IA"
    }
  }
}

# (b) to a bucket of the plan in us-east-1, by reference: outside the EU.
resource "aws_s3_bucket_replication_configuration" "contracts" {
  depends_on = [aws_s3_bucket_versioning.contracts, aws_s3_bucket_versioning.contracts_replica]

  bucket = aws_s3_bucket.contracts.id
  role   = aws_iam_role.replication.arn

  rule {
    id     = "to-virginia"
    status = "Enabled"

    destination {
      bucket = aws_s3_bucket.contracts_replica.arn
    }
  }
}

# (c) to the us-east-1 bucket of the plan, by a literal ARN naming it.
resource "aws_s3_bucket_replication_configuration" "scans" {
  depends_on = [aws_s3_bucket_versioning.scans, aws_s3_bucket_versioning.scans_replica]

  bucket = aws_s3_bucket.scans.id
  role   = aws_iam_role.replication.arn

  rule {
    id     = "to-virginia"
    status = "Enabled"

    destination {
      bucket = "arn:aws:s3:::acme-scans-replica-use1"
    }
  }
}

# (d) to a partner's bucket this plan does not manage: an S3 ARN has no
# region, so where the data goes is not known.
resource "aws_s3_bucket_replication_configuration" "exports" {
  depends_on = [aws_s3_bucket_versioning.exports]

  bucket = aws_s3_bucket.exports.id
  role   = aws_iam_role.replication.arn

  rule {
    id     = "to-partner"
    status = "Enabled"

    filter {
      prefix = "outgoing/"
    }

    delete_marker_replication {
      status = "Disabled"
    }

    destination {
      bucket  = "arn:aws:s3:::partner-dropbox-ingest"
      account = "210987654321"

      access_control_translation {
        owner = "Destination"
      }
    }
  }
}
