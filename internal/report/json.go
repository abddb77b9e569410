package report

import (
	"encoding/json"
	"io"
)

func init() {
	register(Format{Name: "json", Ext: ".json", Write: writeJSON})
}

func writeJSON(w io.Writer, r *Report) error { return WriteJSON(w, r) }

// WriteJSON writes v as indented JSON without HTML escaping.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
