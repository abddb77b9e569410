level "internal" {
  severity =
}
