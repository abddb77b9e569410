package main

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// lineError is a problem at one line of a metadata file. ref is the file's
// path under the metadata folder and the 1-based line number.
type lineError struct {
	ref string
	msg string
}

func (e *lineError) Error() string { return e.ref + ": " + e.msg }

// table is one tab-separated metadata file, header first.
type table struct {
	name string // path under the metadata folder, e.g. aws/resource-scope.tsv
	cols map[string]int
	rows []row
}

// row is one data line of a table.
type row struct {
	line   int // 1-based; the header is line 1
	fields []string
}

// readTable reads name from fsys and checks that its header has every
// column of want and that every line has as many fields as the header.
func readTable(fsys fs.FS, name string, want ...string) (*table, []error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, []error{fmt.Errorf("%s: %w", name, err)}
	}
	text := strings.TrimSuffix(string(data), "\n")
	if text == "" {
		return nil, []error{&lineError{name + ":1", "empty file: a header line is expected"}}
	}
	lines := strings.Split(text, "\n")
	t := &table{name: name, cols: map[string]int{}}
	header := strings.Split(lines[0], "\t")
	for i, c := range header {
		if _, dup := t.cols[c]; dup {
			return nil, []error{&lineError{name + ":1", fmt.Sprintf("column %q appears twice in the header", c)}}
		}
		t.cols[c] = i
	}
	var missing []string
	for _, c := range want {
		if _, ok := t.cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, []error{&lineError{name + ":1", fmt.Sprintf("header lacks column(s) %s; the header is %q",
			strings.Join(missing, ", "), lines[0])}}
	}
	var errs []error
	for i, l := range lines[1:] {
		r := row{line: i + 2, fields: strings.Split(l, "\t")}
		if len(r.fields) != len(header) {
			errs = append(errs, t.errorf(r, "%d fields where the header has %d", len(r.fields), len(header)))
			continue
		}
		t.rows = append(t.rows, r)
	}
	return t, errs
}

// get returns the field of r in column col, without surrounding spaces.
func (t *table) get(r row, col string) string {
	return strings.TrimSpace(r.fields[t.cols[col]])
}

// ref is the place of r: file and line.
func (t *table) ref(r row) string { return t.name + ":" + strconv.Itoa(r.line) }

func (t *table) errorf(r row, format string, args ...any) error {
	return &lineError{t.ref(r), fmt.Sprintf(format, args...)}
}
