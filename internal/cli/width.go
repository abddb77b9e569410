package cli

import (
	"io"
	"os"
	"strconv"

	"golang.org/x/term"
)

// minWrapWidth is the narrowest width the text report wraps to: below it,
// lines are left whole.
const minWrapWidth = 20

// wrapWidth decides the width the text report on stdout wraps to, 0 for
// none, first rule that applies:
//   - CI set (GitLab, GitHub Actions and most CI systems set it): none, a
//     CI log is read in a browser at any width, and searched by line;
//   - stdout is not a terminal (a file, a pipe): none;
//   - the terminal's width, else COLUMNS.
func wrapWidth(getenv func(string) string, terminal bool, size func() (int, error)) int {
	if getenv("CI") != "" || !terminal {
		return 0
	}
	cols, err := size()
	if err != nil || cols <= 0 {
		if cols, err = strconv.Atoi(getenv("COLUMNS")); err != nil {
			return 0
		}
	}
	if cols < minWrapWidth {
		return 0
	}
	return cols
}

// textWidth is wrapWidth for a writer: the terminal's size when it is
// one.
func (e *env) textWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	return wrapWidth(e.getenv, ok && isTerminal(f), func() (int, error) {
		cols, _, err := term.GetSize(int(f.Fd()))
		return cols, err
	})
}
