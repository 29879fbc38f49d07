module github.com/cedar-ls/cedar-ls/conformance

go 1.26.0

require (
	github.com/cedar-ls/cedar-ls v0.0.0-00010101000000-000000000000
	github.com/cedar-ls/cedar-ls/grammar v0.0.0-00010101000000-000000000000
	github.com/cedar-policy/cedar-go v1.9.0
)

require (
	github.com/go-json-experiment/json v0.0.0-20260820222146-c27c302e5fc3 // indirect
	github.com/smacker/go-tree-sitter v0.0.0-20240827094217-dd81d9e9be82 // indirect
	golang.org/x/exp v0.0.0-20220921023135-46d9e7742f1e // indirect
)

replace github.com/cedar-ls/cedar-ls => ../

replace github.com/cedar-ls/cedar-ls/grammar => ../grammar
