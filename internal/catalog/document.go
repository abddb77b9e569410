package catalog

import "strings"

// Document returns the merged catalog as one document in the catalog
// format: the embedded default with every user file applied. Loading it
// with --catalog gives the same catalog again, which is how an evidence
// bundle records the catalog a check actually used.
func (c *Catalog) Document() *Document {
	d := &Document{
		SchemaVersion: c.SchemaVersion,
		Version:       c.Version,
		AsOf:          c.AsOf,
		AnssiEdition:  c.AnssiEdition,
		Notes:         "The catalog trustcloud used, merged from: " + strings.Join(c.Files, ", ") + ".",
		Sources:       values(c.sources),
		Areas:         values(c.areas),
		Operators:     values(c.operators),
		Offers:        values(c.offers),
		Regions:       values(c.regions),
		Providers:     values(c.providers),
	}
	if d.SchemaVersion == "" {
		d.SchemaVersion = SchemaVersion
	}
	return d
}

// values copies the entries a list points at.
func values[T any](list []*T) []T {
	out := make([]T, 0, len(list))
	for _, p := range list {
		out = append(out, *p)
	}
	return out
}
