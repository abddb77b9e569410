package cli

import (
	"errors"
	"testing"
)

// TestWrapWidth: the text report wraps to the terminal's width, else
// COLUMNS; never in CI (CI set), never when stdout is not a terminal,
// never to an absurd width.
func TestWrapWidth(t *testing.T) {
	cols := func(n int) func() (int, error) { return func() (int, error) { return n, nil } }
	noSize := func() (int, error) { return 0, errors.New("not a terminal") }
	for _, c := range []struct {
		name     string
		vars     map[string]string
		terminal bool
		size     func() (int, error)
		want     int
	}{
		{"terminal", nil, true, cols(100), 100},
		{"terminal, COLUMNS ignored", map[string]string{"COLUMNS": "60"}, true, cols(100), 100},
		{"terminal without a size: COLUMNS", map[string]string{"COLUMNS": "60"}, true, noSize, 60},
		{"terminal without a size or COLUMNS", nil, true, noSize, 0},
		{"COLUMNS not a number", map[string]string{"COLUMNS": "wide"}, true, noSize, 0},
		{"CI", map[string]string{"CI": "true"}, true, cols(100), 0},
		{"CI with COLUMNS", map[string]string{"CI": "1", "COLUMNS": "60"}, true, noSize, 0},
		{"not a terminal", map[string]string{"COLUMNS": "60"}, false, cols(100), 0},
		{"too narrow", nil, true, cols(12), 0},
	} {
		if got := wrapWidth(func(k string) string { return c.vars[k] }, c.terminal, c.size); got != c.want {
			t.Errorf("%s: width %d, want %d", c.name, got, c.want)
		}
	}
}
