package testtf

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// install is the test provider built and linked once per test binary.
type install struct {
	// dir holds bin/testprovider and providers/<type>/terraform-provider-<type>.
	dir string
	// sources maps provider types to source addresses (aws → hashicorp/aws).
	sources map[string]string
	types   []string
}

var (
	buildOnce sync.Once
	built     *install
	buildErr  error
	// linkMu serialises the creation of version links (versionDir).
	linkMu sync.Mutex
)

// provider returns the test provider install, building it on first use.
// The binary goes to .cache/testprovider/test-<key>, key being a digest of
// the provider's sources, go.mod, go.sum and the Go version: the test
// binaries of several packages (which `go test ./...` runs at once) and
// later runs share one build, and a changed provider gets a new one. The
// directory is made under a temporary name and renamed into place, so
// that a concurrent reader never sees half of it.
func provider(tb testing.TB) *install {
	tb.Helper()
	buildOnce.Do(func() { built, buildErr = buildProvider(moduleRoot(tb)) })
	if buildErr != nil {
		tb.Fatalf("building the test provider: %v", buildErr)
	}
	return built
}

func buildProvider(root string) (*install, error) {
	key, err := sourceKey(root)
	if err != nil {
		return nil, err
	}
	cache := filepath.Join(root, ".cache", "testprovider")
	dir := filepath.Join(cache, "test-"+key)
	if _, err := os.Stat(filepath.Join(dir, "sources")); err != nil {
		if err := os.MkdirAll(cache, 0o755); err != nil {
			return nil, err
		}
		staging, err := os.MkdirTemp(cache, "staging-")
		if err != nil {
			return nil, err
		}
		defer func() { _ = os.RemoveAll(staging) }()
		if err := buildInto(root, staging); err != nil {
			return nil, err
		}
		// Another test binary may have won the race: its directory is as good.
		if err := os.Rename(staging, dir); err != nil {
			if _, statErr := os.Stat(filepath.Join(dir, "sources")); statErr != nil {
				return nil, err
			}
		}
	}
	pruneStale(cache, dir)
	return readInstall(dir)
}

// pruneStale removes the builds of other sources (test-<key>) older than a
// day: each edit of the test provider makes a new one. A day is longer than
// any test run that may still use one.
func pruneStale(cache, keep string) {
	dirs, _ := filepath.Glob(filepath.Join(cache, "test-*"))
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && d != keep && time.Since(st.ModTime()) > 24*time.Hour {
			_ = os.RemoveAll(d)
		}
	}
}

// buildInto builds the binary into dir/bin, links it once per provider
// type and writes the type → source list (dir/sources, last: its presence
// marks a complete directory).
func buildInto(root, dir string) error {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return fmt.Errorf("the go command is needed to build internal/testprovider: %w", err)
	}
	bin := filepath.Join(dir, "bin", "testprovider")
	cmd := exec.Command(goCmd, "build", "-o", bin, "./internal/testprovider")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./internal/testprovider: %w\n%s", err, out)
	}
	out, err := exec.Command(bin, "-sources").Output()
	if err != nil {
		return fmt.Errorf("testprovider -sources: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		typ, _, ok := strings.Cut(strings.TrimSpace(sc.Text()), " ")
		if !ok {
			return fmt.Errorf("testprovider -sources: bad line %q", sc.Text())
		}
		// One directory per type: Terraform looks for
		// terraform-provider-<type>… in the directory dev_overrides names,
		// and the binary serves the provider its name says.
		if err := link(filepath.Join(dir, "providers", typ), "terraform-provider-"+typ); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, "sources"), out, 0o644)
}

func readInstall(dir string) (*install, error) {
	data, err := os.ReadFile(filepath.Join(dir, "sources"))
	if err != nil {
		return nil, err
	}
	in := &install{dir: dir, sources: map[string]string{}}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		typ, source, ok := strings.Cut(line, " ")
		if !ok {
			return nil, fmt.Errorf("%s: bad line %q", filepath.Join(dir, "sources"), line)
		}
		in.sources[typ] = source
		in.types = append(in.types, typ)
	}
	sort.Strings(in.types)
	return in, nil
}

// link makes dir/name a symbolic link to the binary, dir being two levels
// under the install directory. The link is relative: the directory is
// built under a temporary name and renamed.
func link(dir, name string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	err := os.Symlink(filepath.Join("..", "..", "bin", "testprovider"), filepath.Join(dir, name))
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	return err
}

// versionDir is a directory holding the binary linked as
// terraform-provider-<type>_v<version>: the test provider then mimics that
// release where its tables differ (hashicorp/aws 5.x).
func (in *install) versionDir(typ, version string) (string, error) {
	if _, ok := in.sources[typ]; !ok {
		return "", fmt.Errorf("the test provider serves no %q (it serves %s)", typ, strings.Join(in.types, ", "))
	}
	linkMu.Lock()
	defer linkMu.Unlock()
	dir := filepath.Join(in.dir, "providers-"+version, typ)
	return dir, link(dir, "terraform-provider-"+typ+"_v"+version)
}

// cliConfig is a CLI configuration that installs every provider of the
// test provider through dev_overrides; versions picks a release per type.
// The keys are namespace/type: Terraform and OpenTofu read each against
// their own registry host, so one file serves both.
func (in *install) cliConfig(versions, sources map[string]string) (string, error) {
	var b strings.Builder
	b.WriteString("provider_installation {\n  dev_overrides {\n")
	for _, typ := range in.types {
		dir := filepath.Join(in.dir, "providers", typ)
		if v := versions[typ]; v != "" {
			var err error
			if dir, err = in.versionDir(typ, v); err != nil {
				return "", err
			}
		}
		if _, replaced := sources[in.sources[typ]]; replaced {
			continue
		}
		fmt.Fprintf(&b, "    %q = %q\n", in.sources[typ], dir)
	}
	for _, src := range sortedKeys(sources) {
		typ := sources[src]
		if _, ok := in.sources[typ]; !ok {
			return "", fmt.Errorf("the test provider serves no %q", typ)
		}
		dir := filepath.Join(in.dir, "providers", typ)
		// Terraform runs terraform-provider-<the source's type>: serving
		// another type needs a link of that name that says which.
		if srcType := src[strings.LastIndex(src, "/")+1:]; srcType != typ {
			dir = filepath.Join(in.dir, "providers-as-"+typ, srcType)
			linkMu.Lock()
			err := link(dir, "terraform-provider-"+srcType+"_as-"+typ)
			linkMu.Unlock()
			if err != nil {
				return "", err
			}
		}
		fmt.Fprintf(&b, "    %q = %q\n", src, dir)
	}
	for typ := range versions {
		if _, ok := in.sources[typ]; !ok {
			return "", fmt.Errorf("ProviderVersions: the test provider serves no %q", typ)
		}
	}
	b.WriteString("  }\n  direct {}\n}\n")
	return b.String(), nil
}

// sourceKey is a digest of what the test provider binary is built from.
func sourceKey(root string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", runtime.Version(), root)
	files := []string{filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum")}
	srcs, err := filepath.Glob(filepath.Join(root, "internal", "testprovider", "*.go"))
	if err != nil {
		return "", err
	}
	for _, f := range srcs {
		if !strings.HasSuffix(f, "_test.go") {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.Base(f), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
