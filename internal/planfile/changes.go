package planfile

import (
	"bytes"
	"errors"
	"runtime"
	"strconv"
	"sync"

	"github.com/trustcloud/trustcloud/internal/i18n"

	tfjson "github.com/hashicorp/terraform-json"
)

// Resource changes are most of the decoding work. The reader hands them
// to other cores: it copies the text of consecutive changes into a batch
// as it skips them (checking brackets, strings and duplicate names as
// any skip does), and workers decode the batches with the full grammar
// while the reader goes on with the rest of the plan (prior state,
// configuration). The changes keep their order; errors keep their
// positions (a batch knows the line and offset its text starts at); the
// first error in the file wins, as when reading on one core.

// Batches are cut at this many bytes or changes, whichever comes first
// (variables for the tests, which cut smaller ones).
var (
	batchBytes   = 512 << 10
	batchChanges = 512
)

// changeBatch is the text of consecutive resource changes and, once a
// worker decoded it, the changes or the first error.
type changeBatch struct {
	text []byte
	// base is the stream offset of text[0]; line and lineStart are its
	// line and the offset that line starts at.
	base      int64
	line      int
	lineStart int64
	// first is the index of the first change; starts the offset of each
	// change in text.
	first  int
	starts []int
	out    []*tfjson.ResourceChange
	err    error
}

// changeDecoder runs the workers of one plan.
type changeDecoder struct {
	keep    func(string) bool
	queue   chan *changeBatch
	wg      sync.WaitGroup
	batches []*changeBatch
	open    *changeBatch
}

// parallelWorkers is the number of workers decoding resource changes: one
// per core, at most four (the reader, which mostly skips and copies text,
// shares a core with them), none on a single core.
var parallelWorkers = func() int {
	n := runtime.GOMAXPROCS(0)
	if n < 2 {
		return 0
	}
	return min(n, 4)
}

func newChangeDecoder(keep func(string) bool, workers int) *changeDecoder {
	d := &changeDecoder{keep: keep, queue: make(chan *changeBatch, 2*workers)}
	d.wg.Add(workers)
	for range workers {
		go d.work()
	}
	return d
}

// work decodes batches until the queue closes.
func (d *changeDecoder) work() {
	defer d.wg.Done()
	sub := &scanner{eof: true}
	for b := range d.queue {
		sub.buf, sub.pos, sub.end = b.text, 0, len(b.text)
		sub.base, sub.line, sub.lineStart = b.base, b.line, b.lineStart
		for j, start := range b.starts {
			sub.pos = start
			path := "$.resource_changes[" + strconv.Itoa(b.first+j) + "]"
			rc, err := sub.resourceChange(path, d.keep)
			if err != nil {
				// Read it again checking names, as the reader on one
				// core does: a name twice may come before this fault.
				again := &scanner{buf: b.text, pos: start, end: len(b.text), eof: true, memberSet: newMemberSet(),
					base: b.base, line: b.line, lineStart: b.lineStart}
				if _, aerr := again.resourceChange(path, d.keep); aerr != nil {
					err = aerr
				}
				b.err = faultIn(err, b.base+int64(start))
				break
			}
			b.out = append(b.out, rc)
		}
		// The decoded values are copies: the text can go.
		b.text, b.starts = nil, nil
		sub.buf = nil
	}
}

// begin opens a batch at the next change (s.pos, after white space),
// capturing the text from there.
func (d *changeDecoder) begin(s *scanner, first int) {
	line, col := s.position()
	b := &changeBatch{base: s.base + int64(s.pos), line: line, first: first}
	b.lineStart = b.base - int64(col-1)
	d.open = b
	s.capture, s.capFrom = &b.text, s.pos
}

// offset is where s.pos is in the open batch's text.
func (d *changeDecoder) offset(s *scanner) int { return len(d.open.text) + s.pos - s.capFrom }

// send closes the open batch and queues it (nothing when none is open).
func (d *changeDecoder) send(s *scanner) {
	b := d.open
	if b == nil {
		return
	}
	b.text = append(b.text, s.buf[s.capFrom:s.pos]...)
	s.capture, d.open = nil, nil
	d.batches = append(d.batches, b)
	if len(b.starts) > 0 {
		d.queue <- b
	}
}

// wait stops the workers and returns the changes in order, or the first
// error of the batches.
func (d *changeDecoder) wait() ([]*tfjson.ResourceChange, error) {
	close(d.queue)
	d.wg.Wait()
	n := 0
	for _, b := range d.batches {
		if b.err != nil {
			return nil, b.err
		}
		n += len(b.out)
	}
	out := make([]*tfjson.ResourceChange, 0, n)
	for _, b := range d.batches {
		out = append(out, b.out...)
	}
	return out, nil
}

// parallelChanges reads the array of resource changes (s at '['),
// queueing their text for the workers of d. Errors of the text itself
// (unbalanced brackets, duplicate names) are the reader's; the workers'
// come out of d.wait.
func (s *scanner) parallelChanges(d *changeDecoder) error {
	i := 0
	err := s.array(func() error {
		if _, err := s.peek(); err != nil {
			return err
		}
		if d.open == nil {
			d.begin(s, i)
		}
		b := d.open
		b.starts = append(b.starts, d.offset(s))
		path := "$.resource_changes[" + strconv.Itoa(i) + "]"
		i++
		if s.buf[s.pos] != '{' {
			// Not an object: the worker reading this change says what
			// was expected, and the reader stops here as it would
			// reading on one core (its first byte is all it reads).
			s.pos++
			d.send(s)
			return at(path, errNotChange)
		}
		if err := s.skip(); err != nil {
			// The change that failed is not decoded; the ones before it
			// in the batch are, as they come first in the file.
			start := b.starts[len(b.starts)-1]
			b.starts = b.starts[:len(b.starts)-1]
			return s.reread(d, start, path, err)
		}
		if d.offset(s) >= batchBytes || len(b.starts) >= batchChanges {
			d.send(s)
		}
		return nil
	})
	d.send(s)
	return err
}

// changeFault is an error in a resource change whose text was read in
// full: it comes before any place reading fails later (off is where the
// change starts, for errors that have no offset of their own).
type changeFault struct {
	err error
	off int64
}

func (e *changeFault) Error() string { return e.err.Error() }
func (e *changeFault) Unwrap() error { return e.err }

// faultIn is err, an error reading the change starting at stream offset
// start, with that offset when it has none of its own and is not a read
// error.
func faultIn(err error, start int64) error {
	if _, ok := errOffset(err); ok || errors.As(err, new(*inputError)) {
		return err
	}
	return &changeFault{err: err, off: start}
}

// errNotChange is the reader's error for a change that is not an object;
// the worker's, which comes first, replaces it.
var errNotChange = i18n.Errorf("plan.expected_change")

// reread returns the error of a change the reader could not skip, as
// reading it on one core gives it: the first fault by the full grammar,
// at its place in the change. The change's text so far (from start in
// the open batch, to the end of the buffer where the fault was seen) is
// read again by a scanner that checks names; err, the reader's, stands
// when that finds nothing.
func (s *scanner) reread(d *changeDecoder, start int, path string, err error) error {
	b := d.open
	// The fault was found in the buffer, maybe past s.pos: take it all.
	all := append(b.text, s.buf[s.capFrom:s.end]...)
	text := all[start:]
	sub := &scanner{buf: text, end: len(text), eof: true, memberSet: newMemberSet(),
		base: b.base + int64(start), line: b.line, lineStart: b.lineStart}
	// The line of the change's start, from the batch's.
	sub.line += bytes.Count(all[:start], []byte{'\n'})
	if i := bytes.LastIndexByte(all[:start], '\n'); i >= 0 {
		sub.lineStart = b.base + int64(i) + 1
	}
	if _, rerr := sub.resourceChange(path, d.keep); rerr != nil {
		return faultIn(rerr, sub.base)
	}
	return at(path, err)
}
