package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
)

// maxMessageSize bounds one message's body: a bigger Content-Length is
// taken as garbage rather than allocated.
const maxMessageSize = 256 << 20

// stream is the LSP base protocol (Content-Length framed JSON-RPC) over a
// byte stream. Unlike jsonrpc2.NewStream it survives bad input: a frame
// whose body is not a JSON-RPC message is skipped (and reported through
// onBadFrame) instead of ending the connection, and bad headers are
// skipped up to the next blank line.
type stream struct {
	r          *bufio.Reader
	w          io.Writer
	c          io.Closer
	wmu        sync.Mutex
	onBadFrame func(body []byte, err error)
}

func newStream(rwc io.ReadWriteCloser, onBadFrame func([]byte, error)) *stream {
	return &stream{r: bufio.NewReaderSize(rwc, 64<<10), w: rwc, c: rwc, onBadFrame: onBadFrame}
}

func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		length, n, err := s.readHeader()
		if err != nil {
			return nil, n, err
		}
		if length < 0 {
			continue // bad header block, skipped
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(s.r, body); err != nil {
			return nil, n, err
		}
		msg, err := decodeMessage(body)
		if err != nil {
			if s.onBadFrame != nil {
				s.onBadFrame(body, err)
			}
			continue
		}
		return msg, n + int64(length), nil
	}
}

// decodeMessage reads a JSON-RPC message, refusing what the library would
// misread (a message with neither method nor id, say).
func decodeMessage(body []byte) (jsonrpc2.Message, error) {
	var probe struct {
		Method *string          `json:"method"`
		ID     *json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		return nil, err
	}
	if probe.Method == nil && probe.ID == nil {
		return nil, fmt.Errorf("neither a request, a notification nor a response")
	}
	return jsonrpc2.DecodeMessage(body)
}

// readHeader reads one header block; length -1 means the block was bad
// and has been skipped.
func (s *stream) readHeader() (length int, n int64, err error) {
	length = -1
	bad := false
	for {
		line, err := s.r.ReadString('\n')
		n += int64(len(line))
		if err != nil {
			return 0, n, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if length < 0 && !bad {
				continue // stray blank lines before a header
			}
			if bad || length < 0 {
				return -1, n, nil
			}
			return length, n, nil
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			bad = true
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			v, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || v < 0 || v > maxMessageSize {
				bad = true
				continue
			}
			length = v
		}
	}
}

func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	data, err := json.Marshal(msg)
	if err != nil {
		return 0, fmt.Errorf("marshaling message: %w", err)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	n, err := fmt.Fprintf(s.w, "Content-Length: %d\r\n\r\n", len(data))
	if err != nil {
		return int64(n), err
	}
	m, err := s.w.Write(data)
	return int64(n + m), err
}

func (s *stream) Close() error { return s.c.Close() }
