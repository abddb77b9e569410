// Package jsonpos turns byte offsets of JSON documents into the "line L,
// column C" positions that error messages show users.
package jsonpos

import "fmt"

// Position returns "line L, column C" (1-based) for a byte offset of data;
// an offset past the end points at the end.
func Position(data []byte, off int64) string {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	line, col := 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("line %d, column %d", line, col)
}
