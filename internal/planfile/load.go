package planfile

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/trustcloud/trustcloud/internal/i18n"

	tfjson "github.com/hashicorp/terraform-json"
)

// LoadOptions say where to read a plan from and how to convert a binary
// plan.
type LoadOptions struct {
	// Stdin is read when the path is "-".
	Stdin io.Reader
	// Terraform is the terraform binary used to turn a binary plan file
	// into JSON; empty means "terraform" on PATH.
	Terraform string
	// Timeout bounds `terraform show -json` (default 5 minutes).
	Timeout time.Duration
	// Keep selects the resource attributes decoded (see KeepFor); nil
	// keeps them all.
	Keep func(attr string) bool
	// Progress, when set, is told the number of plan bytes read as the
	// reading goes (for a progress indicator).
	Progress func(n int64)
	// MaxInput is the largest plan JSON read, in bytes: 0 means
	// DefaultMaxInput, a negative value no limit.
	MaxInput int64
}

// Error is a problem with a plan file, naming the file and the place.
type Error struct {
	File string
	// Where is a JSON path or a "line L, column C" position, when known.
	Where string
	Msg   string
	// WhereText is Where not yet rendered, for the user's language (In);
	// zero when Where is a JSON path, the same in every language.
	WhereText i18n.Msg
	// Text is Msg not yet rendered, for the user's language (In); zero
	// for the messages that exist in English only.
	Text i18n.Msg
	// off is the stream offset of a reading error, when hasOff.
	off    int64
	hasOff bool
}

func (e *Error) Error() string {
	if e.Where != "" {
		return fmt.Sprintf("%s: %s: %s", e.File, e.Where, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// In is the error in language l: Error with the message translated when
// it has a translation.
func (e *Error) In(l i18n.Lang) string {
	if e.Text.IsZero() {
		return e.Error()
	}
	msg := oneLine(e.Text.In(l))
	where := e.Where
	if !e.WhereText.IsZero() {
		where = oneLine(e.WhereText.In(l))
	}
	if where != "" {
		return fmt.Sprintf("%s: %s: %s", e.File, where, msg)
	}
	return fmt.Sprintf("%s: %s", e.File, msg)
}

// failure is an Error whose message has a translation: key and args of
// the i18n catalogs, rendered in English for Msg.
func failure(file, where, key string, args ...any) *Error {
	text := i18n.M(key, args...)
	return &Error{File: file, Where: where, Msg: text.String(), Text: text}
}

// Load reads a plan: a `terraform show -json` file, "-" for standard
// input, or a binary plan file (converted by running `terraform show
// -json`). It returns the plan and the name used for it in messages.
func Load(path string, opts LoadOptions) (*tfjson.Plan, string, error) {
	in, err := LoadInput(path, opts)
	if err != nil {
		return nil, in.Name, err
	}
	if in.State != nil {
		return nil, in.Name, failure(in.Name, "", "plan.is_state")
	}
	return in.Plan, in.Name, nil
}

// LoadInput is Load that also accepts a state: `terraform show -json`
// without a plan file, or a state file (terraform.tfstate, format 4 and
// later). Input.State then says which, and Input.Plan holds the
// resources as they are deployed (see State). The Input is never nil:
// its Name is set with an error too.
func LoadInput(path string, opts LoadOptions) (*Input, error) {
	p, st, name, err := load(path, opts)
	return &Input{Plan: p, Name: name, State: st}, err
}

func load(path string, opts LoadOptions) (*tfjson.Plan, *State, string, error) {
	name := path
	var in io.Reader
	if path == "-" {
		name = "<stdin>"
		in = opts.Stdin
		if in == nil {
			in = os.Stdin
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, nil, name, failure(name, "", "plan.cannot_read", err.Error())
		}
		defer func() { _ = f.Close() }()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, nil, name, failure(name, "", "plan.is_directory")
		}
		in = f
	}
	// Look at the first bytes: a binary plan is a zip archive.
	head := make([]byte, 4)
	n, err := io.ReadFull(in, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, nil, name, failure(name, "", "plan.cannot_read", err.Error())
	}
	head = head[:n]
	if isBinaryPlan(head) {
		if path == "-" {
			return nil, nil, name, failure(name, "", "plan.binary_on_stdin")
		}
		data, err := showJSON(path, opts)
		if err != nil {
			return nil, nil, name, err
		}
		p, st, err := decodeInput(name, bytes.NewReader(data), opts)
		return p, st, name, err
	}
	p, st, err := decodeInput(name, io.MultiReader(bytes.NewReader(head), in), opts)
	return p, st, name, err
}

// decode reads plan JSON through the input checks (size limit, UTF-8),
// then checks the resource changes. A state is refused.
func decode(name string, r io.Reader, opts LoadOptions) (*tfjson.Plan, error) {
	p, st, err := decodeInput(name, r, opts)
	if err == nil && st != nil {
		return nil, failure(name, "", "plan.is_state")
	}
	return p, err
}

// decodeInput is decode that also reads a state.
func decodeInput(name string, r io.Reader, opts LoadOptions) (*tfjson.Plan, *State, error) {
	if opts.Progress != nil {
		r = &progressReader{r: r, report: opts.Progress}
	}
	in := newInput(r, opts.MaxInput)
	// A UTF-8 byte order mark (PowerShell's Out-File writes one) is not
	// JSON, but says nothing wrong about the plan: skip it.
	br := bufio.NewReaderSize(in, 4096)
	if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	p, facts, err := readPlan(name, br, opts.Keep)
	if in.failed != nil && !before(err, in.failed.off) {
		// The decoder saw a read error; say what it was and where.
		// (Unless the plan was wrong before that place: workers reading
		// resource changes may find that after the reader went on.)
		where := i18n.M("plan.at_byte", in.failed.off)
		e := &Error{File: name, Where: where.String(), WhereText: where, Msg: in.failed.msg}
		if in.failed.key != "" {
			e.Text = i18n.M(in.failed.key, in.failed.args...)
		}
		return nil, nil, e
	}
	if err != nil {
		// A message is one line, whatever the keys and values it quotes
		// from a hostile file.
		var pe *Error
		if errors.As(err, &pe) {
			pe.Where, pe.Msg = oneLine(pe.Where), oneLine(pe.Msg)
		}
		return nil, nil, err
	}
	if facts.isState != nil {
		return p, facts.isState, nil
	}
	if err := validate(name, p, facts); err != nil {
		return nil, nil, err
	}
	return p, nil, nil
}

// before reports whether err is a fault of the plan's text at or before
// stream offset off, where the input failed; the end of what could be
// read is not one.
func before(err error, off int64) bool {
	var e *Error
	return errors.As(err, &e) && e.hasOff && e.off <= off && !strings.Contains(e.Msg, "ends too early")
}

// oneLine escapes the control and line-separator characters of s as Go
// escapes (\n, \x00 …).
func oneLine(s string) string {
	if !strings.ContainsFunc(s, lineBreaking) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if lineBreaking(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func lineBreaking(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\u0085'
}

// isBinaryPlan recognises Terraform's binary plan files, which are zip
// archives.
func isBinaryPlan(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04"))
}

func showJSON(path string, opts LoadOptions) ([]byte, error) {
	tf := opts.Terraform
	if tf == "" {
		found, err := exec.LookPath("terraform")
		if err != nil {
			return nil, failure(path, "", "plan.binary_no_terraform", path)
		}
		tf = found
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 5 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, tf, "show", "-json", "-no-color", path)
	// Terraform asks checkpoint.hashicorp.com for news unless told not
	// to: reading a plan must not reach the network.
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out := &cappedBuffer{max: opts.MaxInput}
	if out.max == 0 {
		out.max = DefaultMaxInput
	}
	cmd.Stdout = out
	err := cmd.Run()
	if out.over {
		e := failure(path, "", "plan.show_too_large", FormatSize(out.max))
		e.WhereText = i18n.M("plan.at_byte", out.max)
		e.Where = e.WhereText.String()
		return nil, e
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		// One line: terraform's errors are boxed over several.
		msg = strings.Join(strings.FieldsFunc(msg, func(r rune) bool {
			return r == '\n' || r == '\r' || r == '\t' || r == ' ' || r == '│' || r == '╷' || r == '╵'
		}), " ")
		if len(msg) > 400 {
			msg = strings.ToValidUTF8(msg[:400], "") + "…"
		}
		return nil, failure(path, "", "plan.show_failed", tf, msg)
	}
	return out.Bytes(), nil
}

// cappedBuffer collects a command's output up to max bytes (negative: no
// limit); past it, writes fail and the command stops on a broken pipe.
type cappedBuffer struct {
	bytes.Buffer
	max  int64
	over bool
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.max >= 0 && int64(b.Len())+int64(len(p)) > b.max {
		b.over = true
		return 0, errors.New("output larger than the size limit")
	}
	return b.Buffer.Write(p)
}

// Parse decodes plan JSON held in memory, every attribute kept. Errors
// name the file and, for malformed JSON, the line and column.
func Parse(name string, data []byte) (*tfjson.Plan, error) {
	return decode(name, bytes.NewReader(data), LoadOptions{MaxInput: -1})
}

// progressReader tells LoadOptions.Progress what it reads.
type progressReader struct {
	r      io.Reader
	report func(int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.report(int64(n))
	return n, err
}
