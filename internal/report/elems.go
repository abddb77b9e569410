package report

import (
	"errors"
	"iter"
	"runtime"
	"sync"
)

// elemBatch is the number of list elements rendered together by one
// worker: large enough that handing batches around costs little, small
// enough that the batches in flight hold a few hundred kilobytes.
const elemBatch = 256

// renderWorkers is the number of goroutines rendering list elements: one
// per core, at most four; none (render in the caller) on a single core.
var renderWorkers = func() int {
	n := runtime.GOMAXPROCS(0)
	if n < 2 {
		return 0
	}
	return min(n, 4)
}

// appendElems renders the elements list yields at nesting depth depth,
// each after a comma but the first, each on its own line, and hands the
// bytes to emit in the list's order. It returns how many elements it
// rendered and the first rendering error. The list is read in one
// goroutine; with several cores, batches of elements are rendered in
// parallel, each worker with its own jsonBuf, and at most a few batches
// are in flight: the memory used stays that of a few batches, not of the
// document.
func appendElems[T any](list iter.Seq[T], depth int, appendElem func(*jsonBuf, T), emit func([]byte)) (int, error) {
	workers := renderWorkers()
	if workers == 0 {
		var b jsonBuf
		n := 0
		for v := range list {
			renderElem(&b, n, depth, v, appendElem)
			if b.err != nil {
				return n, b.err
			}
			emit(b.out)
			n++
		}
		return n, nil
	}
	p := &elemPipeline[T]{
		depth: depth, appendElem: appendElem,
		jobs:  make(chan *elemBatchOf[T], workers),
		order: make(chan *elemBatchOf[T], 2*workers),
		stop:  make(chan struct{}),
		// Rendered batches' buffers go back to the reader once written:
		// a buffer that grew to a batch's size is not grown again.
		free: make(chan []byte, 3*workers+1),
	}
	var wg sync.WaitGroup
	wg.Add(workers)
	for range workers {
		go func() {
			defer wg.Done()
			p.work()
		}()
	}
	go p.read(list)
	n, err := p.write(emit)
	wg.Wait()
	if p.panicked != nil {
		// A panic in the list or in a rendering is the caller's, as it
		// was when the caller rendered alone: the command line's crash
		// report catches it, not the runtime in another goroutine.
		panic(p.panicked)
	}
	return n, err
}

// errPanicked marks a batch whose rendering panicked: write stops there,
// and appendElems panics again in the caller.
var errPanicked = errors.New("report: rendering panicked")

// elemBatchOf is a batch of list elements and, once done is closed,
// their bytes or the first rendering error.
type elemBatchOf[T any] struct {
	first int
	elems []T
	out   []byte
	err   error
	done  chan struct{}
}

// elemPipeline renders a list's elements in parallel: read hands batches
// to the workers and, in the same order, to write.
type elemPipeline[T any] struct {
	depth      int
	appendElem func(*jsonBuf, T)
	jobs       chan *elemBatchOf[T]
	order      chan *elemBatchOf[T]
	stop       chan struct{}
	free       chan []byte
	// panicked is the first panic of the reader or a worker.
	mu       sync.Mutex
	panicked any
}

func (p *elemPipeline[T]) recordPanic(v any) {
	p.mu.Lock()
	if p.panicked == nil {
		p.panicked = v
	}
	p.mu.Unlock()
}

func (p *elemPipeline[T]) batch(first int) *elemBatchOf[T] {
	bt := &elemBatchOf[T]{first: first, done: make(chan struct{})}
	select {
	case bt.out = <-p.free:
	default:
	}
	return bt
}

// send hands bt on, or reports false once write has stopped.
func (p *elemPipeline[T]) send(bt *elemBatchOf[T]) bool {
	select {
	case <-p.stop:
		return false
	default:
	}
	select {
	case p.order <- bt:
	case <-p.stop:
		return false
	}
	p.jobs <- bt
	return true
}

func (p *elemPipeline[T]) read(list iter.Seq[T]) {
	defer close(p.order)
	defer close(p.jobs)
	defer func() {
		if v := recover(); v != nil {
			p.recordPanic(v)
		}
	}()
	n := 0
	bt := p.batch(0)
	for v := range list {
		bt.elems = append(bt.elems, v)
		n++
		if len(bt.elems) == elemBatch {
			if !p.send(bt) {
				return
			}
			bt = p.batch(n)
		}
	}
	if len(bt.elems) > 0 {
		p.send(bt)
	}
}

func (p *elemPipeline[T]) work() {
	var b jsonBuf
	for bt := range p.jobs {
		p.render(&b, bt)
		close(bt.done)
	}
}

// render renders a batch into its buffer, or sets its error.
func (p *elemPipeline[T]) render(b *jsonBuf, bt *elemBatchOf[T]) {
	defer func() {
		if v := recover(); v != nil {
			p.recordPanic(v)
			bt.err, *b = errPanicked, jsonBuf{}
		}
	}()
	out := bt.out[:0]
	for i, v := range bt.elems {
		renderElem(b, bt.first+i, p.depth, v, p.appendElem)
		if b.err != nil {
			bt.err, b.err = b.err, nil
			break
		}
		out = append(out, b.out...)
	}
	bt.out = out
}

// write emits the batches in order until the first error, then drains
// what was already handed on.
func (p *elemPipeline[T]) write(emit func([]byte)) (int, error) {
	n := 0
	var err error
	for bt := range p.order {
		<-bt.done
		if err == nil && bt.err != nil {
			err = bt.err
			close(p.stop)
		}
		if err == nil {
			emit(bt.out)
			n += len(bt.elems)
		}
		select {
		case p.free <- bt.out[:0]:
		default:
		}
	}
	return n, err
}

// renderElem renders the element of index i into b.out, replacing what
// it held.
func renderElem[T any](b *jsonBuf, i, depth int, v T, appendElem func(*jsonBuf, T)) {
	b.out, b.depth, b.first = b.out[:0], depth, false
	if i > 0 {
		b.out = append(b.out, ',')
	}
	b.newline(depth)
	appendElem(b, v)
}
