package tfconfig

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// Tool is the program that made the plan: it decides which files are
// configuration (OpenTofu reads .tofu files and prefers them to .tf files
// of the same name; Terraform ignores them).
type Tool string

// Tools.
const (
	Terraform Tool = "terraform"
	OpenTofu  Tool = "opentofu"
)

// Limits on what is read: a configuration is text written by people, and
// one larger than this is an attack on the reader, not a configuration.
const (
	maxFileSize    = 16 << 20
	maxTotalSize   = 256 << 20
	maxModules     = 10000
	maxModuleDepth = 64
)

// Config is a parsed configuration: the root module and every module it
// calls, by module key.
type Config struct {
	// Origin says where the sources came from, for reports: "the
	// configuration snapshot of plan.tfplan" or "the directory infra/".
	// Kind (FromPlanFile, FromDirectory) and Path say it for programs.
	Origin, Kind, Path string
	// OriginText is Origin not yet rendered, for messages in the user's
	// language.
	OriginText i18n.Msg
	// Modules by key: "" for the root, call names joined by "." ("net",
	// "net.subnets"), as in Terraform's module manifest.
	Modules map[string]*Module
	// Workspace is the workspace recorded in a binary plan ("" when the
	// sources do not record it).
	Workspace string
	// Tool is the program whose file rules were applied.
	Tool Tool
	// Root is the directory of the root module on disk, when known: file
	// names in reports are joined to it.
	Root string
	// Missing are the modules a directory read with LoadDirPartial
	// calls but does not hold, by module key, with the reason.
	Missing map[string]string

	// files holds the bytes of every file by display path, to quote
	// expressions in evidence.
	files map[string][]byte
	// read reads a file of a module directory for file() and
	// templatefile(); nil when only configuration files are at hand.
	read func(module *Module, name string) ([]byte, error)
}

// Kinds of sources.
const (
	FromPlanFile  = "binary_plan"
	FromDirectory = "directory"
)

// Error is a problem with the sources: a file that does not parse, a
// snapshot that is not one. It names the file and, for HCL, the place.
type Error struct {
	File string
	Msg  string
	// Text is Msg not yet rendered, for the user's language.
	Text i18n.Localizer
}

func (e *Error) Error() string {
	if e.File == "" {
		return e.Msg
	}
	return e.File + ": " + e.Msg
}

// In renders the error in a language.
func (e *Error) In(l i18n.Lang) string {
	msg := e.Msg
	if e.Text != nil {
		msg = e.Text.In(l)
	}
	if e.File == "" {
		return msg
	}
	return e.File + ": " + msg
}

// Failure is an Error whose message is key of the i18n catalogs, with
// args.
func Failure(file, key string, args ...any) *Error { return failure(file, key, args...) }

// failure is Failure.
func failure(file, key string, args ...any) *Error {
	text := i18n.M(key, args...)
	return &Error{File: file, Msg: text.String(), Text: text}
}

// snapshot layout of a binary plan file (a zip archive): Terraform and
// OpenTofu store the configuration's files under tfconfig/m-<module key>/
// and the module manifest in tfconfig/modules.json.
const (
	snapshotPrefix   = "tfconfig/"
	snapshotManifest = snapshotPrefix + "modules.json"
	snapshotModule   = snapshotPrefix + "m-"
)

// manifestEntry is one module of Terraform's module manifest
// (.terraform/modules/modules.json, or the snapshot's).
type manifestEntry struct {
	Key    string `json:"Key"`
	Source string `json:"Source"`
	Dir    string `json:"Dir"`
}

// LoadPlanFile reads the configuration snapshot of a binary plan file. A
// file that is not a binary plan, or one without a snapshot, is an error.
func LoadPlanFile(planFile string, tool Tool) (*Config, error) {
	zr, err := zip.OpenReader(planFile)
	if err != nil {
		return nil, failure(planFile, "config.snapshot_unreadable", err)
	}
	defer func() { _ = zr.Close() }()
	byName := map[string]*zip.File{}
	for _, f := range zr.File {
		byName[f.Name] = f
	}
	mf := byName[snapshotManifest]
	if mf == nil {
		return nil, failure(planFile, "config.no_snapshot", snapshotManifest)
	}
	raw, err := readZip(mf, maxFileSize)
	if err != nil {
		return nil, failure(planFile, "config.at", snapshotManifest, err)
	}
	var manifest []manifestEntry
	if err := json.Unmarshal(raw, &manifest); err != nil {
		// Older versions wrapped the list: {"Modules": [...]}.
		var wrapped struct {
			Modules []manifestEntry `json:"Modules"`
		}
		if err2 := json.Unmarshal(raw, &wrapped); err2 != nil {
			return nil, failure(planFile, "config.not_manifest", snapshotManifest, err)
		}
		manifest = wrapped.Modules
	}
	if len(manifest) > maxModules {
		return nil, failure(planFile, "config.snapshot_modules", len(manifest), maxModules)
	}
	origin := i18n.M("config.origin_snapshot", filepath.Base(planFile))
	cfg := newConfig(origin.String(), tool)
	cfg.OriginText = origin
	cfg.Kind, cfg.Path = FromPlanFile, filepath.ToSlash(planFile)
	total := 0
	for _, m := range manifest {
		if _, dup := cfg.Modules[m.Key]; dup {
			return nil, failure(planFile, "config.module_twice", snapshotManifest, m.Key)
		}
		dir := cleanDir(m.Dir)
		prefix := snapshotModule + m.Key + "/"
		files := map[string][]byte{}
		for name, f := range byName {
			base, ok := strings.CutPrefix(name, prefix)
			if !ok || strings.Contains(base, "/") || base == "" {
				continue
			}
			data, err := readZip(f, maxFileSize)
			if err != nil {
				return nil, failure(planFile, "config.at", name, err)
			}
			total += len(data)
			if total > maxTotalSize {
				return nil, failure(planFile, "config.snapshot_size", maxTotalSize>>20)
			}
			files[base] = data
		}
		if err := cfg.addModule(m.Key, dir, m.Source, files); err != nil {
			return nil, err
		}
	}
	if cfg.Modules[""] == nil {
		return nil, failure(planFile, "config.no_root", snapshotManifest)
	}
	cfg.Workspace = planWorkspace(byName["tfplan"])
	cfg.link()
	return cfg, nil
}

func readZip(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, i18n.Errorf("config.larger", limit>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer func() { _ = rc.Close() }()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, i18n.Errorf("config.larger", limit>>20)
	}
	return data, nil
}

// LoadDir reads the configuration of a directory: the root module, the
// local modules it calls (relative to the calling module) and, when
// `terraform init` has run there, the modules listed in
// .terraform/modules/modules.json (registry and git modules included). A
// module whose directory is missing is an error: its values could not be
// evaluated.
func LoadDir(dir string, tool Tool) (*Config, error) {
	return loadDir(dir, tool, false)
}

// LoadDirPartial is LoadDir for a check of the directory alone: a module
// whose directory is missing (not downloaded) is recorded in
// Config.Missing, with the reason, instead of failing the load.
func LoadDirPartial(dir string, tool Tool) (*Config, error) {
	return loadDir(dir, tool, true)
}

func loadDir(dir string, tool Tool, partial bool) (*Config, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, failure(slash(dir), "config.unreadable", unwrapPath(err))
	}
	if !st.IsDir() {
		return nil, failure(slash(dir), "config.not_directory")
	}
	installed, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	origin := i18n.M("config.origin_dir", slash(dir))
	cfg := newConfig(origin.String(), tool)
	cfg.OriginText = origin
	cfg.Root = slash(dir)
	cfg.Kind, cfg.Path = FromDirectory, slash(dir)
	l := &dirLoader{root: dir, installed: installed, cfg: cfg, partial: partial}
	cfg.read = func(m *Module, name string) ([]byte, error) {
		return readInside(dir, filepath.Join(filepath.FromSlash(m.Dir), filepath.FromSlash(name)))
	}
	if err := l.load("", ".", "", nil); err != nil {
		return nil, err
	}
	cfg.Workspace = dirWorkspace(dir)
	cfg.link()
	return cfg, nil
}

type dirLoader struct {
	root      string
	installed map[string]manifestEntry
	cfg       *Config
	total     int
	// partial records missing modules instead of failing.
	partial bool
}

// load reads the module at key from dir (relative to the root), then the
// modules it calls. callers are the directories of the calling modules:
// a module that calls itself (which Terraform refuses) is not followed.
func (l *dirLoader) load(key, dir, source string, callers []string) error {
	if len(l.cfg.Modules) >= maxModules {
		return failure(slash(l.root), "config.too_many_modules", maxModules)
	}
	if len(callers) > maxModuleDepth {
		return failure(slash(filepath.Join(l.root, dir)), "plan.module_nesting", maxModuleDepth)
	}
	files, err := l.readModuleFiles(dir)
	if err != nil {
		return err
	}
	if err := l.cfg.addModule(key, dir, source, files); err != nil {
		return err
	}
	m := l.cfg.Modules[key]
	for _, name := range slices.Sorted(maps.Keys(m.Calls)) {
		call := m.Calls[name]
		childKey := name
		if key != "" {
			childKey = key + "." + name
		}
		childDir, ok := l.moduleDir(childKey, dir, call.Source)
		if !ok && l.partial {
			if l.cfg.Missing == nil {
				l.cfg.Missing = map[string]string{}
			}
			l.cfg.Missing[childKey] = fmt.Sprintf("module %q (source %q, %s) is not downloaded: its resources are not known; run `terraform init` (or `terraform get`) in %s", name, call.Source, where(call.Range), slash(l.root))
			continue
		}
		if !ok {
			return failure(call.Range.Filename, "config.module_missing", name, call.Source, slash(l.root))
		}
		for _, c := range append(callers, dir) {
			if c == childDir {
				return failure(call.Range.Filename, "config.module_self", name, childDir)
			}
		}
		if err := l.load(childKey, childDir, call.Source, append(append([]string(nil), callers...), dir)); err != nil {
			return err
		}
	}
	return nil
}

// moduleDir finds the directory (relative to the root) of a module call:
// the manifest when Terraform installed it there, else a local source
// relative to the calling module's directory.
func (l *dirLoader) moduleDir(key, parentDir, src string) (string, bool) {
	if e, ok := l.installed[key]; ok {
		d := cleanDir(e.Dir)
		if isDir(filepath.Join(l.root, filepath.FromSlash(d))) {
			return d, true
		}
	}
	if isLocalSource(src) {
		d := cleanDir(path.Join(parentDir, strings.ReplaceAll(src, `\`, "/")))
		if isDir(filepath.Join(l.root, filepath.FromSlash(d))) {
			return d, true
		}
	}
	return "", false
}

func (l *dirLoader) readModuleFiles(dir string) (map[string][]byte, error) {
	full := filepath.Join(l.root, filepath.FromSlash(dir))
	entries, err := os.ReadDir(full)
	if err != nil {
		return nil, failure(slash(full), "config.module_unreadable", unwrapPath(err))
	}
	files := map[string][]byte{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !IsConfigFile(name) {
			continue
		}
		data, err := readLimited(filepath.Join(full, name))
		if err != nil {
			return nil, failure(slash(filepath.Join(full, name)), "config.detail", err)
		}
		l.total += len(data)
		if l.total > maxTotalSize {
			return nil, failure(slash(l.root), "config.size", maxTotalSize>>20)
		}
		files[name] = data
	}
	return files, nil
}

// readInside reads a file of the configuration for file() and
// templatefile(): only inside the root directory, symbolic links
// resolved, so that a configuration cannot make trustcloud print another
// file of the runner into a report.
func readInside(root, rel string) ([]byte, error) {
	if filepath.IsAbs(rel) {
		return nil, i18n.Errorf("config.absolute", rel)
	}
	base, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, err
	}
	target, err := filepath.EvalSymlinks(filepath.Join(base, rel))
	if err != nil {
		return nil, err
	}
	if r, err := filepath.Rel(base, target); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return nil, i18n.Errorf("config.outside", rel)
	}
	return readLimited(target)
}

func readLimited(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer func() { _ = f.Close() }()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, unwrapPath(err)
	}
	if len(data) > maxFileSize {
		return nil, i18n.Errorf("config.larger", maxFileSize>>20)
	}
	return data, nil
}

// readManifest reads the modules `terraform init` installed, if any.
func readManifest(dir string) (map[string]manifestEntry, error) {
	p := filepath.Join(dir, ".terraform", "modules", "modules.json")
	data, err := readLimited(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, failure(slash(p), "config.detail", err)
	}
	var doc struct {
		Modules []manifestEntry `json:"Modules"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, failure(slash(p), "config.bad_manifest", err)
	}
	out := map[string]manifestEntry{}
	for _, m := range doc.Modules {
		if m.Key != "" && m.Dir != "" {
			out[m.Key] = m
		}
	}
	return out, nil
}

// dirWorkspace reads the workspace `terraform workspace select` recorded
// in the directory (.terraform/environment), "" when there is none.
func dirWorkspace(dir string) string {
	data, err := readLimited(filepath.Join(dir, ".terraform", "environment"))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(data))
}

// IsConfigFile reports whether a file name is one Terraform or OpenTofu
// may read as configuration (the tool decides among them later).
func IsConfigFile(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || (strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#")) {
		return false
	}
	for _, ext := range []string{".tf", ".tf.json", ".tofu", ".tofu.json"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

func isLocalSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") ||
		strings.HasPrefix(src, ".\\") || strings.HasPrefix(src, "..\\")
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func cleanDir(d string) string {
	d = path.Clean(strings.ReplaceAll(d, `\`, "/"))
	if d == "" {
		return "."
	}
	return d
}

func slash(p string) string { return filepath.ToSlash(filepath.Clean(p)) }

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
