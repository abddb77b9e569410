package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/planfile"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/rules"
	"github.com/trustcloud/trustcloud/internal/testcorpus"
)

// reflectJSONList is how the json format and the inventory were written
// before json.go appended bytes: encoding/json, one element at a time.
// It is the oracle the tests of this file compare json.go with.
func reflectJSONList[T any](w *bytes.Buffer, shell any, key string, list []T) error {
	var head bytes.Buffer
	if err := WriteJSON(&head, shell); err != nil {
		return err
	}
	doc := head.Bytes()
	marker := []byte("\n  \"" + key + "\": []")
	i := bytes.Index(doc, marker)
	if i < 0 {
		return fmt.Errorf("json: no empty %q list at the top level", key)
	}
	if len(list) == 0 {
		_, err := w.Write(doc)
		return err
	}
	bw := bufio.NewWriter(w)
	open := i + len(marker) - 1
	_, _ = bw.Write(doc[:open])
	var elem bytes.Buffer
	enc := json.NewEncoder(&elem)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	for n, v := range list {
		elem.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		if n > 0 {
			_ = bw.WriteByte(',')
		}
		_, _ = bw.WriteString("\n    ")
		_, _ = bw.Write(bytes.TrimSuffix(elem.Bytes(), []byte("\n")))
	}
	_, _ = bw.WriteString("\n  ")
	_, _ = bw.Write(doc[open:])
	return bw.Flush()
}

// reflectReport is the json format as encoding/json writes it.
func reflectReport(t *testing.T, r *Report) []byte {
	t.Helper()
	shell := *r
	shell.Findings = []*Finding{}
	shell.Evaluation = r.evaluation()
	var buf bytes.Buffer
	if err := reflectJSONList(&buf, &shell, "findings", r.Findings); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// reflectGitLab is the gitlab format as encoding/json writes it.
func reflectGitLab(t *testing.T, r *Report) []byte {
	t.Helper()
	issues := []codeQualityIssue{}
	for c := range codeQualityIssues(r) {
		issues = append(issues, *c)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, issues); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// reflectSARIF is the sarif format as encoding/json writes it.
func reflectSARIF(t *testing.T, r *Report) []byte {
	t.Helper()
	run, index := sarifRunOf(r)
	for res := range sarifResults(r, index) {
		run.Results = append(run.Results, *res)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// reflectInventory is the inventory as encoding/json writes it.
func reflectInventory(t *testing.T, inv *inventory.Inventory) []byte {
	t.Helper()
	shell := *inv
	shell.Resources = []*inventory.Resource{}
	var buf bytes.Buffer
	if err := reflectJSONList(&buf, &shell, "resources", inv.Resources); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sameJSON fails the test where json.go's bytes differ from the oracle's,
// showing the first difference.
func sameJSON(t *testing.T, what string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-120)
	t.Errorf("%s: json.go writes other bytes than encoding/json from byte %d (%d bytes against %d):\n got: %q\nwant: %q",
		what, i, len(got), len(want), got[lo:min(len(got), i+80)], want[lo:min(len(want), i+80)])
}

// compareReport compares the json format and the inventory of a report,
// and its gitlab and sarif formats when ci is set (the random reports
// have findings those formats do not take: nil ones, nil rule findings),
// with the oracle's.
func compareReport(t *testing.T, name string, r *Report, ci bool) {
	t.Helper()
	var got bytes.Buffer
	if err := writeJSON(&got, r); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	sameJSON(t, name+" (json report)", got.Bytes(), reflectReport(t, r))
	if ci {
		got.Reset()
		if err := writeGitLab(&got, r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sameJSON(t, name+" (gitlab)", got.Bytes(), reflectGitLab(t, r))
		got.Reset()
		if err := writeSARIF(&got, r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sameJSON(t, name+" (sarif)", got.Bytes(), reflectSARIF(t, r))
	}
	if r.Inventory != nil {
		got.Reset()
		if err := WriteInventoryJSON(&got, r.Inventory); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sameJSON(t, name+" (inventory)", got.Bytes(), reflectInventory(t, r.Inventory))
	}
}

// planReport checks a plan with the default policy (or the policy.hcl
// next to it) into a report, every finding new and given a source.
func planReport(t *testing.T, planPath string) (*Report, error) {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cat = cat.WithClock(func() time.Time { return testNow })
	pol := policy.Default()
	polFile := filepath.Join(filepath.Dir(planPath), "policy.hcl")
	if src, err := os.ReadFile(polFile); err == nil {
		if p, ds := policy.Parse(repoPath(polFile), src); !ds.HasErrors() {
			pol = p
		}
	}
	p, name, err := planfile.Load(planPath, planfile.LoadOptions{})
	if err != nil {
		return nil, err
	}
	inv, _ := inventory.Build(p, name, cat, pol)
	ev := &rules.Evaluator{Catalog: cat, Policy: pol, Now: func() time.Time { return testNow }}
	r := &Report{
		FormatVersion: FormatVersion, Tool: Tool{Name: "trustcloud", Version: "v0.0.0-test"},
		Catalog: inv.Catalog, Policy: inv.Policy, Plan: inv.Plan, Findings: []*Finding{},
		Inventory: inv, Options: Options{PlanFile: inv.Plan.File},
	}
	for i, f := range ev.Evaluate(inv) {
		rf := &Finding{Finding: f, Fingerprint: Fingerprint(f), Status: StatusNew}
		if i%2 == 0 {
			rf.Source = &SourceRef{File: "main.tf", Line: i + 1}
			rf.NewBecause = []NewReason{{Reason: ReasonCreated}, {Reason: ReasonChanged, Changed: []string{InputLocation}, Detail: "was <eu-west-3> & now \"us\""}}
		}
		r.Findings = append(r.Findings, rf)
	}
	r.Summary = Summarize(inv, r.Findings, "high")
	return r, nil
}

// TestJSONWriterMatchesReflection: on every scenario plan and every plan
// of the shared corpus, the json report and the inventory json.go writes
// are the bytes encoding/json wrote for them, byte for byte.
func TestJSONWriterMatchesReflection(t *testing.T) {
	for _, c := range scenarioCases {
		compareReport(t, "case "+c.name, c.build(t), true)
	}
	scenarios, err := filepath.Glob("../../testdata/scenarios/*/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	corpus, err := filepath.Glob(filepath.Join(testcorpus.Dir(t), "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(scenarios) < 20 || len(corpus) < 15 {
		t.Fatalf("%d scenario plans and %d corpus plans: expected the repository's scenarios (40+) and the shared corpus (90+)", len(scenarios), len(corpus))
	}
	plans, findings, resources := 0, 0, 0
	for _, path := range append(scenarios, corpus...) {
		r, err := planReport(t, path)
		if err != nil {
			// A plan the analyzer refuses has no report to write.
			t.Logf("%s: not loaded: %v", path, err)
			continue
		}
		compareReport(t, path, r, true)
		plans++
		findings += len(r.Findings)
		resources += len(r.Inventory.Resources)
	}
	if plans < len(scenarios)+len(corpus)-10 {
		t.Errorf("only %d of %d plans loaded", plans, len(scenarios)+len(corpus))
	}
	if findings < 500 {
		t.Errorf("the plans gave only %d findings: the comparison covers too little", findings)
	}
	t.Logf("%d plans compared: %d findings, %d resources", plans, findings, resources)
}

// oddStrings are strings encoding/json escapes in every way it has.
var oddStrings = []string{
	"", "plain", `quote " backslash \ slash /`, "<script>&amp;</script>", "a\x00b\x01\x1f\x7f",
	"\b\f\n\r\t", "line\u2028para\u2029", "bad \xff\xfe utf-8 \xc3", "truncated \xe2\x80",
	"é ü 中文 🙂", "\u2027\u202a", "\xed\xa0\x80 surrogate", "tab\tin <middle> & end",
}

// TestJSONStringEscaping: appendJSONString quotes as encoding/json does,
// with and without HTML escaping, the odd strings and random bytes.
func TestJSONStringEscaping(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	strs := append([]string{}, oddStrings...)
	for range 2000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		strs = append(strs, string(b))
	}
	for _, s := range strs {
		for _, html := range []bool{false, true} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(html)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			if got := appendJSONString(nil, s, html); !bytes.Equal(got, bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
				t.Errorf("%q (html %v): %s, encoding/json writes %s", s, html, got, want.Bytes())
			}
		}
	}
}

// fill sets every field encoding/json writes of v (a pointer) to random
// values: odd strings, nil or set pointers, nil, empty or full lists.
func fill(rng *rand.Rand, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if rng.IntN(4) == 0 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(rng, p.Elem())
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" {
				continue
			}
			fill(rng, v.Field(i))
		}
	case reflect.Slice:
		switch rng.IntN(4) {
		case 0:
			v.SetZero()
		case 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			s := reflect.MakeSlice(v.Type(), 1+rng.IntN(3), 3)
			for i := range s.Len() {
				fill(rng, s.Index(i))
			}
			v.Set(s)
		}
	case reflect.String:
		v.SetString(oddStrings[rng.IntN(len(oddStrings))])
	case reflect.Map:
		if rng.IntN(4) == 0 {
			v.SetZero()
			return
		}
		m := reflect.MakeMap(v.Type())
		for range rng.IntN(4) {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(rng, k)
			fill(rng, e)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Interface:
		// What property maps hold: strings, booleans, numbers, maps,
		// and values written through encoding/json.
		switch rng.IntN(7) {
		case 0:
			v.Set(reflect.ValueOf(oddStrings[rng.IntN(len(oddStrings))]))
		case 1:
			v.Set(reflect.ValueOf(rng.IntN(2) == 0))
		case 2:
			v.Set(reflect.ValueOf(rng.IntN(100)))
		case 3:
			m := map[string]any{}
			fill(rng, reflect.ValueOf(&m).Elem())
			v.Set(reflect.ValueOf(m))
		case 4:
			var l inventory.Location
			fill(rng, reflect.ValueOf(&l).Elem())
			v.Set(reflect.ValueOf(l))
		case 5:
			var s Summary
			fill(rng, reflect.ValueOf(&s).Elem())
			v.Set(reflect.ValueOf(s))
		default:
			v.Set(reflect.ValueOf([]string{"<a>", "\u2028"}))
		}
	case reflect.Bool:
		v.SetBool(rng.IntN(2) == 0)
	case reflect.Int:
		v.SetInt(rng.Int64N(2000) - 1000)
	default:
		panic("fill: no values for " + v.Type().String() + ": teach fill and json.go about it")
	}
}

// TestJSONWriterOddValues: findings and resources with every field set at
// random, odd strings (control characters, invalid UTF-8, <>&, U+2028)
// in addresses, evidence, tags and everywhere else, nil and empty lists
// and pointers, are written as encoding/json writes them. A field added
// to the types without json.go writing it fails here.
func TestJSONWriterOddValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 2))
	for i := range 300 {
		r := &Report{FormatVersion: FormatVersion, Tool: Tool{Name: "trustcloud", Version: "<v>&\u2028"},
			Findings: []*Finding{}, Inventory: &inventory.Inventory{FormatVersion: inventory.FormatVersion, Resources: []*inventory.Resource{}}}
		for range rng.IntN(4) {
			var f Finding
			fill(rng, reflect.ValueOf(&f).Elem())
			r.Findings = append(r.Findings, &f)
			var res inventory.Resource
			fill(rng, reflect.ValueOf(&res).Elem())
			r.Inventory.Resources = append(r.Inventory.Resources, &res)
		}
		if i%50 == 0 {
			r.Findings = append(r.Findings, nil)
			r.Inventory.Resources = append(r.Inventory.Resources, nil)
		}
		compareReport(t, fmt.Sprintf("random report %d", i), r, false)
	}
	for i := range 300 {
		issues := []*codeQualityIssue{}
		for range rng.IntN(4) {
			var c codeQualityIssue
			fill(rng, reflect.ValueOf(&c).Elem())
			issues = append(issues, &c)
		}
		var got, want bytes.Buffer
		if err := writeJSONArray(&got, slices.Values(issues), appendCodeQualityIssue); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSON(&want, issues); err != nil {
			t.Fatal(err)
		}
		sameJSON(t, fmt.Sprintf("random gitlab issues %d", i), got.Bytes(), want.Bytes())
	}
	for i := range 300 {
		results := []*sarifResult{}
		for range rng.IntN(4) {
			var res sarifResult
			fill(rng, reflect.ValueOf(&res).Elem())
			results = append(results, &res)
		}
		var got, want bytes.Buffer
		if err := writeJSONArray(&got, slices.Values(results), appendSARIFResult); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSON(&want, results); err != nil {
			t.Fatal(err)
		}
		sameJSON(t, fmt.Sprintf("random sarif results %d", i), got.Bytes(), want.Bytes())
	}
	// The odd strings did reach the output, HTML-escaped in locations
	// only, as encoding/json (through Location.MarshalJSON) writes them.
	var out strings.Builder
	r := &Report{Findings: []*Finding{{Finding: &rules.Finding{Address: "<a>", Location: &inventory.Location{Evidence: texts("<e>")}}}}}
	if err := writeJSON(&out, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"address": "<a>"`) || !strings.Contains(out.String(), `"\u003ce\u003e"`) {
		t.Errorf("HTML escaping: want <a> as is in the address and \\u003ce\\u003e in the location's evidence:\n%s", out.String())
	}
}
