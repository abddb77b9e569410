package plan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/trustcloud/trustcloud/internal/jsonpos"
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
	var data []byte
	var err error
	if path == "-" {
		name = "<stdin>"
		if opts.Stdin == nil {
			opts.Stdin = os.Stdin
		}
		data, err = io.ReadAll(opts.Stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, name, &Error{File: name, Msg: fmt.Sprintf("cannot read the plan: %v", err)}
	}
	if isBinaryPlan(data) {
		if path == "-" {
			return nil, name, &Error{File: name, Msg: "this is a binary plan file: pass it by path (trustcloud runs `terraform show -json` on it) or pipe `terraform show -json plan` instead"}
		}
		data, err = showJSON(path, opts)
		if err != nil {
			return nil, name, err
		}
	}
	p, err := Parse(name, data)
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

// Parse decodes plan JSON. Errors name the file and, for malformed JSON,
// the line and column.
func Parse(name string, data []byte) (*tfjson.Plan, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, &Error{File: name, Msg: "the file is empty: expected the output of `terraform show -json PLANFILE`"}
	}
	if trimmed[0] != '{' {
		return nil, &Error{File: name, Where: "line 1, column 1", Msg: "not a Terraform plan: expected a JSON object (the output of `terraform show -json PLANFILE`)"}
	}
	// Check the shape before decoding into tfjson.Plan, whose own errors
	// name neither the place nor the cause.
	var head struct {
		FormatVersion   *string          `json:"format_version"`
		ResourceChanges *json.RawMessage `json:"resource_changes"`
		PlannedValues   *json.RawMessage `json:"planned_values"`
		Values          *json.RawMessage `json:"values"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, jsonError(name, data, err)
	}
	if head.FormatVersion == nil {
		return nil, &Error{File: name, Where: "$.format_version", Msg: "missing: this is not the output of `terraform show -json PLANFILE`"}
	}
	if head.ResourceChanges == nil && head.PlannedValues == nil && head.Values != nil {
		return nil, &Error{File: name, Msg: "this is a Terraform state (`terraform show -json` without a plan file), not a plan: run `terraform plan -out=plan.tfplan && terraform show -json plan.tfplan`"}
	}
	var p tfjson.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		if strings.Contains(err.Error(), "unsupported plan format version") {
			return nil, &Error{File: name, Where: "$.format_version", Msg: fmt.Sprintf("unsupported plan format version %q: trustcloud reads formats 0.1 to 1.x (Terraform 0.12 and later)", *head.FormatVersion)}
		}
		return nil, jsonError(name, data, err)
	}
	return &p, nil
}

func jsonError(name string, data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		if strings.Contains(se.Error(), "unexpected end of JSON input") {
			return &Error{File: name, Where: jsonpos.Position(data, int64(len(data))), Msg: "invalid JSON: the file ends too early (truncated?)"}
		}
		return &Error{File: name, Where: jsonpos.Position(data, max(se.Offset-1, 0)), Msg: "invalid JSON: " + se.Error()}
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		where := "$"
		if te.Field != "" {
			where = "$." + te.Field
		}
		return &Error{File: name, Where: where, Msg: fmt.Sprintf("expected %s, got JSON %s", te.Type, te.Value)}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{File: name, Where: jsonpos.Position(data, int64(len(data))), Msg: "invalid JSON: the file ends too early (truncated?)"}
	}
	return &Error{File: name, Msg: "invalid plan: " + err.Error()}
}
