resource "aws_flow_log" "this" {
  traffic_type = "ALL"
}
