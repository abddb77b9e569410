# A module called from a module.
resource "aws_db_instance" "replica" {
  identifier = "replica"
}
