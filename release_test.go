package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The release: .goreleaser.yaml builds the CLI and the provider for six
// platforms; make release-snapshot runs it into dist/. These tests check the
// configuration, the snapshot's artefacts (when dist/ holds one: always under
// CI, where .ci/run makes it first) and the CI files that use them.

var (
	releaseOS   = []string{"linux", "darwin", "windows"}
	releaseArch = []string{"amd64", "arm64"}
)

// goreleaserConfig is the part of .goreleaser.yaml these tests read.
type goreleaserConfig struct {
	ProjectName string `yaml:"project_name"`
	Builds      []struct {
		ID      string   `yaml:"id"`
		Main    string   `yaml:"main"`
		Binary  string   `yaml:"binary"`
		Env     []string `yaml:"env"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
		Ldflags []string `yaml:"ldflags"`
	} `yaml:"builds"`
	Archives []struct {
		ID              string   `yaml:"id"`
		IDs             []string `yaml:"ids"`
		NameTemplate    string   `yaml:"name_template"`
		Formats         []string `yaml:"formats"`
		FormatOverrides []struct {
			Goos    string   `yaml:"goos"`
			Formats []string `yaml:"formats"`
		} `yaml:"format_overrides"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string `yaml:"name_template"`
		Algorithm    string `yaml:"algorithm"`
		ExtraFiles   []struct {
			Glob         string `yaml:"glob"`
			NameTemplate string `yaml:"name_template"`
		} `yaml:"extra_files"`
	} `yaml:"checksum"`
}

func readGoreleaser(t *testing.T) goreleaserConfig {
	t.Helper()
	data, err := os.ReadFile(".goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var c goreleaserConfig
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	return c
}

// render expands the goreleaser templates these files use.
func render(tmpl, version, goos, goarch string) string {
	return strings.NewReplacer("{{ .Version }}", version, "{{ .Os }}", goos, "{{ .Arch }}", goarch).Replace(tmpl)
}

// releaseArchive is one archive a release holds and the binary in it.
type releaseArchive struct {
	name, binary, goos, goarch, build string
}

// releaseFiles returns the archives of version that .goreleaser.yaml
// describes, and the names of the checksum file and the registry manifest.
func releaseFiles(t *testing.T, c goreleaserConfig, version string) (archives []releaseArchive, sums, manifest string) {
	t.Helper()
	binaries := map[string]string{}
	for _, b := range c.Builds {
		binaries[b.ID] = b.Binary
	}
	for _, a := range c.Archives {
		if len(a.IDs) != 1 || binaries[a.IDs[0]] == "" {
			t.Fatalf("archive %s: want the id of one build, got %v", a.ID, a.IDs)
		}
		for _, goos := range releaseOS {
			for _, goarch := range releaseArch {
				formats := a.Formats
				for _, o := range a.FormatOverrides {
					if o.Goos == goos {
						formats = o.Formats
					}
				}
				if len(formats) != 1 {
					t.Fatalf("archive %s: want one format for %s, got %v", a.ID, goos, formats)
				}
				bin := render(binaries[a.IDs[0]], version, goos, goarch)
				if goos == "windows" {
					bin += ".exe"
				}
				archives = append(archives, releaseArchive{
					name:   render(a.NameTemplate, version, goos, goarch) + "." + formats[0],
					binary: bin, goos: goos, goarch: goarch, build: a.IDs[0],
				})
			}
		}
	}
	if len(c.Checksum.ExtraFiles) != 1 {
		t.Fatalf("checksum.extra_files: want the registry manifest only, got %d entries", len(c.Checksum.ExtraFiles))
	}
	return archives, render(c.Checksum.NameTemplate, version, "", ""), render(c.Checksum.ExtraFiles[0].NameTemplate, version, "", "")
}

// TestReleaseConfig: both programs for the six platforms, static, with the
// version injected into the variables that report it, under the Terraform
// registry's names, with a manifest that says the protocol main.go serves.
func TestReleaseConfig(t *testing.T) {
	c := readGoreleaser(t)
	wantX := map[string]string{
		"trustcloud": "-X github.com/trustcloud/trustcloud/internal/cli.Version={{ .Version }}",
		"provider":   "-X main.version={{ .Version }}",
	}
	wantMain := map[string]string{"trustcloud": "./cmd/trustcloud", "provider": "."}
	if len(c.Builds) != len(wantX) {
		t.Fatalf(".goreleaser.yaml has %d builds, want %d", len(c.Builds), len(wantX))
	}
	for _, b := range c.Builds {
		if wantMain[b.ID] != b.Main {
			t.Errorf("build %s: main %q, want %q", b.ID, b.Main, wantMain[b.ID])
		}
		if !slices.Equal(b.Goos, releaseOS) || !slices.Equal(b.Goarch, releaseArch) {
			t.Errorf("build %s: goos %v goarch %v, want %v × %v", b.ID, b.Goos, b.Goarch, releaseOS, releaseArch)
		}
		if !slices.Contains(b.Env, "CGO_ENABLED=0") {
			t.Errorf("build %s: env %v lacks CGO_ENABLED=0", b.ID, b.Env)
		}
		if !strings.Contains(strings.Join(b.Ldflags, " "), wantX[b.ID]) {
			t.Errorf("build %s: ldflags %v do not set %s", b.ID, b.Ldflags, wantX[b.ID])
		}
	}
	// The variables the ldflags set exist, and make sets the same ones.
	for file, decl := range map[string]string{"main.go": "\nvar version = ", "internal/cli/cli.go": "\nvar Version = "} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(src, []byte(decl)) {
			t.Errorf("%s does not declare %q, which the release's ldflags set", file, strings.TrimSpace(decl))
		}
	}
	mk, err := os.ReadFile("GNUmakefile")
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []string{"-X main.version=$(VERSION)", "-X github.com/trustcloud/trustcloud/internal/cli.Version=$(VERSION)"} {
		if !bytes.Contains(mk, []byte(x)) {
			t.Errorf("GNUmakefile does not set %s", x)
		}
	}

	archives, sums, manifest := releaseFiles(t, c, "1.2.3")
	names := map[string]bool{}
	for _, a := range archives {
		names[a.name] = true
	}
	for _, want := range []string{
		"trustcloud_1.2.3_linux_amd64.tar.gz", "trustcloud_1.2.3_windows_arm64.zip",
		"terraform-provider-trustcloud_1.2.3_darwin_arm64.zip", "terraform-provider-trustcloud_1.2.3_linux_amd64.zip",
	} {
		if !names[want] {
			t.Errorf("the release has no %s: %v", want, archives)
		}
	}
	if len(archives) != 12 || len(names) != 12 {
		t.Errorf("the release has %d archives (%d names), want 2 programs × 6 platforms = 12", len(archives), len(names))
	}
	for _, a := range archives {
		if a.build == "provider" && !strings.HasPrefix(a.binary, "terraform-provider-trustcloud_v1.2.3") {
			t.Errorf("provider binary %s: the registry wants terraform-provider-trustcloud_v1.2.3", a.binary)
		}
	}
	if sums != "terraform-provider-trustcloud_1.2.3_SHA256SUMS" || manifest != "terraform-provider-trustcloud_1.2.3_manifest.json" {
		t.Errorf("checksum file %s and manifest %s: not the registry's names", sums, manifest)
	}

	var m struct {
		Version  int `json:"version"`
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	data, err := os.ReadFile("terraform-registry-manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	mainGo, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	if m.Version != 1 || !slices.Equal(m.Metadata.ProtocolVersions, []string{"6.0"}) || !bytes.Contains(mainGo, []byte("ProtocolVersion: 6,")) {
		t.Errorf("terraform-registry-manifest.json says version %d protocols %v; main.go must serve protocol 6 and the manifest say [6.0]",
			m.Version, m.Metadata.ProtocolVersions)
	}
}

// releaseDist returns the directory of a snapshot made by make
// release-snapshot: TRUSTCLOUD_RELEASE_DIST, or dist/ when it holds one.
// Under CI there must be one.
func releaseDist(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("TRUSTCLOUD_RELEASE_DIST")
	if dir == "" {
		dir = "dist"
		if _, err := os.Stat(filepath.Join(dir, "artifacts.json")); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatal("no release snapshot in dist/: under CI, make release-snapshot runs before the tests")
			}
			t.Skip("no release snapshot in dist/: make release-snapshot makes one")
		}
	}
	return dir
}

// snapshotVersion is the version of the snapshot in dist.
func snapshotVersion(t *testing.T, dist string) string {
	t.Helper()
	var meta struct {
		Version string `json:"version"`
	}
	data, err := os.ReadFile(filepath.Join(dist, "metadata.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &meta); err != nil || meta.Version == "" {
		t.Fatalf("%s/metadata.json: no version (%v)", dist, err)
	}
	return meta.Version
}

// TestReleaseSnapshot: the snapshot holds the 12 archives, each with its
// binary carrying the version, a SHA256SUMS file that covers exactly them and
// the manifest, and the manifest; the CLI of this platform reports the version.
func TestReleaseSnapshot(t *testing.T) {
	dist := releaseDist(t)
	version := snapshotVersion(t, dist)
	archives, sumsName, manifestName := releaseFiles(t, readGoreleaser(t), version)

	var artifacts []struct {
		Name, Path, Type, Goos, Goarch string
	}
	data, err := os.ReadFile(filepath.Join(dist, "artifacts.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &artifacts); err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	listed := map[string]bool{}
	for _, a := range artifacts {
		count[a.Type]++
		listed[a.Name] = true
	}
	if count["Binary"] != 12 || count["Archive"] != 12 || count["Checksum"] != 1 {
		t.Errorf("artifacts.json: %d binaries, %d archives, %d checksum files; want 12, 12, 1", count["Binary"], count["Archive"], count["Checksum"])
	}

	sums := readSums(t, filepath.Join(dist, sumsName))
	want := []string{manifestName}
	for _, a := range archives {
		want = append(want, a.name)
		if !listed[a.name] {
			t.Errorf("artifacts.json does not list %s", a.name)
		}
		data, err := os.ReadFile(filepath.Join(dist, a.name))
		if err != nil {
			t.Error(err)
			continue
		}
		if got := sha256.Sum256(data); sums[a.name] != hex.EncodeToString(got[:]) {
			t.Errorf("%s: sha256 %x, %s says %q", a.name, got, sumsName, sums[a.name])
		}
		bin := archived(t, a.name, data, a.binary)
		if !bytes.Contains(bin, []byte(version)) {
			t.Errorf("%s: %s does not carry the version %s", a.name, a.binary, version)
		}
		if a.build == "trustcloud" && a.goos == runtime.GOOS && a.goarch == runtime.GOARCH {
			path := filepath.Join(t.TempDir(), a.binary)
			if err := os.WriteFile(path, bin, 0o755); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(path, "version").Output()
			if err != nil || string(out) != "trustcloud "+version+"\n" {
				t.Errorf("%s version: %q, %v; want trustcloud %s", a.name, out, err, version)
			}
		}
	}
	got := make([]string, 0, len(sums))
	for name := range sums {
		got = append(got, name)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s covers\n%v\nwant\n%v", sumsName, got, want)
	}

	src, err := os.ReadFile("terraform-registry-manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := os.ReadFile(filepath.Join(dist, manifestName))
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(src); !bytes.Equal(shipped, src) || sums[manifestName] != hex.EncodeToString(sum[:]) {
		t.Errorf("%s is not terraform-registry-manifest.json, or %s has another sum for it", manifestName, sumsName)
	}
}

// readSums reads a sha256sum file: file name → hex digest.
func readSums(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	sums := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok || len(sum) != 64 || sums[name] != "" {
			t.Fatalf("%s: line %q is not a new `SHA256  NAME`", path, sc.Text())
		}
		sums[name] = sum
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return sums
}

// archived returns the file called name in a .tar.gz or .zip archive.
func archived(t *testing.T, archive string, data []byte, name string) []byte {
	t.Helper()
	if strings.HasSuffix(archive, ".zip") {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("%s: %v", archive, err)
		}
		for _, f := range zr.File {
			if f.Name == name {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				out, err := io.ReadAll(rc)
				_ = rc.Close()
				if err != nil {
					t.Fatal(err)
				}
				return out
			}
		}
		t.Fatalf("%s has no %s", archive, name)
	}
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", archive, err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err != nil {
			t.Fatalf("%s has no %s (%v)", archive, name, err)
		}
		if h.Name == name {
			out, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
	}
}

// releaseNameRef is a release file name in a CI file, with the version as
// the shell variable ${version}.
var releaseNameRef = regexp.MustCompile(`(?:terraform-provider-)?trustcloud_\$\{version\}_[A-Za-z0-9_.]+`)

// TestReleaseCIFiles: the release workflow runs the pinned goreleaser on
// version tags, and the workflow and the GitLab template name only files a
// release has.
func TestReleaseCIFiles(t *testing.T) {
	c := readGoreleaser(t)
	archives, sums, manifest := releaseFiles(t, c, "1.2.3")
	released := map[string]bool{sums: true, manifest: true}
	for _, a := range archives {
		released[a.name] = true
	}
	for _, path := range []string{".github/workflows/release.yml", "examples/ci/gitlab-release.yml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		refs := releaseNameRef.FindAllString(string(data), -1)
		if len(refs) < 2 {
			t.Errorf("%s names %d release files, want the archive and the checksum file at least", path, len(refs))
		}
		for _, r := range refs {
			if name := strings.ReplaceAll(r, "${version}", "1.2.3"); !released[name] {
				t.Errorf("%s names %s, which a release does not have", path, r)
			}
		}
	}

	var wf struct {
		On struct {
			Push struct {
				Tags []string `yaml:"tags"`
			} `yaml:"push"`
		} `yaml:"on"`
		Jobs map[string]struct {
			Steps []struct {
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	data, err := os.ReadFile(".github/workflows/release.yml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(wf.On.Push.Tags, []string{"v*"}) {
		t.Errorf("release.yml runs on tags %v, want [v*]", wf.On.Push.Tags)
	}
	var runs []string
	for _, j := range wf.Jobs {
		for _, s := range j.Steps {
			runs = append(runs, s.Run)
		}
	}
	if !slices.ContainsFunc(runs, func(r string) bool {
		return strings.Contains(r, `go tool -modfile="$PWD/tools/go.mod" goreleaser release --clean`)
	}) {
		t.Errorf("release.yml does not run the goreleaser of tools/go.mod: %q", runs)
	}
}

// gitlabRelease is the part of examples/ci/gitlab-release.yml the test runs.
type gitlabRelease struct {
	Variables map[string]string `yaml:"variables"`
	Install   struct {
		BeforeScript []string `yaml:"before_script"`
	} `yaml:".trustcloud-install"`
	Job struct {
		Extends string   `yaml:"extends"`
		Script  []string `yaml:"script"`
	} `yaml:"trustcloud"`
}

// TestReleaseGitLabTemplate runs the GitLab template's install and check
// steps against the snapshot, served as a release is: it verifies the
// archive, installs trustcloud and checks a compliant plan; a tampered
// archive stops it before anything runs.
func TestReleaseGitLabTemplate(t *testing.T) {
	dist := releaseDist(t)
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skipf("the template installs the linux_amd64 archive, which does not run on %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	for _, tool := range []string{"sh", "curl", "sha256sum", "tar"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not on PATH: the GitLab template's install step needs it", tool)
		}
	}
	version := snapshotVersion(t, dist)
	var g gitlabRelease
	data, err := os.ReadFile("examples/ci/gitlab-release.yml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	if g.Job.Extends != ".trustcloud-install" || len(g.Install.BeforeScript) != 2 || len(g.Job.Script) != 1 {
		t.Fatalf("gitlab-release.yml: not the shape this test runs (install before_script: apk, then the install; one check line)")
	}
	// The image's package install is the runner's business; the rest runs as written.
	script := g.Install.BeforeScript[1] + "\n" + g.Job.Script[0]

	// A release server: TAG/FILE, as GitHub serves release assets.
	served := t.TempDir()
	tag := filepath.Join(served, "v"+version)
	if err := os.Mkdir(tag, 0o755); err != nil {
		t.Fatal(err)
	}
	archive := "trustcloud_" + version + "_linux_amd64.tar.gz"
	sums := "terraform-provider-trustcloud_" + version + "_SHA256SUMS"
	for _, f := range []string{archive, sums} {
		data, err := os.ReadFile(filepath.Join(dist, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tag, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(served)))
	defer srv.Close()

	scenario, err := filepath.Abs("testdata/scenarios/s3ns-premi3ns")
	if err != nil {
		t.Fatal(err)
	}
	run := func() (int, string) {
		cmd := exec.Command("sh", "-e", "-c", script)
		cmd.Dir = t.TempDir()
		cmd.Env = []string{
			"PATH=" + os.Getenv("PATH"), "HOME=" + cmd.Dir, "NO_COLOR=1",
			"TRUSTCLOUD_VERSION=v" + version, "TRUSTCLOUD_RELEASES=" + srv.URL, "TF_ROOT=" + scenario,
		}
		out, err := cmd.CombinedOutput()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, string(out)
	}
	code, out := run()
	if code != 0 || !strings.Contains(out, "trustcloud "+version+"\n") || !strings.Contains(out, "PASSED") || !strings.Contains(out, archive+": OK") {
		t.Errorf("the template's steps on a compliant plan: exit %d, want 0 with the verified archive, its version and PASSED:\n%s", code, out)
	}

	// One byte changed in the archive: sha256sum stops the job.
	path := filepath.Join(tag, archive)
	data, err = os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0xff
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out = run()
	if code == 0 || !strings.Contains(out, "FAILED") || strings.Contains(out, "PASSED") || strings.Contains(out, "trustcloud "+version+"\n") {
		t.Errorf("the template's steps with a tampered archive: exit %d, want a failed checksum and nothing run:\n%s", code, out)
	}
}
