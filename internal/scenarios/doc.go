// Package scenarios holds the scenario suite: real Terraform plans under
// testdata/scenarios, produced by `make testdata` against the test-only
// provider, analysed end to end and compared with hand-written
// expectations (expect.json) and golden outputs.
package scenarios
