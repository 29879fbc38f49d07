; Cedar policies bind no names of their own: each policy is a scope whose
; variables (principal, action, resource, context) and slots are the
; references an editor can highlight together.

(policy) @local.scope

(variable) @local.reference

(slot) @local.reference
