-- cedar.treesitter: tree-sitter highlighting, folds and indents for Cedar.
--
-- Registers the grammars of this repository's grammar/ directory — `cedar`
-- (policies and templates) and `cedarschema` (the Cedar schema syntax) —
-- with Neovim: compiles each committed parser (src/parser.c and
-- src/scanner.c, which includes ../../common/scanner.h) with the machine's
-- C compiler into a cache directory on first use, loads it, installs the
-- grammar's queries (highlights, folds, indents, injections, locals, tags)
-- as the language's queries, and starts tree-sitter highlighting in Cedar
-- buffers.
--
-- Works on Neovim 0.7 (vim.treesitter.require_language, query.set_query,
-- TSHighlighter) and on 0.8+ (vim.treesitter.language.add, query.set,
-- vim.treesitter.start).
--
-- Options (the `treesitter` field of require('cedar').setup's opts, or
-- setup's argument directly; `treesitter = false` turns all of it off):
--   highlight   start tree-sitter highlighting in Cedar buffers (true)
--   grammar_dir the grammar/ directory (found next to this plugin)
--   cache_dir   where compiled parsers go (stdpath('cache')/cedar/parser)
--   compiler    the C compiler ($CC, else the first of cc, gcc, clang)

local M = {}

M.langs = { 'cedar', 'cedarschema' }
M.query_kinds = { 'highlights', 'folds', 'indents', 'injections', 'locals', 'tags' }

local config = nil
local loaded = {}

local function notify(msg, level)
  vim.schedule(function()
    vim.notify('cedar.treesitter: ' .. msg, level or vim.log.levels.WARN)
  end)
end

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

local function read_file(path)
  local f = io.open(path, 'rb')
  if not f then
    return nil
  end
  local text = f:read('*a')
  f:close()
  return text
end

-- The grammar/ directory of the repository holding this plugin
-- (editors/neovim/lua/cedar/treesitter.lua → grammar/).
local function default_grammar_dir()
  local source = debug.getinfo(1, 'S').source:sub(2)
  local plugin = vim.fn.fnamemodify(source, ':p:h:h:h')
  local dir = vim.fn.fnamemodify(plugin .. '/../../grammar', ':p'):gsub('/$', '')
  return dir
end

local function find_compiler(explicit)
  local candidates = { explicit, vim.env.CC, 'cc', 'gcc', 'clang' }
  for i = 1, 5 do
    local c = candidates[i]
    if c and c ~= '' and vim.fn.executable(c) == 1 then
      return c
    end
  end
  return nil
end

-- Compiles lang's parser into the cache unless a build of the same
-- sources is there already; returns the shared library's path or nil and
-- an error message.
function M.build(lang)
  local src = config.grammar_dir .. '/tree-sitter-' .. lang .. '/src'
  local parser_c = src .. '/parser.c'
  local scanner_c = src .. '/scanner.c'
  local sources = read_file(parser_c)
  if not sources then
    return nil, 'no parser source at ' .. parser_c
  end
  local files = { parser_c }
  local scanner = read_file(scanner_c)
  if scanner then
    sources = sources .. scanner
    table.insert(files, scanner_c)
  end
  -- The scanners share a header; a change to it is a new build too.
  sources = sources .. (read_file(config.grammar_dir .. '/common/scanner.h') or '')
  local so = string.format('%s/%s-%s.so', config.cache_dir, lang, vim.fn.sha256(sources):sub(1, 16))
  if exists(so) then
    return so
  end
  local cc = find_compiler(config.compiler)
  if not cc then
    return nil, 'no C compiler found (set $CC or the compiler option) to build the ' .. lang .. ' parser'
  end
  vim.fn.mkdir(config.cache_dir, 'p')
  local tmp = so .. '.tmp' .. vim.loop.getpid()
  local cmd = { cc, '-o', tmp, '-shared', '-fPIC', '-O2', '-std=c11', '-I', src }
  vim.list_extend(cmd, files)
  local out = vim.fn.system(cmd)
  if vim.v.shell_error ~= 0 then
    os.remove(tmp)
    return nil, 'compiling the ' .. lang .. ' parser failed: ' .. table.concat(cmd, ' ') .. '\n' .. out
  end
  -- A rename is atomic: a concurrent Neovim never loads half a library.
  local ok, err = os.rename(tmp, so)
  if not ok then
    return nil, err
  end
  return so
end

local function add_language(lang, path)
  local ts = vim.treesitter
  if ts.language and ts.language.add then -- 0.9+
    return pcall(ts.language.add, lang, { path = path })
  end
  return pcall(ts.require_language, lang, path)
end

local function set_query(lang, kind, text)
  local query = vim.treesitter.query
  if query.set then -- 0.9+
    return pcall(query.set, lang, kind, text)
  end
  return pcall(query.set_query, lang, kind, text)
end

-- Neovim 0.7 maps capture names to highlight groups through a table
-- (with a.b falling back to a); these names of ours are not in it.
local function extend_07_capture_map()
  local ok, highlighter = pcall(require, 'vim.treesitter.highlighter')
  if not ok or vim.fn.has('nvim-0.8') == 1 or type(highlighter.hl_map) ~= 'table' then
    return
  end
  local extra = {
    ['variable.builtin'] = 'Special',
    ['variable.parameter'] = 'Identifier',
    ['module'] = 'Include',
    ['attribute'] = 'PreProc',
    ['string.special'] = 'SpecialChar',
  }
  for name, group in pairs(extra) do
    if rawget(highlighter.hl_map, name) == nil then
      rawset(highlighter.hl_map, name, group)
    end
  end
end

-- Loads lang's parser and queries once; true when they are usable.
function M.load(lang)
  if loaded[lang] ~= nil then
    return loaded[lang]
  end
  loaded[lang] = false
  local so, err = M.build(lang)
  if not so then
    notify(err)
    return false
  end
  local ok, lerr = add_language(lang, so)
  if not ok then
    notify('loading ' .. so .. ' failed: ' .. tostring(lerr))
    return false
  end
  local queries = config.grammar_dir .. '/tree-sitter-' .. lang .. '/queries/'
  for _, kind in ipairs(M.query_kinds) do
    local text = read_file(queries .. kind .. '.scm')
    if text then
      local qok, qerr = set_query(lang, kind, text)
      if not qok then
        notify(lang .. '/' .. kind .. '.scm: ' .. tostring(qerr))
        return false
      end
    end
  end
  loaded[lang] = true
  return true
end

-- Starts tree-sitter highlighting in buffer buf of filetype lang.
function M.attach(buf, lang)
  if not M.load(lang) then
    return false
  end
  if vim.treesitter.start then -- 0.8+
    return pcall(vim.treesitter.start, buf, lang)
  end
  local highlighter = require('vim.treesitter.highlighter')
  if highlighter.active[buf] then
    return true
  end
  local ok, parser = pcall(vim.treesitter.get_parser, buf, lang)
  if not ok then
    notify(tostring(parser))
    return false
  end
  highlighter.new(parser)
  return true
end

function M.setup(opts)
  opts = opts or {}
  local ts_opts = opts.treesitter
  if ts_opts == false then
    return false
  end
  if type(ts_opts) ~= 'table' then
    ts_opts = opts
  end
  config = {
    highlight = ts_opts.highlight ~= false,
    grammar_dir = ts_opts.grammar_dir or default_grammar_dir(),
    cache_dir = ts_opts.cache_dir or (vim.fn.stdpath('cache') .. '/cedar/parser'),
    compiler = ts_opts.compiler,
  }
  loaded = {}
  if not exists(config.grammar_dir .. '/tree-sitter-cedar/src/parser.c') then
    notify('no grammar sources under ' .. config.grammar_dir .. ' (set the grammar_dir option)')
    return false
  end
  extend_07_capture_map()
  if config.highlight then
    local group = vim.api.nvim_create_augroup('cedar.treesitter', { clear = true })
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = M.langs,
      callback = function(args)
        M.attach(args.buf, vim.bo[args.buf].filetype)
      end,
    })
    -- Buffers opened before setup.
    for _, buf in ipairs(vim.api.nvim_list_bufs()) do
      local ft = vim.bo[buf].filetype
      if vim.api.nvim_buf_is_loaded(buf) and (ft == 'cedar' or ft == 'cedarschema') then
        M.attach(buf, ft)
      end
    end
  end
  return true
end

return M
