// Command rulesdoc writes the rules guide (a tfplugindocs template, on
// standard output) and, with -pages DIR, a page for each rule
// (DIR/TC001.md …) from the rule registry, the English message catalog and
// the examples of examples.go, so the documentation cannot drift from what
// trustcloud reports. `make docs` runs it from the repository root. A
// rule's page is what its documentation link (ruledef.Rule.Link, SARIF's
// helpUri) points at; the guide has a section of each rule, linking to its
// page. The examples are checked when the pages are written: rulesdoc
// fails when one that should fire does not, or one that should pass does.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/ruledef"
)

func main() {
	dir := flag.String("pages", "", "write each rule's page into `DIR` (docs/rules), checking its examples from the repository root (the working directory)")
	flag.Parse()
	if *dir != "" {
		if err := writePages(".", *dir); err != nil {
			fmt.Fprintln(os.Stderr, "rulesdoc:", err)
			os.Exit(2)
		}
	}
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
	p("A finding names its rule by a stable id and name, in every format and language; a policy names rules by id in `rule_severity`, `disabled_rules` and in waivers.\n\n")
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
		p("- **Page** (what it checks, why, an example that fires and one that passes, how to fix, how to waive): [%s](%s).\n", r.Page(), r.Link())
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
		return fmt.Sprintf("always `%s`: the policy it judges can neither change its severity, disable it nor waive it", r.Severity)
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
