package main

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Type is one row of types.tsv: where a type of one provider lives.
type Type struct {
	Source        string
	Type          string
	Scope         string
	LocationAttrs string
	ParentAttrs   string
	Default       string
	Ref           string
}

// Flow is one row of dataflows.tsv: an attribute through which a type's
// data goes somewhere else.
type Flow struct {
	Source  string
	Type    string
	Path    string
	Flow    string
	Value   string
	When    string
	Default string
	Context string
	Ref     string
}

// Pair is one row of region-pairs.tsv.
type Pair struct {
	Source       string
	Region       string
	PairedRegion string
	Ref          string
}

// Output is what the generator writes, sorted.
type Output struct {
	Types []Type
	Flows []Flow
	Pairs []Pair
}

var (
	typeName = regexp.MustCompile(`^((data|ephemeral)\.)?[a-z][a-z0-9_]*$`)
	// attrPath is a dotted attribute path; `[]` marks a list element and
	// `[label=x]` (OVH) the element whose label is x.
	attrPath = regexp.MustCompile(`^[A-Za-z0-9_]+(\[[^\]]*\])?(\.[A-Za-z0-9_]+(\[[^\]]*\])?)*$`)
	// annotation is a parenthesised remark after a path, e.g.
	// `config (endpoint)`: the remark is not part of the path.
	annotation = regexp.MustCompile(`\s*\([^)]*\)$`)
	// locationCode is a literal region or zone code (eu-central-3, fr-par-1,
	// de/fra), as opposed to prose about the provider's configuration.
	locationCode = regexp.MustCompile(`^[a-z][a-z0-9]*([-/][a-z0-9]+)+$`)
)

// noPath is the attribute_path of a dataflow row that records the absence
// of a flow (Scaleway buckets have no replication argument); such a row
// has nothing to point at and yields no dataflow.
const noPath = "(none)"

// Missing returns the known provider folders that fsys lacks, so that a
// folder deleted by mistake does not silently empty a provider's rows.
func Missing(fsys fs.FS) []string {
	var out []string
	for name := range folders {
		if fi, err := fs.Stat(fsys, name); err != nil || !fi.IsDir() {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// Generate reads the metadata folders present in fsys and returns the
// catalog's tables. Every problem is reported, each naming its file and
// line; the returned error joins them.
func Generate(fsys fs.FS) (*Output, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	g := &generator{fsys: fsys, seen: map[[2]string]Type{}}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		f, ok := folders[e.Name()]
		if !ok {
			g.errs = append(g.errs, fmt.Errorf("%s: unknown provider folder: add it to folders in internal/tools/catalogtypes/mapping.go", e.Name()))
			continue
		}
		g.folder(e.Name(), f)
	}
	if len(g.errs) > 0 {
		return nil, errors.Join(g.errs...)
	}
	o := &g.out
	slices.SortStableFunc(o.Types, func(a, b Type) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Type, b.Type))
	})
	slices.SortStableFunc(o.Flows, func(a, b Flow) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Type, b.Type), cmp.Compare(a.Path, b.Path))
	})
	slices.SortStableFunc(o.Pairs, func(a, b Pair) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Region, b.Region))
	})
	return o, nil
}

type generator struct {
	fsys fs.FS
	out  Output
	errs []error
	// seen holds the first row of each source and type, to find duplicates.
	seen map[[2]string]Type
}

func (g *generator) read(name string, want ...string) *table {
	t, errs := readTable(g.fsys, name, want...)
	g.errs = append(g.errs, errs...)
	return t
}

func (g *generator) folder(name string, f folder) {
	types := map[string]bool{}
	switch f.format {
	case formatAWS:
		g.awsTypes(name, f, types)
	case formatGoogle:
		g.googleTypes(name, f, types)
	case formatAzureRM:
		g.scopeTypes(name+"/resource-scope.tsv", f.format, f.sources, "", types)
		g.scopeTypes(name+"/azuread.tsv", formatAzureAD, []string{sourceAzureAD}, "", nil)
		g.pairs(name + "/region-pairs.tsv")
	case formatEU:
		g.scopeTypes(name+"/resource-scope.tsv", f.format, f.sources, "location_when_unset", types)
	}
	g.flows(name+"/dataflows.tsv", f, types)
}

// add records a type row, reporting a second, different row of the same
// source and type.
func (g *generator) add(t Type) {
	k := [2]string{t.Source, t.Type}
	if prev, dup := g.seen[k]; dup {
		a, b := prev, t
		a.Ref, b.Ref = "", ""
		if a != b {
			g.errs = append(g.errs, &lineError{t.Ref, fmt.Sprintf("%s for %s is already at %s, with different facts", t.Type, t.Source, prev.Ref)})
		}
		return
	}
	g.seen[k] = t
	g.out.Types = append(g.out.Types, t)
}

// common checks and normalises what every format shares: the type name,
// the scope and the attribute lists. It returns false after an error.
func (g *generator) common(t *table, r row, f format, loc, parent string) (Type, bool) {
	ty := Type{Type: t.get(r, "type"), Ref: t.ref(r)}
	ok := true
	fail := func(format string, args ...any) {
		g.errs = append(g.errs, t.errorf(r, format, args...))
		ok = false
	}
	if !typeName.MatchString(ty.Type) {
		fail("type %q is not a Terraform type name", ty.Type)
	}
	raw := t.get(r, "scope")
	s, known := scopes[f][raw]
	if !known {
		fail("scope %q is not mapped: add it to scopes in internal/tools/catalogtypes/mapping.go", raw)
	}
	ty.Scope, ty.Default = s.name, s.location
	var err error
	if ty.LocationAttrs, err = pathList(loc); err != nil {
		fail("location attributes: %v", err)
	}
	if ty.ParentAttrs, err = pathList(parent); err != nil {
		fail("parent attributes: %v", err)
	}
	return ty, ok
}

func (g *generator) awsTypes(dir string, f folder, types map[string]bool) {
	t := g.read(dir+"/resource-scope.tsv", "type", "scope", "region_attr", "parent_attrs")
	if t == nil {
		return
	}
	for _, r := range t.rows {
		raw := t.get(r, "region_attr")
		hasRegion, known := awsRegionAttr[raw]
		if !known {
			g.errs = append(g.errs, t.errorf(r, "region_attr %q is not mapped: add it to awsRegionAttr in internal/tools/catalogtypes/mapping.go", raw))
			continue
		}
		loc := ""
		if hasRegion {
			loc = "region"
		}
		ty, ok := g.common(t, r, f.format, loc, t.get(r, "parent_attrs"))
		if !ok {
			continue
		}
		types[ty.Type] = true
		for _, s := range f.sources {
			ty.Source = s
			g.add(ty)
		}
	}
}

func (g *generator) googleTypes(dir string, f folder, types map[string]bool) {
	t := g.read(dir+"/resource-scope.tsv", "type", "scope", "location_attrs", "parent_attrs", "versions", "location_default")
	if t == nil {
		return
	}
	for _, r := range t.rows {
		ty, ok := g.common(t, r, f.format, t.get(r, "location_attrs"), t.get(r, "parent_attrs"))
		ga, beta := false, false
		for v := range strings.SplitSeq(t.get(r, "versions"), ",") {
			v = strings.TrimSpace(v)
			if !googleVersions[v] {
				g.errs = append(g.errs, t.errorf(r, "version %q is not one of ga, beta", v))
				ok = false
			}
			ga, beta = ga || v == "ga", beta || v == "beta"
		}
		if ok && !beta {
			// The beta provider is built from the same sources as GA plus
			// beta-only types: a GA-only row would be a metadata error.
			g.errs = append(g.errs, t.errorf(r, "versions %q lacks beta", t.get(r, "versions")))
			ok = false
		}
		if !ok {
			continue
		}
		if d := t.get(r, "location_default"); d != "" && !strings.HasPrefix(d, "provider.") {
			ty.Default = d
		}
		types[ty.Type] = true
		if ga {
			ty.Source = sourceGoogle
			g.add(ty)
		}
		ty.Source = sourceGoogleBeta
		g.add(ty)
	}
}

// scopeTypes reads the formats whose location and parent attributes are
// `;`-separated columns (AzureRM, the European providers) or absent
// (AzureAD). unset names the column that may state a literal default
// location.
func (g *generator) scopeTypes(name string, f format, sources []string, unset string, types map[string]bool) {
	want := []string{"type", "scope"}
	if f != formatAzureAD {
		want = append(want, "location_attrs", "parent_attrs")
	}
	if unset != "" {
		want = append(want, unset)
	}
	t := g.read(name, want...)
	if t == nil {
		return
	}
	for _, r := range t.rows {
		var loc, parent string
		if f != formatAzureAD {
			loc, parent = t.get(r, "location_attrs"), t.get(r, "parent_attrs")
		}
		ty, ok := g.common(t, r, f, loc, parent)
		if !ok {
			continue
		}
		if unset != "" && ty.Default == "" {
			ty.Default = literalLocation(t.get(r, unset))
		}
		if types != nil {
			types[ty.Type] = true
		}
		for _, s := range sources {
			ty.Source = s
			g.add(ty)
		}
	}
}

// literalLocation returns the region or zone code that a
// location_when_unset cell states, or "" when the cell is prose
// (`required`, `provider region …`). A code may be followed by a
// parenthesised or `;` remark: `eu-central-3 (schema description); …`.
func literalLocation(cell string) string {
	code, rest, _ := strings.Cut(cell, " ")
	code = strings.TrimSuffix(code, ";")
	if !locationCode.MatchString(code) {
		return ""
	}
	if rest = strings.TrimSpace(rest); rest != "" && !strings.HasPrefix(rest, "(") {
		return ""
	}
	return code
}

func (g *generator) flows(name string, f folder, types map[string]bool) {
	want := []string{"type", "attribute_path", "flow", "value"}
	if f.format == formatAzureRM {
		want = append(want, "when", "default")
	}
	t := g.read(name, want...)
	if t == nil {
		return
	}
	for _, r := range t.rows {
		fl := Flow{Type: t.get(r, "type"), Ref: t.ref(r)}
		ok := true
		fail := func(format string, args ...any) {
			g.errs = append(g.errs, t.errorf(r, format, args...))
			ok = false
		}
		if !types[fl.Type] {
			fail("type %q has no row in the folder's resource-scope.tsv", fl.Type)
		}
		raw := t.get(r, "flow")
		if fl.Flow = flows[raw]; fl.Flow == "" {
			fail("flow %q is not mapped: add it to flows in internal/tools/catalogtypes/mapping.go", raw)
		}
		raw = t.get(r, "value")
		if fl.Value = values[raw]; fl.Value == "" {
			fail("value %q is not mapped: add it to values in internal/tools/catalogtypes/mapping.go", raw)
		}
		raw = t.get(r, "attribute_path")
		if raw == noPath {
			continue
		}
		paths, err := pathList(raw)
		if err != nil {
			fail("attribute_path: %v", err)
		} else if paths == "" {
			fail("attribute_path is empty")
		}
		if !ok {
			continue
		}
		fl.Path, fl.Context, _ = strings.Cut(paths, ",")
		if f.format == formatAzureRM {
			fl.When, fl.Default = t.get(r, "when"), t.get(r, "default")
		}
		for _, s := range f.sources {
			fl.Source = s
			g.out.Flows = append(g.out.Flows, fl)
		}
	}
}

func (g *generator) pairs(name string) {
	t := g.read(name, "region", "paired_region")
	if t == nil {
		return
	}
	for _, r := range t.rows {
		region, paired := t.get(r, "region"), t.get(r, "paired_region")
		if region == "" {
			g.errs = append(g.errs, t.errorf(r, "region is empty"))
			continue
		}
		if paired == "" {
			continue
		}
		g.out.Pairs = append(g.out.Pairs, Pair{Source: sourceAzureRM, Region: region, PairedRegion: paired, Ref: t.ref(r)})
	}
}

// pathList normalises a list of attribute paths separated by `,` or `;`
// into a comma-separated list, dropping empty items, surrounding spaces
// and parenthesised remarks.
func pathList(cell string) (string, error) {
	var out []string
	for p := range strings.FieldsFuncSeq(cell, func(r rune) bool { return r == ',' || r == ';' }) {
		p = strings.TrimSpace(annotation.ReplaceAllString(strings.TrimSpace(p), ""))
		if p == "" {
			continue
		}
		if !attrPath.MatchString(p) {
			return "", fmt.Errorf("%q is not an attribute path", p)
		}
		out = append(out, p)
	}
	return strings.Join(out, ","), nil
}
