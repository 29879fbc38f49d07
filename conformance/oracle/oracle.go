// Package oracle drives official Cedar (the cedar-wasm build of the Rust
// implementation, run by Node) so tests can ask it what the right answer
// is. One Node process serves many concurrent callers: requests carry ids
// and are pipelined over the process's stdin/stdout.
//
// Setup: `npm ci` in this directory (installs the pinned cedar-wasm).
// Limitation: entity and context JSON pass through JavaScript numbers, so
// longs beyond ±2^53 in JSON lose precision before Cedar sees them; put
// such values in policy text instead.
//
// StartRust (StartKind("rust")) runs the same Cedar version natively
// instead (../rust, cedar-oracle, built with cargo on first use): same
// protocol and answers, about ten times the throughput, no number
// rounding. Tests use the wasm oracle so `make test` needs no cargo.
package oracle

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
)

// Dir is the directory holding oracle.mjs and package.json (this package's
// source directory).
func Dir() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", errors.New("oracle: cannot locate the package source directory")
	}
	return filepath.Dir(file), nil
}

// Oracle is a running oracle process. Its methods are safe for concurrent
// use; concurrent calls are pipelined.
type Oracle struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser

	writeMu sync.Mutex // serializes request lines

	mu      sync.Mutex // guards the fields below
	nextID  int64
	pending map[int64]chan reply
	dead    error // set once the process's output ended
	stderr  *tailBuffer
	closed  bool
	done    chan struct{}
}

type request struct {
	ID  int64  `json:"id"`
	Op  string `json:"op"`
	Arg any    `json:"arg,omitempty"`
}

type reply struct {
	ID     *int64          `json:"id"`
	OK     bool            `json:"ok"`
	Result json.RawMessage `json:"result"`
	Error  string          `json:"error"`
}

// Start launches the cedar-wasm oracle (`node oracle.mjs`). It fails with a
// hint when Node or the npm dependencies are missing.
func Start() (*Oracle, error) {
	dir, err := Dir()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@cedar-policy", "cedar-wasm")); err != nil {
		return nil, fmt.Errorf("oracle: cedar-wasm is not installed: run `npm ci` in %s", dir)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("oracle: Node.js is needed to run official Cedar: %w", err)
	}
	cmd := exec.Command(node, "oracle.mjs")
	cmd.Dir = dir
	return startProcess(cmd)
}

// StartKind starts the oracle named kind: "wasm" (Start) or "rust"
// (StartRust).
func StartKind(kind string) (*Oracle, error) {
	switch kind {
	case "wasm":
		return Start()
	case "rust":
		return StartRust()
	}
	return nil, fmt.Errorf("oracle: unknown oracle %q (have wasm, rust)", kind)
}

func startProcess(cmd *exec.Cmd) (*Oracle, error) {
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	o := &Oracle{
		cmd:     cmd,
		stdin:   stdin,
		pending: map[int64]chan reply{},
		stderr:  &tailBuffer{max: 4096},
		done:    make(chan struct{}),
	}
	cmd.Stderr = o.stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("oracle: starting %s: %w", filepath.Base(cmd.Path), err)
	}
	go o.readLoop(stdout)
	return o, nil
}

// readLoop hands each answer line to the caller waiting for its id. When the
// process's output ends, every waiting and future call fails.
func (o *Oracle) readLoop(stdout io.Reader) {
	defer close(o.done)
	r := bufio.NewReaderSize(stdout, 1<<20)
	var readErr error
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			rep, ok := quickReply(line)
			if !ok {
				ok = json.Unmarshal(line, &rep) == nil && rep.ID != nil
			}
			if ok {
				o.mu.Lock()
				ch := o.pending[*rep.ID]
				delete(o.pending, *rep.ID)
				o.mu.Unlock()
				if ch != nil {
					ch <- rep
				}
			}
			// A line without an id answers a request we could not have
			// sent (we always send valid JSON with an id); ignore it.
		}
		if err != nil {
			readErr = err
			break
		}
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		o.dead = errors.New("oracle: closed")
	} else {
		o.dead = fmt.Errorf("oracle: process exited (%v); stderr: %s", readErr, o.stderr.String())
	}
	for id, ch := range o.pending {
		ch <- reply{ID: &id, Error: o.dead.Error()}
		delete(o.pending, id)
	}
}

// quickReply reads a successful answer line in the form both oracles
// write, {"id":N,"ok":true,"result":R}, without scanning R (which can be
// megabytes of batch answers): Wait decodes, and so checks, R. Anything
// else is left to encoding/json.
func quickReply(line []byte) (reply, bool) {
	rest, ok := bytes.CutPrefix(line, []byte(`{"id":`))
	if !ok {
		return reply{}, false
	}
	digits := 0
	for digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9' {
		digits++
	}
	id, err := strconv.ParseInt(string(rest[:digits]), 10, 64)
	if err != nil {
		return reply{}, false
	}
	result, ok := bytes.CutPrefix(rest[digits:], []byte(`,"ok":true,"result":`))
	if !ok {
		return reply{}, false
	}
	result = bytes.TrimRight(result, "\r\n")
	result, ok = bytes.CutSuffix(result, []byte("}"))
	if !ok || len(result) == 0 {
		return reply{}, false
	}
	return reply{ID: &id, OK: true, Result: result}, true
}

// Pending is an answer not yet received; see Go.
type Pending struct {
	ch     chan reply
	op     string
	err    error
	result json.RawMessage
	got    bool
}

// Go sends a request without waiting for its answer, so callers can keep
// the oracle busy while they do other work. Wait collects the answer.
func (o *Oracle) Go(op string, arg any) *Pending {
	return o.goEncoded(op, func(id int64) ([]byte, error) {
		return json.Marshal(request{ID: id, Op: op, Arg: arg})
	})
}

// goEncoded is Go with the request line written by line (given the id;
// the trailing newline is added when missing).
func (o *Oracle) goEncoded(op string, line func(id int64) ([]byte, error)) *Pending {
	p := &Pending{op: op, ch: make(chan reply, 1)}
	o.mu.Lock()
	if o.dead != nil {
		p.err = o.dead
		o.mu.Unlock()
		return p
	}
	o.nextID++
	id := o.nextID
	o.pending[id] = p.ch
	o.mu.Unlock()

	text, err := line(id)
	if err != nil {
		o.forget(id)
		p.err = fmt.Errorf("oracle: encoding %s request: %w", op, err)
		return p
	}
	if len(text) == 0 || text[len(text)-1] != '\n' {
		text = append(text, '\n')
	}
	o.writeMu.Lock()
	_, err = o.stdin.Write(text)
	o.writeMu.Unlock()
	if err != nil {
		o.forget(id)
		p.err = fmt.Errorf("oracle: sending %s request: %w", op, err)
	}
	return p
}

func (o *Oracle) forget(id int64) {
	o.mu.Lock()
	delete(o.pending, id)
	o.mu.Unlock()
}

// Wait blocks for the answer and decodes its result into result (which may
// be nil to discard it, or a *json.RawMessage to keep it raw).
func (p *Pending) Wait(result any) error {
	if !p.got && p.err == nil {
		rep := <-p.ch
		p.got = true
		if !rep.OK {
			p.err = fmt.Errorf("oracle: %s: %s", p.op, rep.Error)
		} else {
			p.result = rep.Result
		}
	}
	if p.err != nil {
		return p.err
	}
	if result == nil {
		return nil
	}
	if err := json.Unmarshal(p.result, result); err != nil {
		return fmt.Errorf("oracle: decoding %s answer: %w", p.op, err)
	}
	return nil
}

// Call calls the cedar-wasm function op with the single argument arg (nil
// for none) and decodes its return value into result. Cedar-level failures
// (a policy that does not parse, …) are results, not errors: the error is
// for calls that could not be made at all.
func (o *Oracle) Call(op string, arg any, result any) error {
	return o.Go(op, arg).Wait(result)
}

// Close stops the oracle process and waits for it.
func (o *Oracle) Close() error {
	o.mu.Lock()
	if o.closed {
		o.mu.Unlock()
		return nil
	}
	o.closed = true
	o.mu.Unlock()
	o.stdin.Close() // the oracle exits when its input ends
	<-o.done
	return o.cmd.Wait()
}

// tailBuffer keeps the last max bytes written to it: Node's stderr, for
// error messages.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
