package analysis

import (
	"context"
	"fmt"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine"
)

// PolicyCoverage says how the workspace's tests exercise one policy.
type PolicyCoverage struct {
	Ref *PolicyRef
	// Tests is how many tests ran against the policy's file; Reached how
	// many matched its scope; Decides in how many it was a reason;
	// Overridden in how many it was satisfied while a forbid decided;
	// Errors in how many its evaluation failed; ConditionFalse in how many
	// its scope matched but its condition was false.
	Tests, Reached, Decides, Overridden, Errors, ConditionFalse int
}

// Summary is the policy's coverage lens: "decides 3 tests · errors in 1",
// "never satisfied: condition false in 2 tests", "⚠ no test reaches this
// policy".
func (c PolicyCoverage) Summary() string {
	if c.Reached == 0 {
		return fmt.Sprintf("⚠ no test reaches this policy (%s)", plural(c.Tests, "test", "tests"))
	}
	var parts []string
	if c.Decides > 0 {
		parts = append(parts, "decides "+plural(c.Decides, "test", "tests"))
	}
	if c.Overridden > 0 {
		parts = append(parts, fmt.Sprintf("overridden by a forbid in %d", c.Overridden))
	}
	if c.Errors > 0 {
		parts = append(parts, fmt.Sprintf("errors in %d", c.Errors))
	}
	if c.Decides == 0 && c.Overridden == 0 {
		parts = append(parts, fmt.Sprintf("never satisfied: condition false in %s", plural(c.ConditionFalse, "test", "tests")))
	} else if c.ConditionFalse > 0 {
		parts = append(parts, fmt.Sprintf("condition false in %d", c.ConditionFalse))
	}
	return strings.Join(parts, " · ")
}

// Coverage runs every tests file of the workspace whose policies include
// the policy file at uri and counts, per policy of the file, what the
// tests made of it. Templates count the outcomes of their links. It
// returns nil when no tests file covers the file.
func Coverage(ctx context.Context, snap *Snapshot, uri string) []PolicyCoverage {
	f := snap.File(uri)
	if f == nil || (f.Kind != KindPolicy && f.Kind != KindPolicyJSON) {
		return nil
	}
	var out []PolicyCoverage
	index := map[string]int{} // policy id (or template id) → out index
	for _, tf := range snap.WorkspaceFiles() {
		if tf.Kind != KindTests || ctx.Err() != nil {
			continue
		}
		run := RunTests(ctx, snap, tf.URI)
		if run == nil || run.Policies == nil || !run.Policies.Covers(f.Path) {
			continue
		}
		if out == nil {
			for _, ref := range run.Policies.Refs {
				if ref.File != nil && ref.File.Path == f.Path {
					index[ref.ID] = len(out)
					out = append(out, PolicyCoverage{Ref: ref})
				}
			}
		}
		for _, t := range run.Tests {
			if t.Actual == nil {
				continue
			}
			for i := range out {
				out[i].Tests++
			}
			reasons := map[string]bool{}
			for _, h := range t.Actual.Reasons {
				reasons[h.ID] = true
			}
			for id, o := range t.Actual.Explanation.Outcomes {
				i, ok := index[id]
				if !ok {
					tmpl, linked := run.Policies.Set.LinkedFrom(id)
					if i, ok = index[tmpl]; !linked || !ok {
						continue
					}
				}
				c := &out[i]
				c.Reached++
				switch {
				case o == engine.Errored:
					c.Errors++
				case o == engine.ConditionFalse:
					c.ConditionFalse++
				case o == engine.Satisfied && reasons[id]:
					c.Decides++
				case o == engine.Satisfied:
					c.Overridden++
				}
			}
		}
	}
	return out
}
