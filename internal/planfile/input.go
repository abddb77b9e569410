package planfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// DefaultMaxInput is the largest plan JSON read when LoadOptions.MaxInput
// is zero: 2 GiB, about four times the plan of a 300,000-resource
// monorepo. A larger input is more likely a runaway pipe or a hostile
// file than a plan.
const DefaultMaxInput int64 = 2 << 30

// inputError is a problem with the bytes of a plan, at a stream offset.
type inputError struct {
	off int64
	msg string
	// key and args are msg's message in the i18n catalogs.
	key  string
	args []any
}

func (e *inputError) Error() string { return fmt.Sprintf("byte %d: %s", e.off, e.msg) }

// input reads a plan's bytes for the decoder: it counts them, stops at the
// size limit and checks, chunk by chunk, that they are UTF-8 — what
// `terraform show -json` writes — without NUL bytes. Invalid bytes are never handed on: the
// decoder gets the valid bytes before them, then the error, so that a
// syntax error earlier in the stream is still reported first.
type input struct {
	r io.Reader
	// max is the size limit (negative: none).
	max int64
	// n counts the bytes handed on.
	n int64
	// carry holds the first bytes of a character split across reads,
	// already handed on.
	carry  [utf8.UTFMax]byte
	nc     int
	failed *inputError
}

func newInput(r io.Reader, max int64) *input {
	if max == 0 {
		max = DefaultMaxInput
	}
	return &input{r: r, max: max}
}

func (in *input) Read(p []byte) (int, error) {
	if in.failed != nil {
		return 0, in.failed
	}
	if len(p) == 0 {
		return 0, nil
	}
	if in.max >= 0 {
		if in.n >= in.max {
			// At the limit: one more byte means the input is too large.
			var probe [1]byte
			m, err := io.ReadFull(in.r, probe[:])
			if m > 0 {
				in.failed = newInputError(in.max, "plan.too_large", FormatSize(in.max))
				return 0, in.failed
			}
			if err == nil || errors.Is(err, io.ErrUnexpectedEOF) {
				err = io.EOF
			}
			return 0, in.end(err)
		}
		if rest := in.max - in.n; int64(len(p)) > rest {
			p = p[:rest]
		}
	}
	n, err := in.r.Read(p)
	if n > 0 {
		if bad, ok := in.check(p[:n]); !ok {
			in.n += int64(bad)
			if bad == 0 {
				return 0, in.failed
			}
			return bad, nil
		}
		in.n += int64(n)
	}
	if err != nil {
		return n, in.end(err)
	}
	return n, nil
}

// end checks what is left at the end of the input.
func (in *input) end(err error) error {
	if errors.Is(err, io.EOF) && in.nc > 0 {
		in.failed = newInputError(in.n-int64(in.nc), "plan.utf8_truncated")
		return in.failed
	}
	return err
}

// check validates b, the bytes that follow those handed on. When they are
// not UTF-8 it records the error and returns how many bytes of b can
// still be handed on.
func (in *input) check(b []byte) (int, bool) {
	start := in.n // the offset of b[0]
	i := 0
	if in.nc > 0 {
		// Complete the character split by the previous read.
		carried := in.nc
		for in.nc < utf8.UTFMax && i < len(b) && !utf8.FullRune(in.carry[:in.nc]) {
			in.carry[in.nc] = b[i]
			in.nc++
			i++
		}
		if !utf8.FullRune(in.carry[:in.nc]) {
			return 0, true
		}
		if r, size := utf8.DecodeRune(in.carry[:in.nc]); r == utf8.RuneError && size <= 1 {
			in.fail(start-int64(carried), in.carry[0])
			return 0, false
		}
		in.nc = 0
	}
	rest := b[i:]
	// Keep an incomplete character at the end for the next read.
	cut := len(rest)
	for j := len(rest) - 1; j >= 0 && j > len(rest)-utf8.UTFMax; j-- {
		if utf8.RuneStart(rest[j]) {
			if !utf8.FullRune(rest[j:]) {
				cut = j
			}
			break
		}
	}
	// JSON text never holds a NUL byte, in a string or out of one: it
	// is binary or UTF-16 data. (Other control characters are left to
	// the decoder: finding them costs more than this one IndexByte.)
	valid := cut
	nul := bytes.IndexByte(rest[:cut], 0)
	if nul >= 0 {
		valid = nul
	}
	if !utf8.Valid(rest[:valid]) {
		k := 0
		for k < valid {
			r, size := utf8.DecodeRune(rest[k:valid])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			k += size
		}
		in.fail(start+int64(i+k), rest[k])
		return i + k, false
	}
	if nul >= 0 {
		in.fail(start+int64(i+nul), 0)
		return i + nul, false
	}
	in.nc = copy(in.carry[:], rest[cut:])
	return len(b), true
}

// fail records a byte that cannot be in plan JSON at off: c is invalid
// UTF-8 or NUL.
func (in *input) fail(off int64, c byte) {
	switch {
	case off == 0 && (c == 0xff || c == 0xfe), off == 1 && c == 0:
		// FF FE and FE FF are UTF-16 byte order marks; without one,
		// little-endian UTF-16 JSON has a NUL second byte. Windows
		// PowerShell's `>` writes UTF-16LE.
		in.failed = newInputError(off, "plan.utf16")
	case c == 0:
		in.failed = newInputError(off, "plan.nul")
	default:
		in.failed = newInputError(off, "plan.utf8", fmt.Sprintf("0x%02x", c))
	}
}

// newInputError is an input error at off with its message's key.
func newInputError(off int64, key string, args ...any) *inputError {
	return &inputError{off: off, msg: i18n.T(i18n.English, key, args...), key: key, args: args}
}

// FormatSize writes a byte count the way --max-input reads it.
func FormatSize(n int64) string {
	for _, u := range []struct {
		suffix string
		size   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.suffix)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
