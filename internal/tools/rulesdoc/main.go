// Command rulesdoc writes the rules guide (a tfplugindocs template) from
// the rule registry and the English message catalog, so the guide cannot
// drift from what trustcloud reports. `make docs` runs it; each rule's
// section is what its documentation link (ruledef.Rule.Link) points at.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/ruledef"
)

func main() {
	if err := write(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "rulesdoc:", err)
		os.Exit(2)
	}
}

// write writes the guide.
func write(w io.Writer) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("---\npage_title: \"The trustcloud rules\"\nsubcategory: \"\"\ndescription: |-\n  Every rule trustcloud check applies: when it fires, the severity of its findings, what to do about one, and the doctrine it rests on.\n---\n\n")
	p("# The trustcloud rules\n\n")
	p("This page is generated from the rule registry (`internal/ruledef`) and the English message catalog by `make docs`. ")
	p("A finding names its rule by a stable id and name, in every format and language; a policy names rules by id in `rule_severity` and in waivers.\n\n")
	p("| id | name | in short |\n|---|---|---|\n")
	for _, r := range ruledef.All() {
		p("| [%s](#%s) | %s | %s |\n", r.ID, r.Anchor(), r.Name, r.Short(i18n.English))
	}
	p("\nA finding's severity is what the policy sets for its resource's sensitivity level: the level's `rule_severity` for the rule, ")
	p("`low` for an unknown location at a level whose `unknown_location` is `\"warn\"`, the policy's `rule_severity`, else the level's `severity`. ")
	p("SARIF viewers show a rule's default severity until a result says its own. ")
	p("JUnit reports test every checked resource once per group of rules, under the same names in every language.\n")
	for _, r := range ruledef.All() {
		p("\n## %s %s\n\n", r.ID, r.Name)
		p("%s\n\n", r.Summary(i18n.English))
		p("- **Severity**: %s.\n", severity(r))
		p("- **What to do**: %s\n", r.Help(i18n.English))
		cites := make([]string, len(r.Citations()))
		for i, c := range r.Citations() {
			cites[i] = c.In(i18n.English)
		}
		p("- **Doctrine**: %s.\n", strings.Join(cites, "; "))
		p("- **JUnit test**: `%s (%s)`%s.\n", r.Group, strings.Join(ids(ruledef.InGroup(r.Group)), "/"), of(r))
		p("- **In French**: %s.\n", r.Title(i18n.French))
	}
	p("\n## The texts the rules rest on\n\n")
	for _, d := range ruledef.Doctrines() {
		p("- **%s** (`%s`): %s\n", d.Title, d.ID, d.Citation)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// severity says what severity the rule's findings have.
func severity(r ruledef.Rule) string {
	switch {
	case r.JudgesPolicy:
		return fmt.Sprintf("always `%s`: the policy it judges can neither change its severity nor waive it", r.Severity)
	case r.Severity != "":
		return fmt.Sprintf("`%s` at every level of the built-in profiles (their `rule_severity`), which a policy may change", r.Severity)
	}
	return fmt.Sprintf("set by the policy for the resource's level; shown as `%s` until a finding says its own", r.Default)
}

// of says what a rule's JUnit test is about, when it is no resource.
func of(r ruledef.Rule) string {
	if r.JudgesPolicy {
		return ", the only test of the policy file"
	}
	return ", on every checked resource"
}

func ids(in []ruledef.ID) []string {
	out := make([]string, len(in))
	for i, id := range in {
		out[i] = string(id)
	}
	return out
}
