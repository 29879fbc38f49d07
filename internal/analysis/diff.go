package analysis

import "bytes"

// TextEdit replaces the bytes of Span in a file's text with NewText.
type TextEdit struct {
	Span    Span
	NewText string
}

// maxDiffWork bounds the diff's effort (edit distance in lines); beyond it
// the differing middle is replaced as one edit.
const maxDiffWork = 4000

// Diff returns edits that turn a into b: a line-based diff (Myers) whose
// changed runs are trimmed to their differing bytes, so unchanged text is
// never rewritten. Edits are in order and do not overlap.
func Diff(a, b []byte) []TextEdit {
	if bytes.Equal(a, b) {
		return nil
	}
	la, lb := splitLines(a), splitLines(b)
	// Common prefix and suffix lines first: the usual case is a few
	// changed lines in a big file.
	pre := 0
	for pre < len(la) && pre < len(lb) && bytes.Equal(la[pre], lb[pre]) {
		pre++
	}
	suf := 0
	for suf < len(la)-pre && suf < len(lb)-pre && bytes.Equal(la[len(la)-1-suf], lb[len(lb)-1-suf]) {
		suf++
	}
	ma, mb := la[pre:len(la)-suf], lb[pre:len(lb)-suf]
	offA := lineOffset(la, pre)
	offB := lineOffset(lb, pre)
	ops, ok := myers(ma, mb)
	if !ok {
		endA := offA + totalLen(ma)
		endB := offB + totalLen(mb)
		return []TextEdit{trimEdit(a, offA, endA, b[offB:endB])}
	}
	var edits []TextEdit
	ia, ib := 0, 0
	posA, posB := offA, offB
	for i := 0; i < len(ops); {
		if ops[i] == opEqual {
			posA += len(ma[ia])
			posB += len(mb[ib])
			ia++
			ib++
			i++
			continue
		}
		startA, startB := posA, posB
		for i < len(ops) && ops[i] != opEqual {
			if ops[i] == opDelete {
				posA += len(ma[ia])
				ia++
			} else {
				posB += len(mb[ib])
				ib++
			}
			i++
		}
		edits = append(edits, trimEdit(a, startA, posA, b[startB:posB]))
	}
	return edits
}

// trimEdit is the edit replacing a[start:end] with repl, shrunk to the
// bytes that differ.
func trimEdit(a []byte, start, end int, repl []byte) TextEdit {
	old := a[start:end]
	p := 0
	for p < len(old) && p < len(repl) && old[p] == repl[p] {
		p++
	}
	s := 0
	for s < len(old)-p && s < len(repl)-p && old[len(old)-1-s] == repl[len(repl)-1-s] {
		s++
	}
	return TextEdit{Span: Span{start + p, end - s}, NewText: string(repl[p : len(repl)-s])}
}

func splitLines(t []byte) [][]byte {
	var out [][]byte
	for len(t) > 0 {
		i := bytes.IndexByte(t, '\n')
		if i < 0 {
			out = append(out, t)
			break
		}
		out = append(out, t[:i+1])
		t = t[i+1:]
	}
	return out
}

func lineOffset(lines [][]byte, n int) int {
	off := 0
	for _, l := range lines[:n] {
		off += len(l)
	}
	return off
}

func totalLen(lines [][]byte) int { return lineOffset(lines, len(lines)) }

type diffOp uint8

const (
	opEqual diffOp = iota
	opDelete
	opInsert
)

// myers computes a shortest edit script between line lists; ok is false
// when the edit distance exceeds maxDiffWork.
func myers(a, b [][]byte) ([]diffOp, bool) {
	n, m := len(a), len(b)
	maxD := n + m
	if maxD > maxDiffWork {
		maxD = maxDiffWork
	}
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	var trace [][]int
	for d := 0; d <= maxD; d++ {
		snap := make([]int, len(v))
		copy(snap, v)
		trace = append(trace, snap)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && bytes.Equal(a[x], b[y]) {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(trace, off, n, m), true
			}
		}
	}
	return nil, false
}

func backtrack(trace [][]int, off, n, m int) []diffOp {
	var ops []diffOp
	x, y := n, m
	for d := len(trace) - 1; d > 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := v[off+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			ops = append(ops, opEqual)
			x--
			y--
		}
		if x == prevX {
			ops = append(ops, opInsert)
		} else {
			ops = append(ops, opDelete)
		}
		x, y = prevX, prevY
	}
	for x > 0 && y > 0 {
		ops = append(ops, opEqual)
		x--
		y--
	}
	for i, j := 0, len(ops)-1; i < j; i, j = i+1, j-1 {
		ops[i], ops[j] = ops[j], ops[i]
	}
	return ops
}
