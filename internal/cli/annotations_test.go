package cli_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/cli"
	"github.com/trustcloud/trustcloud/internal/source"
)

// TestAnnotationsFromAnotherDirectory: the built command, run from a
// repository's root on infra/plan.json (the configuration next to the
// plan, not in the current directory), from infra itself, and with an
// absolute plan path, points every SARIF, GitLab and JUnit location at
// the resource's block in infra/*.tf, relative to the repository root:
// what GitHub and GitLab annotate. Outside any repository, paths are
// relative to the current directory.
func TestAnnotationsFromAnotherDirectory(t *testing.T) {
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(base, "repo")
	infra := filepath.Join(repo, "infra")
	copyTree(t, "../../testdata/scenarios/ministry", infra)
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(base, "plain")
	copyTree(t, "../../testdata/scenarios/ministry", filepath.Join(plain, "infra"))

	// Where each block is, from the .tf files themselves.
	index, err := source.Load(infra)
	if err != nil {
		t.Fatal(err)
	}
	want := func(address, prefix string) string {
		file, line, ok := index.Lookup(address)
		if !ok {
			t.Fatalf("no block declares %s in %s", address, infra)
		}
		rel, err := filepath.Rel(infra, file)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%s%s:%d", prefix, filepath.ToSlash(rel), line)
	}
	if got := want("aws_sqs_queue.analytics_export", "infra/"); got != "infra/main.tf:103" {
		t.Fatalf("the scenario moved: aws_sqs_queue.analytics_export is at %s, want infra/main.tf:103", got)
	}

	for _, c := range []struct {
		name, dir, plan, prefix string
	}{
		{"repository root", repo, "infra/plan.json", "infra/"},
		{"subdirectory", infra, "plan.json", "infra/"},
		{"absolute plan path", repo, filepath.Join(infra, "plan.json"), "infra/"},
		{"no repository", plain, "infra/plan.json", "infra/"},
		{"no repository, in infra", filepath.Join(plain, "infra"), "plan.json", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			sarif, gitlab, junit := filepath.Join(out, "r.sarif"), filepath.Join(out, "gl.json"), filepath.Join(out, "junit.xml")
			r := runBinary(t, c.dir, nil, "", "check", "--format", "sarif="+sarif, "--format", "gitlab="+gitlab, "--format", "junit="+junit, c.plan)
			if r.code != cli.ExitFindings {
				t.Fatalf("want exit 1 (findings): %s", r)
			}
			sarifAt := sarifLocations(t, sarif)
			if len(sarifAt) == 0 {
				t.Fatal("no SARIF result")
			}
			var wantAt []string
			for address, at := range sarifAt {
				w := want(address, c.prefix)
				for _, a := range at {
					if a != w {
						t.Errorf("SARIF: %s at %s, want %s", address, a, w)
					}
					wantAt = append(wantAt, w)
				}
			}
			slices.Sort(wantAt)
			gl := gitlabLocations(t, gitlab)
			slices.Sort(gl)
			if !slices.Equal(gl, wantAt) {
				t.Errorf("GitLab locations %v, want %v", gl, wantAt)
			}
			for address, at := range junitLocations(t, junit) {
				if w := want(address, c.prefix); at != w {
					t.Errorf("JUnit: %s at %s, want %s", address, at, w)
				}
				delete(sarifAt, address)
			}
			if len(sarifAt) > 0 {
				t.Errorf("JUnit gives no file for %v", sarifAt)
			}
		})
	}
}

// sarifLocations maps each result's resource to its file:line.
func sarifLocations(t *testing.T, path string) map[string][]string {
	t.Helper()
	var doc struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
					LogicalLocations []struct {
						FullyQualifiedName string `json:"fullyQualifiedName"`
					} `json:"logicalLocations"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	readJSONFile(t, path, &doc)
	out := map[string][]string{}
	for _, res := range doc.Runs[0].Results {
		l := res.Locations[0]
		if len(l.LogicalLocations) != 1 {
			t.Fatalf("SARIF result without its resource: %+v", l)
		}
		addr := l.LogicalLocations[0].FullyQualifiedName
		out[addr] = append(out[addr], fmt.Sprintf("%s:%d", l.PhysicalLocation.ArtifactLocation.URI, l.PhysicalLocation.Region.StartLine))
	}
	return out
}

// gitlabLocations lists the path:line of every Code Quality issue.
func gitlabLocations(t *testing.T, path string) []string {
	t.Helper()
	var issues []struct {
		Location struct {
			Path  string `json:"path"`
			Lines struct {
				Begin int `json:"begin"`
			} `json:"lines"`
		} `json:"location"`
	}
	readJSONFile(t, path, &issues)
	var out []string
	for _, is := range issues {
		out = append(out, fmt.Sprintf("%s:%d", is.Location.Path, is.Location.Lines.Begin))
	}
	return out
}

// junitLocations maps each resource with findings to the file:line its
// suite's properties give.
func junitLocations(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suites []struct {
			Properties []struct {
				Name  string `xml:"name,attr"`
				Value string `xml:"value,attr"`
			} `xml:"properties>property"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	files, lines := map[string]string{}, map[string]string{}
	for _, s := range doc.Suites {
		for _, p := range s.Properties {
			if addr, ok := strings.CutPrefix(p.Name, "file:"); ok {
				files[addr] = p.Value
			} else if addr, ok := strings.CutPrefix(p.Name, "line:"); ok {
				lines[addr] = p.Value
			}
		}
	}
	out := map[string]string{}
	for addr, f := range files {
		out[addr] = f + ":" + lines[addr]
	}
	return out
}

func readJSONFile(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
