// Package jsonpos turns byte offsets of JSON documents into the "line L,
// column C" positions that error messages show users.
package jsonpos

import (
	"fmt"
	"strconv"
)

// Position returns "line L, column C" (1-based) for a byte offset of data;
// an offset past the end points at the end.
func Position(data []byte, off int64) string {
	line, col := LineColumn(data, off)
	return fmt.Sprintf("line %d, column %d", line, col)
}

// LineColumn returns the line and column (1-based) of a byte offset of
// data, as Position says them; an offset past the end points at the end.
func LineColumn(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	line, col = 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// Member is the JSON path of key in the object at path: $.a.b, or
// $.a["odd key"] when the key is not a plain name, so that a path is
// always one unambiguous line.
func Member(path, key string) string {
	plain := key != ""
	for i, c := range key {
		letter := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || c != '-' && (c < '0' || c > '9')) {
			plain = false
			break
		}
	}
	if plain {
		return path + "." + key
	}
	return path + "[" + strconv.Quote(key) + "]"
}
