resource "aws_kms_key" "key" {
  description = "shared key"
}

data "aws_iam_policy_document" "key" {}
