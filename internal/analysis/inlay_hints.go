package analysis

import (
	"sort"
	"strings"

	"github.com/cedar-ls/cedar-ls/engine/ast"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// InlayHint is a label shown after byte offset At.
type InlayHint struct {
	At      int
	Label   string
	Tooltip string
}

// InlayHints lists the hints of the policies overlapping span of the file
// at uri, for the kinds switched on in the settings (all off by default):
// the entity types a scope's principal and resource may have, and the
// actions an action group holds.
func InlayHints(s *Snapshot, uri string, span Span) []InlayHint {
	set := s.Settings().InlayHints
	f := s.File(uri)
	if f == nil || f.Kind != KindPolicy || (!set.ScopeTypes && !set.ActionGroups) {
		return nil
	}
	k := s.Knowledge(uri)
	v := k.view()
	if v == nil {
		return nil
	}
	var out []InlayHint
	for _, p := range f.Policies().AST.Policies {
		if p.Span.End < span.Start || p.Span.Start > span.End {
			continue
		}
		if set.ScopeTypes {
			te := newTypeEnv(v, p)
			for _, sc := range []struct {
				scope ast.Scope
				ts    []types.EntityType
			}{{p.Principal, te.principals}, {p.Resource, te.resources}} {
				if sc.scope.Op == ast.ScopeIs || sc.scope.Op == ast.ScopeIsIn || sc.scope.Op == ast.ScopeEq && sc.scope.Entity.Slot == ast.NoSlot {
					continue // the type is written already
				}
				out = append(out, InlayHint{At: sc.scope.VarSpan.End, Label: ": " + unionText(sc.ts), Tooltip: "entity types this scope admits"})
			}
		}
		if set.ActionGroups {
			var groups []ast.EntityRef
			if p.Action.Op == ast.ScopeIn {
				groups = append(groups, p.Action.Entity)
			}
			if p.Action.Op == ast.ScopeInSet {
				groups = append(groups, p.Action.Entities...)
			}
			for _, g := range groups {
				if !v.groups[g.UID] {
					continue
				}
				var members []string
				for _, a := range v.actions {
					if a != g.UID && v.actionIn(a, g.UID) {
						members = append(members, a.ID)
					}
				}
				sort.Strings(members)
				out = append(out, InlayHint{At: g.Span.End, Label: " (" + strings.Join(members, ", ") + ")", Tooltip: "actions in " + g.UID.String()})
			}
		}
	}
	return out
}
