#!/usr/bin/env bash
# Runs the Neovim plugin's headless tests: every test/spec/*.lua in a fresh
# `nvim --headless` with only the plugin on the runtimepath, against a
# cedar-ls built from this checkout, on each Neovim given (default: nvim).
#   editors/neovim/test/run.sh [NVIM_BINARY...]
#   SPECS='filetype syntax' editors/neovim/test/run.sh   # a subset
#   SPEC_TIMEOUT=300                                     # seconds per spec file (default 300)
#   CEDAR_LS=/path/to/cedar-ls                           # a prebuilt server
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
timeout_s=${SPEC_TIMEOUT:-300}
go=${GO:-go}

work=$(mktemp -d "${TMPDIR:-/tmp}/cedar-nvim-test.XXXXXX")
[ -n "${KEEP_TEST_DIR:-}" ] || trap 'rm -rf "$work"' EXIT

mkdir -p "$work/bin"
if [ -n "${CEDAR_LS:-}" ]; then
  # CEDAR_LS=/path/to/cedar-ls tests another build of the server.
  ln -s "$(realpath "$CEDAR_LS")" "$work/bin/cedar-ls"
else
  echo "building cedar-ls"
  (cd "$repo" && "$go" build -o "$work/bin/cedar-ls" ./cmd/cedar-ls) || { echo "FAIL: go build ./cmd/cedar-ls"; exit 1; }
fi
export PATH="$work/bin:$PATH"

if [ $# -eq 0 ]; then
  set -- nvim
fi

specs=()
if [ -n "${SPECS:-}" ]; then
  for name in $SPECS; do specs+=("$here/spec/$name.lua"); done
else
  specs=("$here"/spec/*.lua)
fi

passed=0
failed=0
skipped=0
round=0
for nvim in "$@"; do
  round=$((round + 1))
  if ! version=$("$nvim" --version 2>/dev/null | head -1); then
    echo "FAIL: cannot run $nvim"
    failed=$((failed + 1))
    continue
  fi
  echo "== $version ($nvim)"
  for spec in "${specs[@]}"; do
    name=$(basename "$spec" .lua)
    if [ ! -f "$spec" ]; then
      echo "FAIL $name: no such spec file $spec"
      failed=$((failed + 1))
      continue
    fi
    # A home of its own per spec: no user config, state kept apart. The
    # cache is shared by the specs of one Neovim, so what is built there once
    # (compiled tree-sitter parsers) is not built again per spec.
    home="$work/home-$round-$name"
    cache="$work/cache-$round"
    mkdir -p "$home"
    log="$work/$name.log"
    results="$work/$name.results"
    : >"$results"
    start=$(date +%s%N)
    CEDAR_TEST_RESULTS="$results" HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
      XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$cache" NVIM_LOG_FILE="$home/nvim.log" \
      timeout -s KILL "$timeout_s" "$nvim" --headless -i NONE -u "$here/minimal_init.lua" \
      -c "lua require('cedar_test').run('$spec')" </dev/null >"$log" 2>&1
    rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    ok=$(grep -c '^ok ' "$results")
    bad=$(grep -c '^FAIL' "$results")
    skip=$(grep -c '^skip ' "$results")
    passed=$((passed + ok))
    skipped=$((skipped + skip))
    failed=$((failed + bad))
    if [ $rc -ne 0 ] || [ "$bad" -ne 0 ]; then
      if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
        failed=$((failed + 1))
        echo "FAIL $name: timed out after ${timeout_s}s (last case started: $(grep '^running ' "$log" | tail -1 | cut -c9-))"
      elif [ "$bad" -eq 0 ]; then
        failed=$((failed + 1))
        echo "FAIL $name: nvim exited $rc"
      fi
      grep '^FAIL' "$results"
      echo "---- output of $name ($version):"
      grep -v '^$' "$log"
      for f in "$home/state/nvim/lsp.log" "$cache/nvim/lsp.log"; do
        [ -s "$f" ] && { echo "---- $f (last 40 lines):"; tail -40 "$f"; }
      done
      echo "----"
    else
      cat "$results"
      echo "   $name: ${ms} ms"
    fi
  done
done

echo "neovim: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
