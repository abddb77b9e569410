package i18n_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/trustcloud/trustcloud/internal/catalog"
	"github.com/trustcloud/trustcloud/internal/i18n"
	"github.com/trustcloud/trustcloud/internal/inventory"
	"github.com/trustcloud/trustcloud/internal/policy"
	"github.com/trustcloud/trustcloud/internal/rules"
)

// keyUse is a message key the code names, and where.
type keyUse struct {
	key    string
	plural bool
	at     string
}

// keyCalls maps the functions that take a message key to the position of
// the key among their arguments, and whether the key is a plural's base.
var keyCalls = map[string]struct {
	arg    int
	plural bool
}{
	"i18n.T": {1, false}, "i18n.M": {0, false}, "i18n.N": {1, true}, "i18n.P": {0, true}, "i18n.Or": {0, false},
	// report.Report.t/n, cli env.t, cli usage.
	".t": {0, false}, ".n": {0, true}, "usage": {0, false},
	// A catalog file's errors: catalog.errorAt(file, path, key),
	// errorAtOffset(file, data, offset, key), origin.errorAt(sub, key),
	// validator.add(entry, sub, key).
	"errorAt": {2, false}, "errorAtOffset": {3, false}, ".errorAt": {1, false}, ".add": {2, false},
}

// templateKey finds {{.T "key"}} and {{$.T "key"}} in templates.
var templateKey = regexp.MustCompile(`\.T "([^"]+)"`)

// usedKeys lists the literal message keys in the module's Go code (tests
// excepted): arguments of the calls in keyCalls, and keys in templates.
func usedKeys(t *testing.T) []keyUse {
	t.Helper()
	root := filepath.Join("..", "..")
	var uses []keyUse
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "tools" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				name := ""
				switch fn := n.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					if x, ok := fn.X.(*ast.Ident); ok && x.Name == "i18n" {
						name = "i18n." + fn.Sel.Name
					} else {
						name = "." + fn.Sel.Name
					}
				}
				call, ok := keyCalls[name]
				if !ok || len(n.Args) <= call.arg {
					return true
				}
				if lit, ok := n.Args[call.arg].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					key, err := strconv.Unquote(lit.Value)
					if err == nil {
						uses = append(uses, keyUse{key, call.plural, fset.Position(lit.Pos()).String()})
					}
				}
			case *ast.BasicLit:
				if n.Kind != token.STRING {
					return true
				}
				for _, m := range templateKey.FindAllStringSubmatch(n.Value, -1) {
					uses = append(uses, keyUse{m[1], false, fset.Position(n.Pos()).String()})
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return uses
}

// TestKeysUsedInCodeExist fails when the code names a key the catalogs
// lack: a typo would print the key instead of a message.
func TestKeysUsedInCodeExist(t *testing.T) {
	uses := usedKeys(t)
	// The scan must see the reports, the rules and the command line.
	if len(uses) < 200 {
		t.Fatalf("found %d key uses in the code, expected hundreds: is the scan broken?", len(uses))
	}
	for _, u := range uses {
		keys := []string{u.key}
		if u.plural {
			keys = []string{u.key + ".one", u.key + ".other"}
		}
		for _, k := range keys {
			for _, l := range i18n.Supported {
				if _, ok := i18n.Lookup(l, k); !ok {
					t.Errorf("%s: key %q is not in the %s catalog", u.at, k, l)
				}
			}
		}
	}
}

// TestCatalogFileKeysUsed: the scan sees the errors of a catalog file
// (package catalog's errorAt, origin.errorAt and validator.add), so that
// TestKeysUsedInCodeExist checks each has its French text.
func TestCatalogFileKeysUsed(t *testing.T) {
	files := map[string]bool{}
	n := 0
	for _, u := range usedKeys(t) {
		if strings.HasPrefix(u.key, "catalogfile.") {
			n++
			files[filepath.Base(strings.Split(u.at, ":")[0])] = true
		}
	}
	if n < 60 {
		t.Errorf("found %d uses of catalogfile keys, want the catalog file's errors (over 60)", n)
	}
	for _, f := range []string{"parse.go", "merge.go", "validate.go", "scopes.go", "catalog.go", "lookup.go"} {
		if !files[f] {
			t.Errorf("no catalogfile key found in internal/catalog/%s: is the scan broken?", f)
		}
	}
}

// TestComputedKeysExist checks the keys the code builds from data:
// severities, level names of the built-in profiles, areas, qualification
// stages, location statuses. The rules' texts (rule.ID.*) are checked
// against the registry by internal/ruledef's tests.
func TestComputedKeysExist(t *testing.T) {
	var keys []string
	for _, s := range policy.Severities {
		keys = append(keys, "severity."+string(s))
	}
	for _, name := range policy.Profiles() {
		p, err := policy.Profile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range p.Levels {
			keys = append(keys, "level."+l.Name, "data_level."+l.Name)
			if l.AllowedArea != "" {
				keys = append(keys, "area."+l.AllowedArea)
			}
		}
	}
	for _, s := range []catalog.Status{catalog.StatusJ0, catalog.StatusJ1, catalog.StatusJ2, catalog.StatusInProgress} {
		if !s.Pending() {
			t.Errorf("status %s is not pending: TC008 does not name it", s)
		}
		keys = append(keys, "stage."+string(s))
	}
	for _, s := range []string{inventory.StatusKnown, inventory.StatusUnknown, inventory.StatusGlobal, inventory.StatusMultiRegion, inventory.StatusNotApplicable} {
		keys = append(keys, "html.location_status."+s)
	}
	for _, s := range catalog.Standings {
		keys = append(keys, "catalog.standing."+string(s))
	}
	for _, s := range []string{rules.InlineInForce, rules.InlineExpired, rules.InlineNotAllowed, rules.InlineInvalid, rules.InlineUnattached, rules.InlineRemote} {
		keys = append(keys, "waiver.status."+s)
	}
	for _, m := range []string{"managed", "data", "ephemeral"} {
		keys = append(keys, "plan.mode_noun."+m)
	}
	keys = append(keys, "html.status.new", "html.status.existing", "html.status.waived", "html.verdict.passed", "html.verdict.blocked")
	for _, k := range keys {
		for _, l := range i18n.Supported {
			if _, ok := i18n.Lookup(l, k); !ok {
				t.Errorf("key %q is not in the %s catalog", k, l)
			}
		}
	}
}
