package tffunc

import (
	"bufio"
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// documentedNames reads a testdata list of function names: one a line, # starts a comment.
func documentedNames(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for s := bufio.NewScanner(bytes.NewReader(b)); s.Scan(); {
		line := strings.TrimSpace(s.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			names = append(names, line)
		}
	}
	if len(names) == 0 {
		t.Fatalf("%s lists no function", file)
	}
	return names
}

func TestNamesCoverDocumentation(t *testing.T) {
	for _, file := range []string{"testdata/terraform-1.11-functions.txt", "testdata/opentofu-1.10-extra-functions.txt"} {
		t.Run(file, func(t *testing.T) {
			names := Names()
			for _, name := range documentedNames(t, file) {
				if !slices.Contains(names, name) {
					t.Errorf("Names() lacks %q, which %s lists", name, file)
				}
				if !strings.Contains(name, "::") && !slices.Contains(names, "core::"+name) {
					t.Errorf("Names() lacks core::%s", name)
				}
			}
		})
	}
}

func TestNamesAreTheTable(t *testing.T) {
	names := Names()
	if !slices.IsSorted(names) {
		t.Error("Names() is not sorted")
	}
	table := Table(Options{})
	if len(table) != len(names) {
		t.Errorf("Table has %d functions, Names lists %d", len(table), len(names))
	}
	for _, name := range names {
		if _, ok := table[name]; !ok {
			t.Errorf("Table lacks %q", name)
		}
	}
}

// TestStubs calls every function trustcloud does not implement, without arguments and with a
// few, and checks that it returns an unknown value and reports a reason naming it.
func TestStubs(t *testing.T) {
	argLists := [][]cty.Value{
		nil,
		{cty.StringVal("x")},
		{cty.StringVal("x").Mark(Sensitive), cty.NullVal(cty.Number), cty.DynamicVal},
	}
	stubs := 0
	for _, name := range Names() {
		if Implemented(name) {
			continue
		}
		stubs++
		t.Run(name, func(t *testing.T) {
			for _, args := range argLists {
				var reasons []string
				f := Table(Options{Unevaluated: func(r string) { reasons = append(reasons, r) }})[name]
				v, err := f.Call(args)
				if err != nil {
					t.Fatalf("%s%#v failed: %s", name, args, err)
				}
				if v.IsWhollyKnown() {
					t.Errorf("%s%#v = %#v, want an unknown value", name, args, v)
				}
				if !mentions(reasons, name) {
					t.Errorf("%s%#v reported %q, want a reason naming it", name, args, reasons)
				}
			}
		})
	}
	if stubs == 0 {
		t.Fatal("no stub found: the test would pass vacuously")
	}
}

// TestApplyOnly checks the reason of the functions Terraform only evaluates at apply.
func TestApplyOnly(t *testing.T) {
	for _, name := range []string{"timestamp", "uuid", "bcrypt", "core::uuid"} {
		t.Run(name, func(t *testing.T) {
			var reasons []string
			f := Table(Options{Unevaluated: func(r string) { reasons = append(reasons, r) }})[name]
			v, err := f.Call(nil)
			if err != nil {
				t.Fatal(err)
			}
			if v.IsKnown() || v.Type() != cty.String {
				t.Errorf("%s() = %#v, want an unknown string", name, v)
			}
			if len(reasons) != 1 || !strings.Contains(reasons[0], "only known at apply") || !mentions(reasons, name) {
				t.Errorf("%s() reported %q", name, reasons)
			}
		})
	}
}

func TestImplemented(t *testing.T) {
	for name, want := range map[string]bool{
		"upper": true, "core::upper": true, "replace": true, "templatefile": true,
		"timestamp": false, "rsadecrypt": false, "core::fileset": false, "nosuchfunction": false,
	} {
		if got := Implemented(name); got != want {
			t.Errorf("Implemented(%q) = %t, want %t", name, got, want)
		}
	}
}
