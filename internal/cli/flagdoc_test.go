package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// TestReadmeFlagTablesUpToDate: the flag tables of README.md and
// README.fr.md are what the commands' flags and help texts give today; a
// flag added, removed, renamed, redescribed or with another default fails
// it until `make docs` rewrites them.
func TestReadmeFlagTablesUpToDate(t *testing.T) {
	for file, lang := range map[string]i18n.Lang{"README.md": i18n.English, "README.fr.md": i18n.French} {
		committed, err := os.ReadFile(filepath.Join("..", "..", file))
		if err != nil {
			t.Fatal(err)
		}
		want, err := SpliceFlagTables(committed, lang)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if !bytes.Equal(want, committed) {
			t.Errorf("%s: the flag tables are not what the commands' flags give: run `make docs` and commit the result", file)
		}
	}
}

// TestFlagTablesListEveryFlag: every command is documented, and every flag
// of each appears once in its table with its value name and default.
func TestFlagTablesListEveryFlag(t *testing.T) {
	for _, name := range commandNames {
		if name != "help" && !slices.ContainsFunc(docCommands, func(w []string) bool { return w[0] == name }) {
			t.Errorf("command %s has no flag table", name)
		}
	}
	var b bytes.Buffer
	if err := WriteFlagTables(&b, i18n.English); err != nil {
		t.Fatal(err)
	}
	tables := b.String()
	for _, words := range docCommands {
		fs, err := commandFlags(words)
		if err != nil {
			t.Fatal(err)
		}
		_, section, ok := strings.Cut(tables, "#### `trustcloud "+strings.Join(words, " "))
		if !ok {
			t.Fatalf("no table for %v", words)
		}
		section, _, _ = strings.Cut(section, "\n#### ")
		fs.VisitAll(func(f *flag.Flag) {
			if commonFlags[f.Name] {
				return
			}
			rows := strings.Count(section, "| `--"+f.Name+" ") + strings.Count(section, "| `--"+f.Name+"` |")
			if rows != 1 {
				t.Errorf("%v: --%s is in %d rows of its table, want 1", words, f.Name, rows)
			}
			if f.DefValue != "" && !isBool(f) && !strings.Contains(section, "| `"+f.DefValue+"` |") {
				t.Errorf("%v: --%s's default %q is not in its table", words, f.Name, f.DefValue)
			}
		})
	}
}

// TestSpliceFlagTablesNeedsMarkers: a README without the markers is an
// error, never a README left silently without its tables.
func TestSpliceFlagTablesNeedsMarkers(t *testing.T) {
	if _, err := SpliceFlagTables([]byte("# README\n"), i18n.English); err == nil {
		t.Error("no error without the markers")
	}
	if _, err := SpliceFlagTables([]byte(FlagTablesBegin+"\n"), i18n.English); err == nil {
		t.Error("no error without the end marker")
	}
	out, err := SpliceFlagTables([]byte("before\n"+FlagTablesBegin+"\nstale\n"+FlagTablesEnd+"\nafter\n"), i18n.English)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(out); strings.Contains(s, "stale") || !strings.HasPrefix(s, "before\n") || !strings.HasSuffix(s, FlagTablesEnd+"\nafter\n") || !strings.Contains(s, "`--fail-on SEVERITY`") {
		t.Errorf("splice gave:\n%s", s)
	}
}
