package cli

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/trustcloud/trustcloud/internal/i18n"
)

// progress shows, on a terminal, what a long check is doing: a single
// line on stderr, rewritten in place, that appears once the run has taken
// progressDelay, and is erased when the run ends. CI logs never get it:
// it is off when stderr is not a terminal, when CI is set, and with
// TERM=dumb.
type progress struct {
	w     io.Writer
	name  string
	total int64 // bytes of the plan; 0 when unknown (standard input)
	read  atomic.Int64
	phase atomic.Pointer[string]
	start time.Time
	// lang is the language of the line.
	lang i18n.Lang

	mu    sync.Mutex
	shown bool
	stop  chan struct{}
	done  chan struct{}
}

// progressDelay is how long a run goes before it shows progress.
const progressDelay = time.Second

// progressWanted reports whether progress may be shown on stderr.
func (e *env) progressWanted() bool {
	if e.getenv("CI") != "" || e.getenv("TERM") == "dumb" || e.getenv("TRUSTCLOUD_NO_PROGRESS") != "" {
		return false
	}
	return isTerminal(e.stderr)
}

// startProgress starts the indicator for reading path (nil when progress
// is not wanted). Stop it with stop, which erases the line.
func (e *env) startProgress(path string) *progress {
	if !e.progressWanted() {
		return nil
	}
	p := newProgress(e.stderr, path, progressDelay, 200*time.Millisecond)
	p.lang = e.lang
	return p
}

func newProgress(w io.Writer, path string, delay, every time.Duration) *progress {
	p := &progress{w: w, name: path, start: time.Now(), stop: make(chan struct{}), done: make(chan struct{})}
	if path != "-" {
		if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
			p.total = st.Size()
		}
	} else {
		p.name = "<stdin>"
	}
	p.setPhase("reading")
	go p.loop(delay, every)
	return p
}

func (p *progress) loop(delay, every time.Duration) {
	defer close(p.done)
	select {
	case <-p.stop:
		return
	case <-time.After(delay):
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		p.draw()
		select {
		case <-p.stop:
			return
		case <-t.C:
		}
	}
}

// setPhase names what the run does now ("resolving 100000 resources").
func (p *progress) setPhase(s string) {
	if p != nil {
		p.phase.Store(&s)
	}
}

// add counts bytes read from the plan (the plan reader calls it).
func (p *progress) add(n int64) {
	if p != nil {
		p.read.Add(n)
	}
}

func (p *progress) line() string {
	phase := *p.phase.Load()
	elapsed := strconv.FormatFloat(time.Since(p.start).Seconds(), 'f', 1, 64)
	if p.lang == i18n.French {
		elapsed = strings.Replace(elapsed, ".", ",", 1)
	}
	if phase != "reading" {
		return i18n.T(p.lang, "progress.phase", p.name, phase, elapsed)
	}
	read := p.read.Load()
	if p.total > 0 {
		pct := 100 * read / p.total
		return i18n.T(p.lang, "progress.reading_pct", p.name, pct, read>>20, p.total>>20, elapsed)
	}
	return i18n.T(p.lang, "progress.reading", p.name, read>>20, elapsed)
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r\033[K%s", p.line())
	p.shown = true
}

// finish stops the indicator and erases its line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	select {
	case <-p.stop:
		return
	default:
	}
	close(p.stop)
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
