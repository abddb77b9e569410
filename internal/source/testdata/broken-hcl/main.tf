resource "aws_s3_bucket" "ok" {
  bucket = "ok"
}

resource "aws_s3_bucket" "broken" {
  bucket = "broken"
