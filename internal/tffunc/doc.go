// Package tffunc is the library of Terraform's (and OpenTofu's) built-in
// functions for trustcloud's configuration evaluator.
//
// The evaluator must compute exactly what Terraform computes for the
// expressions that decide where cloud resources live: a provider's region,
// a module argument, a local value. The configuration is written by whoever
// wants a resource to pass the gate, so a function that approximates
// Terraform is an opening: every function in this package either returns the
// value Terraform returns for the same arguments, or returns an unknown value
// and tells Options.Unevaluated why. It never guesses.
//
// Three rules follow from that, and the code applies them everywhere:
//
//   - A known result is Terraform's result. Functions are built on go-cty's
//     stdlib where Terraform itself uses it, and written here, from
//     Terraform's documentation, where Terraform has its own.
//   - An error is returned only where Terraform fails too. try() and can()
//     turn an error into a fallback value, so an error where Terraform
//     succeeds (or success where Terraform fails) would pick a different
//     branch than Terraform did. Where Terraform's behaviour is not certain
//     (it changed between versions, or depends on the machine Terraform ran
//     on), the result is unknown instead: try() keeps an unknown unknown.
//   - Resources are bounded. A call whose arguments or result would exceed
//     a few MiB returns an unknown value (Terraform could have computed it);
//     one whose result would exceed 1 GiB, which Terraform cannot produce in
//     a plan either, returns an error. Templates cannot call templatefile or
//     templatestring, and nesting depth of parsed text is limited.
//
// Loops inside templates (%{ for }) are evaluated by hcl and are not bounded
// here: the evaluator must bound for-expressions in templates as it bounds
// them in the configuration itself.
package tffunc
