// Command catalogtypes turns the provider metadata under
// internal/catalog/metadata (facts read from each Terraform provider's
// sources, see SOURCES.md there) into the catalog's type tables under
// internal/catalog/data: types.tsv (where each type lives), dataflows.tsv
// (attributes through which data goes elsewhere) and region-pairs.tsv.
// `make catalog` runs it.
//
// Every raw scope, flow and value is mapped explicitly (mapping.go): a
// value the tables do not know stops the generator with the file and line
// that holds it, so that a new upstream fact is read before it is used.
// The output is sorted and carries no date, so the same metadata always
// gives the same files.
package main

//go:generate go run .

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

const (
	defaultIn  = "internal/catalog/metadata"
	defaultOut = "internal/catalog/data"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("catalogtypes", flag.ContinueOnError)
	flags.SetOutput(stderr)
	in := flags.String("in", defaultIn, "metadata folder to read (relative paths: from the current directory, else from the module root)")
	out := flags.String("out", defaultOut, "folder to write types.tsv, dataflows.tsv and region-pairs.tsv to (relative paths as for -in)")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	inDir, err := resolve(*in)
	if err != nil {
		fmt.Fprintln(stderr, "catalogtypes:", err)
		return 2
	}
	outDir, err := resolve(*out)
	if err != nil {
		fmt.Fprintln(stderr, "catalogtypes:", err)
		return 2
	}
	meta := os.DirFS(inDir)
	if m := Missing(meta); len(m) > 0 {
		fmt.Fprintf(stderr, "catalogtypes: %s: provider folder(s) missing: %s\n", inDir, strings.Join(m, ", "))
		return 1
	}
	o, err := Generate(meta)
	if err != nil {
		printErrors(stderr, inDir, err)
		return 1
	}
	for name, data := range o.Files() {
		if err := os.WriteFile(filepath.Join(outDir, name), data, 0o644); err != nil {
			fmt.Fprintln(stderr, "catalogtypes:", err)
			return 2
		}
	}
	fmt.Fprintf(stdout, "catalogtypes: %s: %d types, %d dataflows, %d region pairs\n", outDir, len(o.Types), len(o.Flows), len(o.Pairs))
	return 0
}

// printErrors prints each joined error on a line of its own, with the
// metadata file's path as given on the command line.
func printErrors(w io.Writer, inDir string, err error) {
	errs := []error{err}
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		errs = joined.Unwrap()
	}
	for _, e := range errs {
		var le *lineError
		if errors.As(e, &le) {
			fmt.Fprintf(w, "catalogtypes: %s: %s\n", filepath.Join(inDir, le.ref), le.msg)
		} else {
			fmt.Fprintf(w, "catalogtypes: %s: %v\n", inDir, e)
		}
	}
}

// resolve finds a relative path from the current directory or, failing
// that, from the module root, so that the tool runs from the repository
// root (make catalog) as well as from its own folder (go generate).
func resolve(p string) (string, error) {
	if filepath.IsAbs(p) {
		return p, nil
	}
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			q := filepath.Join(dir, p)
			if _, err := os.Stat(q); err != nil {
				return "", fmt.Errorf("%s: not found from the current directory nor from the module root %s", p, dir)
			}
			return q, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", fmt.Errorf("%s: not found from the current directory, and no go.mod above it", p)
		}
		dir = up
	}
}
