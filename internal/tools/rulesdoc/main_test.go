package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/ruledef"
)

// guide is the template `make docs` renders into docs/guides/rules.md.
const guide = "../../../templates/guides/rules.md.tmpl"

// TestGuideUpToDate: the committed guide is what the registry and the
// English message catalog give today; run `make docs` after changing
// either.
func TestGuideUpToDate(t *testing.T) {
	var out bytes.Buffer
	if err := write(&out); err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), committed) {
		t.Errorf("%s is not what rulesdoc writes: run `make docs` and commit the result", guide)
	}
}

// slug is the anchor GitHub and the Terraform registry give a heading:
// lower case, punctuation other than hyphens dropped, spaces as hyphens.
func slug(heading string) string {
	s := strings.ToLower(heading)
	s = regexp.MustCompile(`[^a-z0-9 _-]`).ReplaceAllString(s, "")
	return strings.ReplaceAll(s, " ", "-")
}

// TestEveryRuleHasItsSection: every rule has a section whose anchor is
// the one its section link names, which links to the rule's page, and
// nothing in the guide links to an anchor no heading has.
func TestEveryRuleHasItsSection(t *testing.T) {
	var out bytes.Buffer
	if err := write(&out); err != nil {
		t.Fatal(err)
	}
	anchors := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^#{2,3} (.+)$`).FindAllStringSubmatch(out.String(), -1) {
		anchors[slug(m[1])] = true
	}
	for _, r := range ruledef.All() {
		if !anchors[r.Anchor()] {
			t.Errorf("%s: no heading gives #%s, where %s points", r.ID, r.Anchor(), r.Link())
		}
		if !strings.HasSuffix(r.SectionLink(), "docs/guides/rules.md#"+r.Anchor()) {
			t.Errorf("%s: link %s is not its section of the rules guide", r.ID, r.SectionLink())
		}
		if !strings.Contains(out.String(), "]("+r.Link()+")") {
			t.Errorf("%s: the guide does not link to its page %s", r.ID, r.Link())
		}
	}
	for _, m := range regexp.MustCompile(`\]\(#([^)]+)\)`).FindAllStringSubmatch(out.String(), -1) {
		if !anchors[m[1]] {
			t.Errorf("the guide links to #%s, which no heading gives", m[1])
		}
	}
	if slug("TC001 non-eu-region") != "tc001-non-eu-region" {
		t.Errorf("slug = %q", slug("TC001 non-eu-region"))
	}
}
