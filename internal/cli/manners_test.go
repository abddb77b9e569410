package cli_test

import "regexp"

// summaryLine matches check's one-line verdict on stderr, printed when no
// report for people goes to stdout.
var summaryLine = regexp.MustCompile(`(?m)^trustcloud: (PASSED|FAILED|RÉUSSI|ÉCHEC) ?: .*; (reports|rapports) ?: .*\n`)

// withoutSummary is stderr without check's one-line verdict.
func withoutSummary(stderr string) string { return summaryLine.ReplaceAllString(stderr, "") }
