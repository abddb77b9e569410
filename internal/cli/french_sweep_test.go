package cli_test

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The French sweep runs every command, and check with every report
// format written for people, with --lang fr, on a plan with findings, one
// with waivers and on inputs with errors, and fails on any English
// sentence: a line that, once identifiers are taken out, still holds an
// English function word.
//
// The json, gitlab and oscal formats are not swept: they are
// machine-readable and stay in English whatever the language (see `trustcloud
// help` and package i18n). SARIF and JUnit are swept in the fields their
// readers show to people: SARIF's message, description and help texts,
// JUnit's messages and failure texts.

// englishWords are English function words, matched as whole words: no
// French sentence holds them.
var englishWords = regexp.MustCompile(`(?i)\b(the|is|not|and|of|with|was|were|has|have|this|that|which|from|should|must|are|be|cannot|does|will|when|only|it|its|by|for|to|you|your|there)\b`)

var (
	sweepURL = regexp.MustCompile(`https?://\S+`)
	// Backticked and double-quoted text quotes identifiers and values
	// (`terraform show -json`, "eu-west-3"); single quotes too, when they
	// are not a French elision (l'offre).
	sweepBackticked = regexp.MustCompile("`[^`]*`")
	sweepQuoted     = regexp.MustCompile(`"[^"]*"`)
	sweepSingle     = regexp.MustCompile(`(^|[\s(\[])'[^']*'`)
	// sweepIdentChars in a word make it an identifier: an address, a path,
	// a JSON key, key=value, a region code.
	sweepIdentChars = regexp.MustCompile(`[-_/=.:\[\]{}<>@$#*|\\0-9]`)
)

// sweepLine takes identifiers out of a line: URLs, quoted text, and words
// that are addresses, paths, flags, rule ids, codes or metavariables.
func sweepLine(line string) string {
	line = sweepURL.ReplaceAllString(line, " ")
	line = sweepBackticked.ReplaceAllString(line, " ")
	line = sweepQuoted.ReplaceAllString(line, " ")
	line = sweepSingle.ReplaceAllString(line, "$1 ")
	var kept []string
	for _, w := range strings.Fields(line) {
		w = strings.Trim(w, ",;:.!?()«»[]")
		switch {
		case w == "", strings.HasPrefix(w, "-"), sweepIdentChars.MatchString(w), strings.ToUpper(w) == w:
			continue
		}
		kept = append(kept, w)
	}
	return strings.Join(kept, " ")
}

// sweep collects the English lines of the outputs of a run of commands.
type sweep struct {
	t *testing.T
	// data are texts the user or the catalog wrote: waiver reasons and
	// approvers, the catalog's offer names and cities. They are quoted as written.
	data []string
	// swept counts the lines looked at.
	swept int
}

// check fails on every line of text, output of what, that says something
// in English.
func (s *sweep) check(what, text string) {
	s.t.Helper()
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		s.swept++
		clean := line
		for _, d := range s.data {
			clean = strings.ReplaceAll(clean, d, " ")
		}
		if w := englishWords.FindString(sweepLine(clean)); w != "" {
			s.t.Errorf("%s: English (%q) in:\n%s", what, w, line)
		}
	}
}

// sweepRun runs the command line in French and sweeps what it printed; it
// returns the result for further checks.
func (s *sweep) run(stdin string, args ...string) result {
	s.t.Helper()
	r := run(s.t, stdin, append([]string{args[0], "--lang", "fr"}, args[1:]...)...)
	name := "trustcloud " + strings.Join(args, " ")
	s.check(name+" (stdout)", r.stdout)
	s.check(name+" (stderr)", r.stderr)
	return r
}

// sweepSARIF sweeps the texts of a SARIF log that people read.
func (s *sweep) sarif(what, doc string) {
	s.t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		s.t.Fatalf("%s: %v", what, err)
	}
	var texts []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(k, x)
			}
		case []any:
			for _, x := range v {
				walk(key, x)
			}
		case string:
			if key == "text" || key == "markdown" {
				texts = append(texts, v)
			}
		}
	}
	walk("", v)
	if len(texts) == 0 {
		s.t.Fatalf("%s: no texts in the SARIF log", what)
	}
	s.check(what, strings.Join(texts, "\n"))
}

var (
	xmlTag     = regexp.MustCompile(`(?s)<[^>]*>`)
	xmlMessage = regexp.MustCompile(`\bmessage="([^"]*)"`)
	htmlHidden = regexp.MustCompile(`(?s)<(script|style)\b.*?</(script|style)>`)
)

// markup sweeps the text of an XML or HTML document: its text nodes, and
// its message attributes (JUnit).
func (s *sweep) markup(what, doc string) {
	s.t.Helper()
	var texts []string
	for _, m := range xmlMessage.FindAllStringSubmatch(doc, -1) {
		texts = append(texts, html.UnescapeString(m[1]))
	}
	doc = htmlHidden.ReplaceAllString(doc, "\n")
	texts = append(texts, html.UnescapeString(xmlTag.ReplaceAllString(doc, "\n")))
	s.check(what, strings.Join(texts, "\n"))
}

// collectStrings adds to out the strings under the given keys of a JSON
// document.
func collectStrings(t *testing.T, doc string, keys map[string]bool, out *[]string) {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("%v\n%s", err, doc)
	}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(k, x)
			}
		case []any:
			for _, x := range v {
				walk(key, x)
			}
		case string:
			if keys[key] && v != "" {
				*out = append(*out, v)
			}
		}
	}
	walk("", v)
}

// longestFirst sorts texts so that a text is taken out before the shorter
// ones it holds.
func longestFirst(texts []string) []string {
	sort.Slice(texts, func(i, j int) bool { return len(texts[i]) > len(texts[j]) })
	return texts
}

// errorPlace is the start of an error line that names a place and stays
// the same in every language: the file, and a JSON path or a line and
// column (said in the run's language).
var errorPlace = regexp.MustCompile(`^trustcloud: ([^:]+: )?(\$[^ ]*: |(line|ligne) \d+, (column|colonne) \d+: )?`)

// untranslated fails when a message of the English error lines en, its
// place taken out, is still in the French error lines fr: the words the
// sweep does not know as English ("unknown field", "expected an array,
// got a string") are caught this way.
func untranslated(t *testing.T, en, fr string) {
	t.Helper()
	if strings.TrimSpace(en) == "" || strings.TrimSpace(fr) == "" {
		t.Errorf("no error to compare:\nEnglish:\n%s\nFrench:\n%s", en, fr)
		return
	}
	for _, line := range strings.Split(strings.TrimSpace(en), "\n") {
		if !strings.HasPrefix(line, "trustcloud: ") {
			line = "trustcloud: " + line
		}
		msg := errorPlace.ReplaceAllString(line, "")
		if msg == "" || strings.Contains(fr, msg) {
			t.Errorf("English error left in French: %q in:\n%s", msg, fr)
		}
	}
}

func TestFrenchSweep(t *testing.T) {
	dir := t.TempDir()
	findings := "../../testdata/scenarios/ministry/plan.json"
	waivers := "../../testdata/scenarios/rule-control/plan.json"
	waiverPolicy := "../../testdata/scenarios/rule-control/policy.hcl"
	s := &sweep{t: t}

	// The user's waiver texts, the catalog's offer names and cities.
	for _, p := range []struct{ plan, policy string }{{findings, ""}, {waivers, waiverPolicy}} {
		check := []string{"check", "--format", "json"}
		if p.policy != "" {
			check = append(check, "--policy", p.policy)
		}
		res := run(t, "", append(check, p.plan)...)
		var doc struct {
			Findings []struct {
				Waiver *struct {
					Reason     string `json:"reason"`
					ApprovedBy string `json:"approved_by"`
				} `json:"waiver"`
			} `json:"findings"`
			InlineWaivers []struct {
				Reason     string `json:"reason"`
				ApprovedBy string `json:"approved_by"`
				Text       string `json:"text"`
			} `json:"inline_waivers"`
		}
		if err := json.Unmarshal([]byte(res.stdout), &doc); err != nil {
			t.Fatal(err)
		}
		for _, f := range doc.Findings {
			if f.Waiver != nil {
				s.data = append(s.data, f.Waiver.Reason, f.Waiver.ApprovedBy)
			}
		}
		for _, w := range doc.InlineWaivers {
			s.data = append(s.data, w.Reason, w.ApprovedBy, w.Text)
		}
	}
	offers := run(t, "", "catalog", "offers", "--format", "json")
	collectStrings(t, offers.stdout, map[string]bool{"name": true}, &s.data)
	regions := run(t, "", "catalog", "regions", "--format", "json")
	collectStrings(t, regions.stdout, map[string]bool{"city": true}, &s.data)
	s.data = longestFirst(slices.DeleteFunc(s.data, func(d string) bool { return d == "" }))
	if len(s.data) == 0 {
		t.Fatal("no data texts collected")
	}

	// Help of every command.
	s.run("", "help")
	for _, c := range []string{"check", "inventory", "catalog", "policy", "verify", "keygen", "version", "help"} {
		s.run("", "help", c)
		s.run("", c, "--help")
	}
	s.run("", "help", "policy", "init")
	s.run("", "help", "policy", "validate")
	s.run("", "version")

	// check, every format for people, on findings and on waivers.
	for _, plan := range [][]string{{findings}, {"--policy", waiverPolicy, waivers}} {
		for _, f := range []string{"text", "markdown", "github"} {
			s.run("", append([]string{"check", "--format", f}, plan...)...)
		}
		for _, f := range []string{"html", "junit", "sarif"} {
			r := run(t, "", append([]string{"check", "--lang", "fr", "--format", f}, plan...)...)
			s.check("check --format "+f+" (stderr)", r.stderr)
			if f == "sarif" {
				s.sarif("check --format sarif", r.stdout)
			} else {
				s.markup("check --format "+f, r.stdout)
			}
		}
		// Why findings are new: --new-only.
		s.run("", append([]string{"check", "--new-only"}, plan...)...)
		// Reports written to files: the summary on stderr.
		s.run("", append([]string{"check", "--format", "json=" + filepath.Join(dir, "r.json")}, plan...)...)
		s.run("", append([]string{"inventory"}, plan...)...)
	}

	// The catalog's listings.
	for _, l := range []string{"providers", "offers", "regions", "operators", "types"} {
		s.run("", "catalog", l)
	}

	// policy init and validate, keygen, evidence bundles and verify.
	pol := filepath.Join(dir, "trustcloud.hcl")
	s.run("", "policy", "init", pol)
	s.run("", "policy", "init", pol)
	s.run("", "policy", "validate", pol)
	s.run("", "policy", "validate", waiverPolicy)
	key := filepath.Join(dir, "k")
	s.run("", "keygen", "--out", key)
	s.run("", "keygen", "--out", key)
	other := filepath.Join(dir, "other")
	s.run("", "keygen", "--out", other)
	bundle := filepath.Join(dir, "bundle")
	s.run("", "check", "--evidence", bundle, "--sign", key+".key", findings)
	s.run("", "verify", "--pubkey", key+".pub", "--plan", findings, bundle)
	s.run("", "verify", bundle)
	s.run("", "verify", "--pubkey", other+".pub", "--plan", waivers, bundle)
	if err := os.WriteFile(filepath.Join(bundle, "inventory.json"), []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bundle, "extra.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(bundle, "findings.json")); err != nil {
		t.Fatal(err)
	}
	if r := s.run("", "verify", "--pubkey", key+".pub", bundle); !strings.Contains(r.stdout, "ALTÉRÉ") {
		t.Errorf("verify of a tampered bundle:\n%s", r)
	}
	s.run("", "verify", key+".pub")
	s.run("", "verify", "--pubkey", key+".key", bundle)
	s.run("", "check", "--evidence", bundle, findings)

	// Errors: plans, policies, usage.
	bad := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	plans := []string{
		bad("empty.json", ""),
		bad("syntax.json", `{"format_version":"1.2","x":[1,}`),
		bad("truncated.json", `{"format_version":"1.2","resource_changes":[{"address":"a`),
		bad("array.json", `[1]`),
		bad("version.json", `{"format_version":"9.0","planned_values":{}}`),
		bad("twice.json", `{"format_version":"1.2","format_version":"1.2"}`),
		bad("nochange.json", `{"format_version":"1.2","resource_changes":[{"address":"aws_s3_bucket.a","mode":"managed","type":"aws_s3_bucket","name":"a","provider_name":"registry.terraform.io/hashicorp/aws"}]}`),
		bad("mode.json", `{"format_version":"1.2","resource_changes":[{"address":"aws_s3_bucket.a","mode":"data","type":"aws_s3_bucket","name":"a","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"]}}]}`),
		bad("dup.json", `{"format_version":"1.2","resource_changes":[{"address":"aws_s3_bucket.a","mode":"managed","type":"aws_s3_bucket","name":"a","provider_name":"p","change":{"actions":["create"]}},{"address":"aws_s3_bucket.a","mode":"managed","type":"aws_s3_bucket","name":"a","provider_name":"p","change":{"actions":["create"]}}]}`),
		bad("planned.json", `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket.a","mode":"managed","type":"aws_s3_bucket","name":"a"}]}}}`),
		bad("utf16.json", "\xff\xfe{\x00}\x00"),
		filepath.Join(dir, "missing.json"),
		dir,
	}
	for _, p := range plans {
		if r := s.run("", "check", p); r.stderr == "" {
			t.Errorf("check %s: no error:\n%s", p, r)
		}
	}
	policies := []string{
		bad("p-profile.hcl", `profile = "fr-cloud-au-centr"`),
		bad("p-level.hcl", "level \"Bad Name\" {\n}\nlevel \"sensitive\" {\n  rule_severity = { TC013 = \"low\" }\n}\n"),
		bad("p-waiver.hcl", "waiver \"W1\" {\n  rules = [\"TC001\"]\n  addresses = []\n  reason = \" \"\n  expires = \"2027-13-01\"\n}\nwaiver \"W1\" {\n}\n"),
		bad("p-misc.hcl", "max_waiver_days = -1\nexpiry_warning_days = \"x\"\ndisabled_rules = [\"TC099\", \"TC013\"]\ntrusted_registries = [\"registry.terraform.io\", \"https://x\"]\nclassification {\n  default_level = \"secret\"\n  aliases = { \"\" = \"x\", sensitive = \"internal\" }\n}\n"),
		bad("p-none.hcl", `profile = "none"`),
		bad("p-syntax.hcl", "level {\n"),
		bad("p-argument.hcl", "colour = \"blue\"\nlevel \"a\" \"b\" {\n}\n"),
		bad("p-type.hcl", "disabled_rules = \"TC001\"\nmax_waiver_days = 10\nmax_waiver_days = 11\n"),
		filepath.Join(dir, "missing.hcl"),
	}
	for _, p := range policies {
		if r := s.run("", "policy", "validate", p); r.stderr == "" {
			t.Errorf("policy validate %s: no error:\n%s", p, r)
		}
		s.run("", "check", "--policy", p, findings)
	}
	// Catalog files that do not load, given to check and to catalog.
	catalogs := []string{
		bad("c-empty.json", ""),
		bad("c-syntax.json", "{\n  \"schema_version\": \"1\",\n  \"offers\": [1,]\n}"),
		bad("c-truncated.json", `{"schema_version": "1", "offers": [`),
		bad("c-literal.json", `{"schema_version": tru}`),
		bad("c-trailing.json", "{\"schema_version\": \"1\"}\n{}"),
		bad("c-array.json", `[]`),
		bad("c-field.json", `{"schema_version": "1", "offerz": []}`),
		bad("c-type.json", `{"schema_version": "1", "offers": [{"id": "x", "regions": "fr-par", "unverified": "yes"}], "sources": {}}`),
		bad("c-schema.json", `{"schema_version": "2.0"}`),
		bad("c-duplicate.json", `{"schema_version": "1", "offers": [{"id": "a"}, {"id": "a"}], "regions": [{"operator": "ovhcloud", "code": "x"}, {"operator": "ovhcloud", "code": "X"}]}`),
		bad("c-date.json", `{"schema_version": "1", "as_of": "2026-02-30", "anssi_edition": "2027-01"}`),
		bad("c-invalid.json", `{"schema_version": "1",
  "sources": [{"id": "Src 1", "url": "ftp://x"}],
  "operators": [{"id": "acme", "name": "Acme", "country": "EU", "brand": "Acme Group", "extraterritorial_laws": ["law"]}],
  "regions": [{"operator": "acme", "code": "r1", "kind": "zone", "aliases": [" "], "source_ids": ["nope"]}, {"operator": "nobody", "code": "r2", "country": "FR"}],
  "offers": [{"id": "acme-x", "operator": "acme", "name": "X", "status": "qualified", "model": "DBaaS", "qualified_on": "2026-99", "expires_on": "2025",
    "milestones": {"J4": "2024"}, "replaces": ["Bad"], "resource_types": ["acme_["], "regions": ["nowhere"], "source_ids": ["s-none"]},
    {"id": "acme-y", "operator": "acme", "name": "Y", "status": "J1", "qualified_on": "2025-01-01", "source_ids": []}],
  "terraform_providers": [{"source": "registry.terraform.io/acme/acme", "not_located": true, "default_region": "r9",
    "operators": [{"operator": "nobody"}, {"operator": "acme", "when": {"equals": "a", "matches": "b"}}],
    "resource_attributes": [{"path": "", "role": "endpoint", "pattern": "(", "types": ["!"]}],
    "redirect_attributes": [{"path": ""}], "parent_attributes": [""], "source_ids": ["s1"]}]}`),
		bad("c-types.json", `{"schema_version": "1",
  "type_scopes": [{"source": "", "type": "x", "scope": "planet"}, {"source": "a/b", "type": "b_x", "scope": "parent"}],
  "data_flows": [{"source": "a/b", "type": "", "path": "", "flow": "teleport", "value": "gold"}]}`),
		filepath.Join(dir, "missing-catalog.json"),
	}
	for _, c := range catalogs {
		for _, args := range [][]string{{"check", "--catalog", c, findings}, {"catalog", "offers", "--catalog", c}} {
			r := s.run("", args...)
			if !strings.Contains(r.stderr, filepath.Base(c)) {
				t.Errorf("%s: the error does not name the file:\n%s", strings.Join(args, " "), r)
			}
			untranslated(t, run(t, "", args...).stderr, r.stderr)
		}
	}
	// Lookups that name nothing in the catalog.
	for _, args := range [][]string{
		{"catalog", "offers", "--operator", "ovhh"},
		{"catalog", "regions", "--provider", "hashicorp/awz"},
		{"catalog", "types", "--provider", "nope/nope"},
	} {
		untranslated(t, run(t, "", args...).stderr, s.run("", args...).stderr)
	}
	// Terraform configurations that do not load.
	for name, src := range map[string]string{
		"tf-syntax":   "resource \"aws_s3_bucket\" \"a\" {\n",
		"tf-twice":    "resource \"aws_s3_bucket\" \"a\" {\n}\nresource \"aws_s3_bucket\" \"a\" {\n}\n",
		"tf-override": "",
		"tf-module":   "module \"net\" {\n  source = \"./net\"\n}\n",
		"tf-argument": "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"x\"\n  bucket = \"y\"\n}\n",
	} {
		d := filepath.Join(dir, name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		file := "main.tf"
		if name == "tf-override" {
			file, src = "main_override.tf", "provider \"aws\" {\n  region = \"eu-west-3\"\n}\n"
		}
		if err := os.WriteFile(filepath.Join(d, file), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
		if r := s.run("", "check", "--config-dir", d, findings); r.stderr == "" {
			t.Errorf("check --config-dir %s: no error:\n%s", name, r)
		}
	}
	s.run("", "check", "--config-dir", filepath.Join(dir, "no-such-dir"), findings)
	// A deployed state, and a configuration directory checked without a
	// plan.
	s.run("", "check", bad("state.json", `{"format_version":"1.0","values":{}}`))
	for _, f := range []string{"text", "markdown", "github"} {
		s.run("", "check", "--format", f, "../../testdata/scenarios/ministry")
	}
	s.run("", "inventory", "../../testdata/scenarios/ministry")
	s.run("", "check", "--var", "nope", "../../testdata/scenarios/ministry")
	s.run("", "check", "--var", "nope=1", "../../testdata/scenarios/ministry")
	s.run("", "check", "--var-file", filepath.Join(dir, "missing.tfvars"), "../../testdata/scenarios/ministry")
	// Sources that are not the plan's, baselines.
	s.run("", "check", "--config-dir", "../../testdata/scenarios/rule-control", findings)
	base := filepath.Join(dir, "baseline.json")
	b := run(t, "", "check", "--format", "json", findings)
	if err := os.WriteFile(base, []byte(b.stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	s.run("", "check", "--baseline", base, "--policy", waiverPolicy, waivers)
	s.run("", "check", "--baseline", bad("b-empty.json", "{}"), findings)
	s.run("", "check", "--baseline", bad("b-syntax.json", "{"), findings)
	s.run("", "check", "--baseline", bad("b-fp.json", `{"format_version":"1","findings":[{"severity":"high"}]}`), findings)
	s.run("", "check", "--baseline", bad("b-sev.json", `{"format_version":"1","findings":[{"fingerprint":"x","severity":"extreme"}]}`), findings)
	s.run("", "check", "--baseline", filepath.Join(dir, "missing-baseline.json"), findings)
	s.run("", "check", "--fail-on", "extreme", findings)
	// Inline waivers with errors, and a refused one, are in the waiver
	// scenario above; usage errors:
	s.run("", "check")
	s.run("", "check", "--frmat", "text", findings)
	s.run("", "check", "--format", "json", "--format", "sarif", findings)
	s.run("", "chek")
	s.run("", "catalog", "ofers")
	s.run("", "policy", "int")
	s.run("", "verify")

	t.Logf("%d lines swept", s.swept)
	if s.swept < 1000 {
		t.Errorf("only %d lines swept: is the sweep running the commands?", s.swept)
	}
	// The sweep finds English where there is some.
	for _, english := range []string{"the plan is not valid", "cannot read the policy file", "Waiver must say when it ends"} {
		if !englishWords.MatchString(sweepLine(english)) {
			t.Errorf("the sweep misses %q", english)
		}
	}
	for _, french := range []string{"le plan n'est pas valide : \"the\" est cité", "aws_s3_bucket.this est dans la région us-east-1", "voir `terraform show -json`"} {
		if w := englishWords.FindString(sweepLine(french)); w != "" {
			t.Errorf("the sweep reads %q as English in %q", w, french)
		}
	}
}
