package report

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/trustcloud/trustcloud/internal/i18n"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/ruledef"
)

// oscalSchema is the official OSCAL 1.1.2 assessment-results JSON schema
// (see testdata/README.md).
const oscalSchema = "testdata/oscal-1.1.2-assessment-results_schema.json"

// compileOSCALSchema compiles the OSCAL schema with format assertions on.
// The schema is draft-07 but gives 12 definitions an "$id" anchor next to
// a "$ref"; draft-07 says a "$ref" object's other keywords are ignored, so
// a strict validator does not see those anchors and cannot resolve the
// references to them. Each such definition is rewritten, in memory, as the
// equivalent {"$id": …, "allOf": [{"$ref": …}]}; nothing else changes.
func compileOSCALSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(oscalSchema)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	rewritten := 0
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"]; ok {
				if _, ok := v["$id"]; ok {
					delete(v, "$ref")
					v["allOf"] = []any{map[string]any{"$ref": ref}}
					rewritten++
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	if rewritten != 12 {
		t.Fatalf("rewrote %d $ref objects with an $id, want the 12 of the official schema: is it another file?", rewritten)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(oscalSchema, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(oscalSchema)
	if err != nil {
		t.Fatalf("compiling %s: %v", oscalSchema, err)
	}
	return sch
}

// oscalOut is the part of an assessment-results document the tests read
// back.
type oscalOut struct {
	AR struct {
		UUID     string `json:"uuid"`
		Metadata struct {
			Title        string      `json:"title"`
			LastModified string      `json:"last-modified"`
			OscalVersion string      `json:"oscal-version"`
			Props        []oscalProp `json:"props"`
		} `json:"metadata"`
		ImportAP struct {
			Href string `json:"href"`
		} `json:"import-ap"`
		Results []struct {
			UUID             string `json:"uuid"`
			Start, End       string
			ReviewedControls struct {
				ControlSelections []struct {
					IncludeControls []struct {
						ControlID string `json:"control-id"`
					} `json:"include-controls"`
				} `json:"control-selections"`
			} `json:"reviewed-controls"`
			LocalDefinitions struct {
				Components []struct {
					UUID, Type, Title string
				} `json:"components"`
				InventoryItems []struct {
					UUID  string      `json:"uuid"`
					Props []oscalProp `json:"props"`
				} `json:"inventory-items"`
			} `json:"local-definitions"`
			Observations []struct {
				UUID     string      `json:"uuid"`
				Title    string      `json:"title"`
				Props    []oscalProp `json:"props"`
				Subjects []struct {
					SubjectUUID string `json:"subject-uuid"`
					Type        string `json:"type"`
				} `json:"subjects"`
				Origins []struct {
					Actors []struct {
						Type      string `json:"type"`
						ActorUUID string `json:"actor-uuid"`
					} `json:"actors"`
				} `json:"origins"`
				RelevantEvidence []struct {
					Href        string      `json:"href"`
					Description string      `json:"description"`
					Props       []oscalProp `json:"props"`
				} `json:"relevant-evidence"`
				Collected string `json:"collected"`
			} `json:"observations"`
			Findings []struct {
				UUID   string      `json:"uuid"`
				Title  string      `json:"title"`
				Props  []oscalProp `json:"props"`
				Links  []struct{ Href, Rel string }
				Target struct {
					Type     string `json:"type"`
					TargetID string `json:"target-id"`
					Status   struct{ State, Reason string }
				} `json:"target"`
				RelatedObservations []struct {
					ObservationUUID string `json:"observation-uuid"`
				} `json:"related-observations"`
				RelatedRisks []struct {
					RiskUUID string `json:"risk-uuid"`
				} `json:"related-risks"`
			} `json:"findings"`
			Risks []struct {
				UUID                string      `json:"uuid"`
				Title               string      `json:"title"`
				Status              string      `json:"status"`
				Deadline            string      `json:"deadline"`
				Props               []oscalProp `json:"props"`
				RelatedObservations []struct {
					ObservationUUID string `json:"observation-uuid"`
				} `json:"related-observations"`
			} `json:"risks"`
		} `json:"results"`
		BackMatter struct {
			Resources []struct {
				UUID  string `json:"uuid"`
				Title string `json:"title"`
			} `json:"resources"`
		} `json:"back-matter"`
	} `json:"assessment-results"`
}

type oscalProp struct {
	Name, Value, Ns, Class string
}

// prop returns the values of the props called name.
func prop(ps []oscalProp, name string) []string {
	var out []string
	for _, p := range ps {
		if p.Name == name {
			out = append(out, p.Value)
		}
	}
	return out
}

// renderOSCAL writes a report as OSCAL at a fixed time and reads it back.
func renderOSCAL(t *testing.T, r *Report, at time.Time) ([]byte, oscalOut) {
	t.Helper()
	r.Options.Started, r.Options.Finished = at, at.Add(1500*time.Millisecond)
	out := renderFormat(t, "oscal", r)
	var doc oscalOut
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("OSCAL output is not JSON: %v", err)
	}
	return out, doc
}

var uuidV5Pattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// checkUUIDs checks that every "uuid" of the document is a version 5 UUID
// and unique, and that every reference to one resolves.
func checkUUIDs(t *testing.T, out []byte) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	var refs []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				s, _ := x.(string)
				switch {
				case k == "uuid":
					if !uuidV5Pattern.MatchString(s) {
						t.Errorf("uuid %q is not a version 5 UUID", s)
					}
					if defined[s] {
						t.Errorf("uuid %s is defined twice", s)
					}
					defined[s] = true
				case strings.HasSuffix(k, "-uuid"):
					refs = append(refs, k+"="+s)
				case k == "href" && strings.HasPrefix(s, "#") && len(s) > 1:
					refs = append(refs, k+"="+s[1:])
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	for _, r := range refs {
		_, id, _ := strings.Cut(r, "=")
		if !defined[id] {
			t.Errorf("%s refers to no object of the document", r)
		}
	}
}

func TestOSCAL(t *testing.T) {
	sch := compileOSCALSchema(t)
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	for _, c := range scenarioCases {
		t.Run(c.name, func(t *testing.T) {
			r := c.build(t)
			out, doc := renderOSCAL(t, r, at)
			checkFormatGolden(t, c.name, "oscal", out)
			if err := validateJSON(t, sch, out); err != nil {
				t.Fatalf("not valid OSCAL 1.1.2 assessment results: %v", err)
			}
			checkUUIDs(t, out)
			ar := doc.AR
			if ar.Metadata.OscalVersion != "1.1.2" || ar.ImportAP.Href != "#" || len(ar.Results) != 1 {
				t.Fatalf("oscal-version %q, import-ap %q, %d results: want 1.1.2, #, 1", ar.Metadata.OscalVersion, ar.ImportAP.Href, len(ar.Results))
			}
			if ar.Metadata.LastModified != "2026-12-01T09:00:01Z" {
				t.Errorf("last-modified %s: want the end of the check", ar.Metadata.LastModified)
			}
			res := ar.Results[0]
			if res.Start != "2026-12-01T09:00:00Z" || res.End != "2026-12-01T09:00:01Z" {
				t.Errorf("result start %s, end %s", res.Start, res.End)
			}
			var controls []string
			for _, sel := range res.ReviewedControls.ControlSelections {
				for _, ic := range sel.IncludeControls {
					controls = append(controls, ic.ControlID)
				}
			}
			if diff := cmp.Diff([]string{"TC001", "TC002", "TC003", "TC004", "TC005", "TC006", "TC007", "TC008", "TC009", "TC010", "TC011", "TC012", "TC013"}, controls); diff != "" {
				t.Errorf("reviewed controls (-want +got):\n%s", diff)
			}
			if len(res.LocalDefinitions.Components) != 1 || res.LocalDefinitions.Components[0].Title != "trustcloud" || res.LocalDefinitions.Components[0].Type != "software" {
				t.Fatalf("components %+v: want trustcloud as the one software component", res.LocalDefinitions.Components)
			}
			tool := res.LocalDefinitions.Components[0].UUID

			// One observation per analysed resource, about its inventory
			// item, made by the tool, with the evidence chains.
			if len(res.Observations) != r.Summary.Analysed || len(res.LocalDefinitions.InventoryItems) != r.Summary.Analysed {
				t.Fatalf("%d observations, %d inventory items for %d analysed resources", len(res.Observations), len(res.LocalDefinitions.InventoryItems), r.Summary.Analysed)
			}
			items := map[string]string{}
			for _, it := range res.LocalDefinitions.InventoryItems {
				items[it.UUID] = strings.Join(prop(it.Props, "address"), "")
			}
			obsAddr := map[string]string{}
			for _, o := range res.Observations {
				obsAddr[o.UUID] = o.Title
				if len(o.Subjects) != 1 || o.Subjects[0].Type != "inventory-item" || items[o.Subjects[0].SubjectUUID] != o.Title {
					t.Errorf("observation %s: subjects %+v do not name its inventory item", o.Title, o.Subjects)
				}
				if len(o.Origins) != 1 || o.Origins[0].Actors[0].Type != "tool" || o.Origins[0].Actors[0].ActorUUID != tool {
					t.Errorf("observation %s: origins %+v: want the trustcloud tool", o.Title, o.Origins)
				}
				if o.Collected != res.Start {
					t.Errorf("observation %s collected %s, want %s", o.Title, o.Collected, res.Start)
				}
				if len(prop(o.Props, "location-status")) != 1 || len(prop(o.Props, "sensitivity-level")) != 1 {
					t.Errorf("observation %s: props %v lack the location status or the level", o.Title, o.Props)
				}
				for _, p := range o.Props {
					if p.Ns != oscalNS {
						t.Errorf("observation %s: prop %s outside trustcloud's namespace", o.Title, p.Name)
					}
				}
			}
			for _, res := range r.Inventory.Resources {
				if !res.Managed() || res.DeleteOnly() {
					continue
				}
				found := false
				for _, o := range doc.AR.Results[0].Observations {
					if o.Title != res.Address {
						continue
					}
					found = true
					var got []string
					for _, ev := range o.RelevantEvidence {
						if kind := prop(ev.Props, "evidence-kind"); len(kind) == 1 && kind[0] == "location" {
							got = append(got, ev.Description)
						}
					}
					want := inventory.English(res.Location.Evidence)
					if len(want) == 0 && !res.Location.Reason.IsZero() && res.Location.Status == "unknown" {
						want = []string{res.Location.Reason.String()}
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("%s: location evidence (-want +got):\n%s", res.Address, diff)
					}
					if len(o.RelevantEvidence) == 0 || o.RelevantEvidence[0].Href == "" {
						t.Errorf("%s: the first relevant evidence should point at the plan file", res.Address)
					}
				}
				if !found {
					t.Errorf("no observation of %s", res.Address)
				}
			}

			// One finding per rule violation, waived ones included.
			if len(res.Findings) != len(r.Findings) {
				t.Fatalf("%d OSCAL findings for %d findings", len(res.Findings), len(r.Findings))
			}
			risks := map[string]string{}
			for _, rk := range res.Risks {
				risks[rk.UUID] = strings.Join(prop(rk.Props, "waiver"), "")
			}
			backMatter := map[string]string{}
			for _, bm := range ar.BackMatter.Resources {
				backMatter[bm.UUID] = bm.Title
			}
			for i, f := range res.Findings {
				rf := r.Findings[i]
				if f.Target.Type != "objective-id" || f.Target.TargetID != rf.Rule || f.Target.Status.State != "not-satisfied" || f.Target.Status.Reason != "fail" {
					t.Errorf("finding %s: target %+v: want objective %s not-satisfied (fail)", f.Title, f.Target, rf.Rule)
				}
				if len(f.RelatedObservations) != 1 || obsAddr[f.RelatedObservations[0].ObservationUUID] != rf.Address {
					t.Errorf("finding %s: related observations %+v do not name %s", f.Title, f.RelatedObservations, rf.Address)
				}
				if got := prop(f.Props, "severity"); len(got) != 1 || got[0] != string(rf.Severity) {
					t.Errorf("finding %s: severity %v, want %s", f.Title, got, rf.Severity)
				}
				if got := prop(f.Props, "fingerprint"); len(got) != 1 || got[0] != rf.Fingerprint {
					t.Errorf("finding %s: fingerprint %v, want %s", f.Title, got, rf.Fingerprint)
				}
				refs := prop(f.Props, "doctrine-reference")
				if len(refs) == 0 || !strings.Contains(strings.Join(refs, "|"), "Cloud au centre") {
					t.Errorf("finding %s: doctrine references %v should cite the Cloud au centre circular", f.Title, refs)
				}
				if rf.Rule == "TC002" && !strings.Contains(strings.Join(refs, "|"), "SecNumCloud 3.2") {
					t.Errorf("finding %s: a TC002 finding should cite SecNumCloud 3.2, has %v", f.Title, refs)
				}
				if len(f.Links) != len(refs) {
					t.Errorf("finding %s: %d doctrine links for %d references", f.Title, len(f.Links), len(refs))
				}
				for _, l := range f.Links {
					if l.Rel != "reference" || backMatter[strings.TrimPrefix(l.Href, "#")] == "" {
						t.Errorf("finding %s: link %+v should point at a back-matter resource", f.Title, l)
					}
				}
				switch {
				case rf.Waiver != nil:
					if len(f.RelatedRisks) != 1 || risks[f.RelatedRisks[0].RiskUUID] != rf.Waiver.ID {
						t.Errorf("finding %s: related risks %+v: want the risk of waiver %s", f.Title, f.RelatedRisks, rf.Waiver.ID)
					}
				case len(f.RelatedRisks) != 0:
					t.Errorf("finding %s is not waived but has risks %+v", f.Title, f.RelatedRisks)
				}
			}
		})
	}
}

// TestOSCALWaivers: the ministry case has a waiver in force and an expired
// one; both are risks with their expiry, approver and status.
func TestOSCALWaivers(t *testing.T) {
	r := scenarioCases[0].build(t)
	if scenarioCases[0].name != "ministry" {
		t.Fatalf("scenarioCases[0] is %s, not ministry", scenarioCases[0].name)
	}
	_, doc := renderOSCAL(t, r, testNow)
	type risk struct{ Title, Status, Deadline, State, Approver, Expires, Observed string }
	var got []risk
	obs := map[string]string{}
	for _, o := range doc.AR.Results[0].Observations {
		obs[o.UUID] = o.Title
	}
	for _, rk := range doc.AR.Results[0].Risks {
		var observed []string
		for _, ro := range rk.RelatedObservations {
			observed = append(observed, obs[ro.ObservationUUID])
		}
		got = append(got, risk{rk.Title, rk.Status, rk.Deadline, strings.Join(prop(rk.Props, "waiver-status"), ""),
			strings.Join(prop(rk.Props, "approved-by"), ""), strings.Join(prop(rk.Props, "expires"), ""), strings.Join(observed, ",")})
	}
	want := []risk{
		{"Waiver DER-2025-003", "open", "2026-03-31T23:59:59Z", "expired", "Ministry CISO", "2026-03-31", "aws_sqs_queue.analytics_export"},
		{"Waiver DER-2026-014", "deviation-approved", "2027-06-30T23:59:59Z", "in-force", "Ministry CISO", "2027-06-30", "aws_s3_bucket.grant_applications"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("risks (-want +got):\n%s", diff)
	}
	// The expired waiver's TC007 finding and the finding it no longer
	// covers both point at its risk.
	var tc007 int
	for i, f := range doc.AR.Results[0].Findings {
		if r.Findings[i].Rule == "TC007" {
			tc007++
			if len(f.RelatedRisks) != 1 || f.RelatedRisks[0].RiskUUID != doc.AR.Results[0].Risks[0].UUID {
				t.Errorf("TC007 finding %s should relate to the expired waiver's risk", f.Title)
			}
		}
	}
	if tc007 != 1 {
		t.Errorf("%d TC007 findings, want 1", tc007)
	}
}

// TestOSCALDeterministic: the same report gives the same document, UUIDs
// included, whatever the time; another plan gives other UUIDs.
func TestOSCALDeterministic(t *testing.T) {
	c := scenarioCases[0]
	a, docA := renderOSCAL(t, c.build(t), testNow)
	a2, _ := renderOSCAL(t, c.build(t), testNow)
	if !bytes.Equal(a, a2) {
		t.Fatal("two renderings of the same report at the same time differ")
	}
	later := testNow.Add(72 * time.Hour)
	b, docB := renderOSCAL(t, c.build(t), later)
	stamp := regexp.MustCompile(`"20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z"`)
	strip := func(out []byte) string {
		// Waiver deadlines are dates of the policy, not of the run.
		s := strings.ReplaceAll(string(out), `"2027-06-30T23:59:59Z"`, "DEADLINE1")
		s = strings.ReplaceAll(s, `"2026-03-31T23:59:59Z"`, "DEADLINE2")
		return stamp.ReplaceAllString(s, `"T"`)
	}
	if bytes.Equal(a, b) {
		t.Fatal("renderings at different times are identical: the timestamps are not recorded")
	}
	if diff := cmp.Diff(strip(a), strip(b)); diff != "" {
		t.Errorf("renderings at different times differ beyond timestamps:\n%s", diff)
	}
	if docA.AR.UUID != docB.AR.UUID || docA.AR.Results[0].UUID != docB.AR.Results[0].UUID {
		t.Error("document or result UUID depends on the time")
	}
	_, other := renderOSCAL(t, scenarioCases[1].build(t), testNow)
	if other.AR.UUID == docA.AR.UUID || other.AR.Results[0].UUID == docA.AR.Results[0].UUID {
		t.Error("two different plans give the same document UUID")
	}
}

// TestOSCALSynthetic: many findings with long, escaped messages, waivers
// and the same rule twice on one resource still make a valid document
// with unique UUIDs.
func TestOSCALSynthetic(t *testing.T) {
	sch := compileOSCALSchema(t)
	r := syntheticReport(40, "high")
	// A resource replicating to two regions outside the area breaks TC006
	// twice: same fingerprint, same address.
	f := r.Findings[0]
	for range 2 {
		dup := *f.Finding
		dup.Rule, dup.Name = "TC006", "cross-border-replication"
		dup.Message = i18n.Plain("replicates\n  to   \"us-west-2\" <&>  ")
		r.Findings = append(r.Findings, &Finding{Finding: &dup, Fingerprint: Fingerprint(&dup), Status: StatusNew})
	}
	r.Summary = Summarize(r.Inventory, r.Findings, "high")
	out, doc := renderOSCAL(t, r, testNow)
	if err := validateJSON(t, sch, out); err != nil {
		t.Fatalf("not valid OSCAL: %v", err)
	}
	checkUUIDs(t, out)
	if n := len(doc.AR.Results[0].Findings); n != 42 {
		t.Errorf("%d findings, want 42", n)
	}
	if n := len(doc.AR.Results[0].Risks); n != 8 {
		t.Errorf("%d risks, want one per waiver (8)", n)
	}
}

// TestOSCALSchemaRejects makes sure the validation above can fail: the
// schema refuses documents that break OSCAL's rules in ways a careless
// writer would.
func TestOSCALSchemaRejects(t *testing.T) {
	sch := compileOSCALSchema(t)
	out, _ := renderOSCAL(t, scenarioCases[0].build(t), testNow)
	breakages := map[string]func(ar map[string]any){
		"no title":     func(ar map[string]any) { delete(ar["metadata"].(map[string]any), "title") },
		"no import-ap": func(ar map[string]any) { delete(ar, "import-ap") },
		"state passed": func(ar map[string]any) {
			firstFinding(ar)["target"].(map[string]any)["status"].(map[string]any)["state"] = "passed"
		},
		"random uuid v1":    func(ar map[string]any) { ar["uuid"] = "6ba7b811-9dad-11d1-80b4-00c04fd430c8" },
		"two-line prop":     func(ar map[string]any) { firstFinding(ar)["props"].([]any)[0].(map[string]any)["value"] = "a\nb" },
		"empty observation": func(ar map[string]any) { result(ar)["observations"] = []any{} },
		"local time":        func(ar map[string]any) { result(ar)["start"] = "2026-12-01T09:00:00" },
	}
	for name, breakIt := range breakages {
		var doc map[string]any
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatal(err)
		}
		breakIt(doc["assessment-results"].(map[string]any))
		bad, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		if validateJSON(t, sch, bad) == nil {
			t.Errorf("%s: the schema accepts the broken document", name)
		}
	}
}

func result(ar map[string]any) map[string]any { return ar["results"].([]any)[0].(map[string]any) }

func firstFinding(ar map[string]any) map[string]any {
	return result(ar)["findings"].([]any)[0].(map[string]any)
}

func TestUUIDv5(t *testing.T) {
	// RFC 4122's DNS namespace and Python's documented example.
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	if got := formatUUID(uuidV5(dns, "python.org")); got != "886313e1-3b8a-5372-9b90-0c9aee199e5d" {
		t.Errorf("uuidV5(DNS, python.org) = %s", got)
	}
	if got := formatUUID(uuidNamespace); got != "a77a1157-06e0-554c-a710-dd94527717f5" {
		t.Errorf("trustcloud's namespace = %s", got)
	}
}

// TestOSCALDoctrine: every rule cites at least the circular, and every
// citation is in the back matter.
func TestOSCALDoctrine(t *testing.T) {
	for _, rule := range ruledef.All() {
		refs := rule.Doctrine
		if len(refs) == 0 || refs[0] != ruledef.CloudAuCentre {
			t.Errorf("%s cites %v: want the Cloud au centre circular first", rule.ID, refs)
		}
		for _, ref := range refs {
			if d, ok := ruledef.DoctrineByID(ref); !ok || d.Citation == "" {
				t.Errorf("%s cites %s, which has no back-matter citation", rule.ID, ref)
			}
		}
	}
}
