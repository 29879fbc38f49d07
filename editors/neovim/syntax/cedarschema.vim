" Vim syntax file
" Language:    Cedar schemas, the Cedar schema syntax (https://docs.cedarpolicy.com/schema/human-readable-schema.html)
" Maintainer:  cedar-ls
" Highlighting without tree-sitter: declarations, appliesTo, primitive and
" extension types, entity types with namespaces, annotations, comments.

if exists('b:current_syntax')
  finish
endif

syntax case match

syntax keyword cedarschemaTodo contained TODO FIXME XXX NOTE
syntax match cedarschemaComment "//.*$" contains=cedarschemaTodo,@Spell

" Declarations
syntax keyword cedarschemaDeclaration namespace entity action type
syntax keyword cedarschemaKeyword in appliesTo tags enum
syntax keyword cedarschemaAppliesTo principal resource context

" Built-in types (the __cedar namespace spells them out too)
syntax keyword cedarschemaBuiltinType Long String Bool Boolean Set Record Entity Extension
syntax keyword cedarschemaBuiltinType ipaddr decimal datetime duration

syntax match cedarschemaAnnotation "@[A-Za-z_][A-Za-z0-9_]*"

" Namespaced names: the path before `::`
syntax match cedarschemaNamespace "\<[A-Za-z_][A-Za-z0-9_]*\ze\s*::"
syntax match cedarschemaPathSep "::"
" The namespace of the built-in types (after the namespace rule, so it wins).
syntax match cedarschemaBuiltinType "\<__cedar\>"

" Type names in declarations: `entity User`, `type Context =`
syntax match cedarschemaDeclared "\(\<\(entity\|type\)\s\+\)\@<=[A-Za-z_][A-Za-z0-9_]*"

" Optional attribute marker: name?: Type
syntax match cedarschemaOptional "?\ze\s*:"

syntax match cedarschemaEscape contained "\\\([nrt\\0'\"*]\|x\x\x\|u{\x\{1,6}}\)"
syntax region cedarschemaString start=+"+ skip=+\\\\\|\\"+ end=+"+ contains=cedarschemaEscape,@Spell

highlight default link cedarschemaComment Comment
highlight default link cedarschemaTodo Todo
highlight default link cedarschemaDeclaration Keyword
highlight default link cedarschemaKeyword Keyword
highlight default link cedarschemaAppliesTo Identifier
highlight default link cedarschemaBuiltinType Type
highlight default link cedarschemaAnnotation PreProc
highlight default link cedarschemaNamespace Type
highlight default link cedarschemaPathSep Delimiter
highlight default link cedarschemaDeclared Structure
highlight default link cedarschemaOptional Operator
highlight default link cedarschemaString String
highlight default link cedarschemaEscape SpecialChar

let b:current_syntax = 'cedarschema'
