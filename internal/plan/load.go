package plan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

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
}

// Error is a problem with a plan file, naming the file and the place.
type Error struct {
	File string
	// Where is a JSON path or a "line L, column C" position, when known.
	Where string
	Msg   string
}

func (e *Error) Error() string {
	if e.Where != "" {
		return fmt.Sprintf("%s: %s: %s", e.File, e.Where, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Load reads a plan: a `terraform show -json` file, "-" for standard
// input, or a binary plan file (converted by running `terraform show
// -json`). It returns the plan and the name used for it in messages.
func Load(path string, opts LoadOptions) (*tfjson.Plan, string, error) {
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
			return nil, name, &Error{File: name, Msg: fmt.Sprintf("cannot read the plan: %v", err)}
		}
		defer func() { _ = f.Close() }()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, name, &Error{File: name, Msg: "cannot read the plan: is a directory"}
		}
		in = f
	}
	// Look at the first bytes: a binary plan is a zip archive.
	head := make([]byte, 4)
	n, err := io.ReadFull(in, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, name, &Error{File: name, Msg: fmt.Sprintf("cannot read the plan: %v", err)}
	}
	head = head[:n]
	if isBinaryPlan(head) {
		if path == "-" {
			return nil, name, &Error{File: name, Msg: "this is a binary plan file: pass it by path (trustcloud runs `terraform show -json` on it) or pipe `terraform show -json plan` instead"}
		}
		data, err := showJSON(path, opts)
		if err != nil {
			return nil, name, err
		}
		p, err := decodePlan(name, bytes.NewReader(data), opts.Keep)
		return p, name, err
	}
	p, err := decodePlan(name, io.MultiReader(bytes.NewReader(head), in), opts.Keep)
	return p, name, err
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
			return nil, &Error{File: path, Msg: "this is a binary plan file and no terraform was found on PATH to read it: run `terraform show -json " + path + " > plan.json` and pass plan.json, or give --terraform PATH"}
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
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		if i := strings.IndexByte(msg, '\n'); i > 0 && len(msg) > 400 {
			msg = msg[:i]
		}
		return nil, &Error{File: path, Msg: fmt.Sprintf("`%s show -json` failed: %s (run it in the directory where the plan was made, after terraform init)", tf, msg)}
	}
	return out, nil
}

// Parse decodes plan JSON held in memory, every attribute kept. Errors
// name the file and, for malformed JSON, the line and column.
func Parse(name string, data []byte) (*tfjson.Plan, error) {
	return decodePlan(name, bytes.NewReader(data), nil)
}
