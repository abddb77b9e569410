# After: the patients queue is moved out of the health module with a moved
# block (same queue, new address), and another health module is wrapped in
# a platform module. Neither escapes the policy's "module.health_*" rule.
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
  region = "us-east-1"
}

resource "aws_sqs_queue" "patients" {
  name = "patients"
}

moved {
  from = module.health_records.aws_sqs_queue.this
  to   = aws_sqs_queue.patients
}

module "platform" {
  source = "./modules/wrapper"
}
