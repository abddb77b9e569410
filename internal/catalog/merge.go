package catalog

import (
	"fmt"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// origin is where an entry of the merged catalog was written.
type origin struct {
	file string
	path string // e.g. $.offers[2]
	// seq orders entries as they were written: document by document, in
	// document order.
	seq int
}

// errorAt is an error at sub of the entry: key and args of the i18n
// catalogs (catalogfile.*).
func (o origin) errorAt(sub, key string, args ...any) *Error {
	return errorAt(o.file, o.path+sub, key, args...)
}

type merger struct {
	c       *Catalog
	origins map[any]origin
	errs    Errors
	seq     int
	// position of each key in the merged lists
	sources, areas, operators, offers, regions, providers map[string]int
}

func newMerger() *merger {
	return &merger{
		c:         &Catalog{},
		origins:   map[any]origin{},
		sources:   map[string]int{},
		areas:     map[string]int{},
		operators: map[string]int{},
		offers:    map[string]int{},
		regions:   map[string]int{},
		providers: map[string]int{},
	}
}

// mergeList adds the entries of one document's list to the merged list:
// a key seen in an earlier document is replaced in place, a key seen twice
// in the same document is an error.
func mergeList[T any](m *merger, file, field string, entries []T, list *[]*T, pos map[string]int, key func(*T) string) {
	seen := map[string]string{}
	for i := range entries {
		e := &entries[i]
		path := fmt.Sprintf("$.%s[%d]", field, i)
		k := key(e)
		if prev, dup := seen[k]; dup && k != "" {
			m.errs = append(m.errs, errorAt(file, path, "catalogfile.duplicate", keyName(field), displayKey(k), prev))
			continue
		}
		seen[k] = path
		m.seq++
		m.origins[e] = origin{file: file, path: path, seq: m.seq}
		if at, ok := pos[k]; ok && k != "" {
			(*list)[at] = e
			continue
		}
		pos[k] = len(*list)
		*list = append(*list, e)
	}
}

// keyName says what identifies the entries of a list.
func keyName(field string) i18n.Msg {
	switch field {
	case "regions":
		return i18n.M("catalogfile.key.region")
	case "terraform_providers":
		return i18n.M("catalogfile.key.terraform_provider")
	}
	return i18n.M("catalogfile.key.id")
}

func displayKey(k string) string { return strings.ReplaceAll(k, "\x00", "/") }

func (m *merger) add(d Named) {
	doc, file := d.Doc, d.Name
	if doc.SchemaVersion == "" {
		m.errs = append(m.errs, errorAt(file, "$.schema_version", "catalogfile.schema_version_missing", SchemaVersion))
	} else if major, _, _ := strings.Cut(doc.SchemaVersion, "."); major != SchemaVersion {
		m.errs = append(m.errs, errorAt(file, "$.schema_version", "catalogfile.schema_version_unsupported", doc.SchemaVersion, SchemaVersion))
	}
	c := m.c
	if doc.SchemaVersion != "" {
		c.SchemaVersion = doc.SchemaVersion
	}
	if doc.Version != "" {
		c.Version = doc.Version
		m.origins["version"] = origin{file: file, path: "$"}
	}
	if doc.AsOf != "" {
		c.AsOf = doc.AsOf
		m.origins["as_of"] = origin{file: file, path: "$"}
	}
	if doc.AnssiEdition != "" {
		c.AnssiEdition = doc.AnssiEdition
		m.origins["anssi_edition"] = origin{file: file, path: "$"}
	}
	c.Files = append(c.Files, file)
	mergeList(m, file, "sources", doc.Sources, &c.sources, m.sources, func(s *Source) string { return s.ID })
	mergeList(m, file, "areas", doc.Areas, &c.areas, m.areas, func(a *Area) string { return a.ID })
	mergeList(m, file, "operators", doc.Operators, &c.operators, m.operators, func(o *Operator) string { return o.ID })
	mergeList(m, file, "offers", doc.Offers, &c.offers, m.offers, func(o *Offer) string { return o.ID })
	mergeList(m, file, "regions", doc.Regions, &c.regions, m.regions, func(r *Region) string { return regionKey(r.Operator, r.Code) })
	mergeList(m, file, "terraform_providers", doc.Providers, &c.providers, m.providers, func(p *Provider) string { return strings.ToLower(p.Source) })
}

func (m *merger) catalog() *Catalog {
	m.c.sortEntries()
	return m.c
}
