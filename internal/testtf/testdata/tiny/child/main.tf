terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

resource "aws_sqs_queue" "jobs" {
  name = "tiny-jobs"
  tags = {
    data_sensitivity = "internal"
  }
}
