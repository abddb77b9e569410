package i18n

import (
	"regexp"
	"strings"
	"sync"
)

// hclText is a diagnostic of the HCL parser and decoder (a syntax error,
// an unsupported argument), or one of trustcloud's in the same form, that
// the i18n catalogs translate: hcl writes
// its messages in English, in words this table recognises. The catalogs
// hold KEY.summary and KEY.detail, whose arguments are the submatches of
// summary and detail.
type hclText struct {
	key             string
	summary, detail *regexp.Regexp
}

// hclTexts are the HCL diagnostics a policy file most often gets, compiled
// on first use (a hundred regular expressions: milliseconds of every start
// otherwise, for a table only a broken policy file reads).
var hclTexts = sync.OnceValue(func() []hclText {
	raw := []struct{ key, summary, detail string }{
		{"hcl.unsupported_argument", `Unsupported argument`, `An argument named (".*") is not expected here\.`},
		{"hcl.unsupported_block", `Unsupported block type`, `Blocks of type (".*") are not expected here\.`},
		{"hcl.missing_argument", `Missing required argument`, `The argument (".*") is required, but no definition was found\.`},
		{"hcl.redefined", `Attribute redefined`, `The argument (".*") was already set at (.*)\. Each argument may be set only once\.`},
		{"hcl.extra_label", `Extraneous label for (.*)`, `Only (\d+) labels \((.*)\) are expected for (.*) blocks\.`},
		{"hcl.no_label", `Extraneous label for (.*)`, `No labels are expected for (.*) blocks\.`},
		{"hcl.missing_name", `Missing name for (.*)`, `All (.*) blocks must have (\d+) labels \((.*)\)\.`},
		{"hcl.duplicate_block", `Duplicate (.*) block`, `Only one (.*) block is allowed\. Another was defined at (.*)\.`},
		{"hcl.missing_block", `Missing (.*) block`, `A (.*) block is required\.`},
		{"hcl.unclosed_block", `Unclosed configuration block`, `There is no closing brace for this block before the end of the file\. This may be caused by incorrect brace nesting elsewhere in this file\.`},
		{"hcl.definition_required", `Argument or block definition required`, `An argument or block definition is required here\.`},
		{"hcl.definition_equals", `Argument or block definition required`, `An argument or block definition is required here\. To set an argument, use the equals sign "=" to introduce the argument value\.`},
		{"hcl.block_newline", `Missing newline after block definition`, `A block definition must end with a newline\.`},
		{"hcl.block_equals", `Invalid block definition`, `The equals sign "=" indicates an argument definition, and must not be used when defining a block\.`},
		{"hcl.block_braces", `Invalid block definition`, `A block definition must have block content delimited by "\{" and "\}", starting on the same line as the block header\.`},
		{"hcl.block_label", `Invalid block definition`, `Either a quoted string block label or an opening brace \("\{"\) is expected here\.`},
		{"hcl.missing_expression", `Missing expression`, `Expected the start of an expression, but found the end of the file\.`},
		{"hcl.invalid_expression", `Invalid expression`, `Expected the start of an expression, but found an invalid expression token\.`},
		{"hcl.static_list", `Invalid expression`, `A static list expression is required\.`},
		{"hcl.static_map", `Invalid expression`, `A static map expression is required\.`},
		{"hcl.unterminated_string", `Unterminated string literal`, `Unable to find the closing quote mark before the end of the file\.`},
		{"hcl.multiline_string", `Invalid multi-line string`, `Quoted strings may not be split over multiple lines\. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax\.`},
		{"hcl.unterminated_template", `Unterminated template string`, `No closing marker was found for the string\.`},
		// trustcloud's own diagnostics of a Terraform configuration (package
		// tfconfig), in the same form.
		{"hcl.override_base", `Missing base provider configuration for override`, `There is no provider (".*") block to override\.`},
		{"hcl.constant_string", `Invalid value`, `(.*) must be a constant string\.`},
		{"hcl.declared_twice", `Duplicate (\S+) (".*")`, `It was first declared at (.*): Terraform refuses a configuration that declares it twice\.`},
		{"hcl.missing_equals", `Missing key/value separator`, `Expected an equals sign \("="\) to mark the beginning of the attribute value\.`},
		{"hcl.missing_value", `Missing attribute value`, `Expected an attribute value, introduced by an equals sign \("="\)\.`},
	}
	out := make([]hclText, len(raw))
	for i, r := range raw {
		out[i] = hclText{r.key, regexp.MustCompile(`^` + r.summary + `$`), regexp.MustCompile(`^` + r.detail + `$`)}
	}
	return out
})

// hclSuggestions are the hints hcl appends to a detail (compiled on first
// use, as hclTexts).
var hclSuggestions = sync.OnceValue(func() []hclSuggestion {
	return []hclSuggestion{
		{"hcl.did_you_mean", regexp.MustCompile(` Did you mean (".*")\?$`)},
		{"hcl.did_you_mean_block", regexp.MustCompile(` Did you mean to define a block of type (".*")\?$`)},
		{"hcl.did_you_mean_argument", regexp.MustCompile(` Did you mean to define argument (".*")\? If so, use the equals sign to assign it a value\.$`)},
	}
})

type hclSuggestion struct {
	key string
	re  *regexp.Regexp
}

// HCL renders a diagnostic of the hcl library (its summary and detail) in
// a language when the table knows it; ok is false otherwise.
func HCL(l Lang, hclSummary, hclDetail string) (summary, detail string, ok bool) {
	det, hint := hclDetail, ""
	for _, s := range hclSuggestions() {
		if m := s.re.FindStringSubmatch(det); m != nil {
			det, hint = det[:len(det)-len(m[0])], T(l, s.key, m[1])
			break
		}
	}
	for _, t := range hclTexts() {
		sm := t.summary.FindStringSubmatch(hclSummary)
		dm := t.detail.FindStringSubmatch(det)
		if sm == nil || dm == nil {
			continue
		}
		return T(l, t.key+".summary", strings2any(sm[1:])...), T(l, t.key+".detail", strings2any(dm[1:])...) + hint, true
	}
	return "", "", false
}

func strings2any(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = strings.TrimSpace(x)
	}
	return out
}
