package cli

import "os"

// colorWanted decides whether the text reports on stdout are coloured,
// first rule that applies:
//   - --color always or never;
//   - NO_COLOR set and not empty: never (https://no-color.org);
//   - FORCE_COLOR or CLICOLOR_FORCE set, not empty and not "0": always
//     (a CI log that renders ANSI colours);
//   - otherwise (--color auto, or no flag): when stdout is a terminal
//     whose TERM is not "dumb".
func colorWanted(mode colorFlag, getenv func(string) string, terminal bool) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if getenv("NO_COLOR") != "" {
		return false
	}
	for _, v := range []string{"FORCE_COLOR", "CLICOLOR_FORCE"} {
		if s := getenv(v); s != "" && s != "0" {
			return true
		}
	}
	return terminal && getenv("TERM") != "dumb"
}

// color reports whether the text reports on stdout are coloured, given
// --color.
func (e *env) color(mode colorFlag) bool {
	return colorWanted(mode, e.getenv, isTerminal(e.stdout))
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
