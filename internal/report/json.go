package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

func init() {
	register(Format{Name: "json", Ext: ".json", Write: writeJSON})
}

func writeJSON(w io.Writer, r *Report) error {
	shell := *r
	shell.Findings = []*Finding{}
	shell.Evaluation = r.evaluation()
	return WriteJSONList(w, &shell, "findings", r.Findings)
}

// WriteJSON writes v as indented JSON without HTML escaping.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// WriteJSONList writes what WriteJSON writes for a document whose
// top-level member key holds list, one element at a time: the memory used
// is that of one element, not of the whole document (a check of 300k
// resources writes hundreds of megabytes). shell is the document with an
// empty, non-nil list under key.
func WriteJSONList[T any](w io.Writer, shell any, key string, list []T) error {
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
	bw := bufio.NewWriterSize(w, 64<<10)
	open := i + len(marker) - 1 // the "]"
	// bufio keeps the first write error: Flush returns it.
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
