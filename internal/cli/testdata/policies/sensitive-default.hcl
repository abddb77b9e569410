# Everything is sensitive unless classified otherwise.
classification {
  default_level = "sensitive"
}
