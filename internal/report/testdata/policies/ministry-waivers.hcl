# Hand-made for the report tests: the default profile with one waiver in
# force and one expired (the tests evaluate on 2026-12-01). The reasons hold
# characters every format must escape: & < > | , : and a quote.
waiver "DER-2026-014" {
  addresses   = ["aws_s3_bucket.grant_applications"]
  rules       = ["TC002"]
  reason      = "Grant files move to the S3NS bucket <records> by Q2 2027 | R&D sign-off, \"temporary\""
  approved_by = "Ministry CISO"
  approved_on = "2027-03-22"
  covers_new  = true # the scenario creates every resource
  expires     = "2027-06-30"
}

waiver "DER-2025-003" {
  addresses   = ["aws_sqs_queue.analytics_export"]
  rules       = ["TC001"]
  reason      = "Analytics export kept in us-east-1: migration, phase 2"
  approved_by = "Ministry CISO"
  approved_on = "2025-12-21"
  covers_new  = true # the scenario creates every resource
  expires     = "2026-03-31"
}
