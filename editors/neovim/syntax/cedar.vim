" Vim syntax file
" Language:    Cedar policies (https://docs.cedarpolicy.com)
" Maintainer:  cedar-ls
" Highlighting without tree-sitter: effects, scope and conditions, variables,
" operators, literals, entity types with namespaces, annotations, template
" slots, extension functions and methods, comments.

if exists('b:current_syntax')
  finish
endif

syntax case match

" Comments and TODOs
syntax keyword cedarTodo contained TODO FIXME XXX NOTE
syntax match cedarComment "//.*$" contains=cedarTodo,@Spell

" Policy structure
syntax keyword cedarEffect permit forbid
syntax keyword cedarCondition when unless
syntax keyword cedarConditional if then else
syntax keyword cedarOperatorWord in has like is
syntax keyword cedarVariable principal action resource context
syntax keyword cedarBoolean true false

" Template slots: ?principal, ?resource
syntax match cedarSlot "?\(principal\|resource\)\>"

" Annotations: @id("…"), @advice
syntax match cedarAnnotation "@[A-Za-z_][A-Za-z0-9_]*"

" Entity types and namespaces: the path before `::`, e.g. PhotoApp::User::"alice"
syntax match cedarNamespace "\<[A-Za-z_][A-Za-z0-9_]*\ze\s*::"
syntax match cedarPathSep "::"

" Attributes after `.`; defined before the methods so that, starting at the
" same column, a method call (defined later) wins.
syntax match cedarAttribute "\.\zs[A-Za-z_][A-Za-z0-9_]*\>"

" Extension constructors and the methods of all types
" (a match, not keywords: keywords would beat an attribute named `ip`)
syntax match cedarFunction "\.\@<!\<\(ip\|decimal\|datetime\|duration\)\ze\s*("
syntax match cedarMethod "\.\zs\(contains\|containsAll\|containsAny\|isEmpty\|getTag\|hasTag\|lessThan\|lessThanOrEqual\|greaterThan\|greaterThanOrEqual\|isIpv4\|isIpv6\|isLoopback\|isMulticast\|isInRange\|toDate\|toTime\|toDays\|toHours\|toMinutes\|toSeconds\|toMilliseconds\|offset\|durationSince\)\ze\s*("


" Literals
syntax match cedarNumber "\<\d\+\>"
syntax match cedarEscape contained "\\\([nrt\\0'\"*]\|x\x\x\|u{\x\{1,6}}\)"
syntax region cedarString start=+"+ skip=+\\\\\|\\"+ end=+"+ contains=cedarEscape,@Spell

" Operators
syntax match cedarOperator "==\|!=\|<=\|>=\|&&\|||\|[<>!+*-]"

highlight default link cedarComment Comment
highlight default link cedarTodo Todo
highlight default link cedarEffect Keyword
highlight default link cedarCondition Keyword
highlight default link cedarConditional Conditional
highlight default link cedarOperatorWord Keyword
highlight default link cedarVariable Identifier
highlight default link cedarBoolean Boolean
highlight default link cedarSlot Special
highlight default link cedarAnnotation PreProc
highlight default link cedarNamespace Type
highlight default link cedarPathSep Delimiter
highlight default link cedarFunction Function
highlight default link cedarMethod Function
highlight default link cedarAttribute Identifier
highlight default link cedarNumber Number
highlight default link cedarString String
highlight default link cedarEscape SpecialChar
highlight default link cedarOperator Operator

let b:current_syntax = 'cedar'
