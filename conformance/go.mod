module github.com/cedar-ls/cedar-ls/conformance

go 1.26.0

require (
	github.com/cedar-ls/cedar-ls v0.0.0-00010101000000-000000000000
	github.com/cedar-ls/cedar-ls/grammar v0.0.0-00010101000000-000000000000
	github.com/cedar-policy/cedar-go v1.9.0
	go.lsp.dev/jsonrpc2 v0.10.0
)

require (
	github.com/go-json-experiment/json v0.0.0-20260820222146-c27c302e5fc3 // indirect
	github.com/segmentio/asm v1.1.3 // indirect
	github.com/segmentio/encoding v0.3.4 // indirect
	github.com/smacker/go-tree-sitter v0.0.0-20240827094217-dd81d9e9be82 // indirect
	go.lsp.dev/pkg v0.0.0-20210717090340-384b27a52fb2 // indirect
	go.lsp.dev/protocol v0.12.0 // indirect
	go.lsp.dev/uri v0.3.0 // indirect
	go.uber.org/atomic v1.9.0 // indirect
	go.uber.org/multierr v1.8.0 // indirect
	go.uber.org/zap v1.21.0 // indirect
	golang.org/x/exp v0.0.0-20220921023135-46d9e7742f1e // indirect
	golang.org/x/sys v0.0.0-20220722155257-8c9f86f7a55f // indirect
)

replace github.com/cedar-ls/cedar-ls => ../

replace github.com/cedar-ls/cedar-ls/grammar => ../grammar
