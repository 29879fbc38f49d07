-- Tree-sitter: the grammars of grammar/ compile with the machine's C
-- compiler, load, and colour Cedar buffers — the captures of highlights.scm
-- under chosen tokens, and the highlight groups Neovim draws there.
local T = require('cedar_test')

local cache = vim.fn.tempname() .. '-parsers'

local function ts()
  local m = require('cedar.treesitter')
  T.ok(m.setup({ treesitter = { cache_dir = cache } }), 'cedar.treesitter setup failed')
  return m
end

local function get_query(lang, kind)
  local q = vim.treesitter.query
  if q.get then
    return q.get(lang, kind)
  end
  return q.get_query(lang, kind)
end

-- The highlights.scm capture of the innermost captured node containing
-- (row, col), both 0-based.
local function capture_at(bufnr, lang, row, col)
  local parser = vim.treesitter.get_parser(bufnr, lang)
  local root = parser:parse()[1]:root()
  local query = get_query(lang, 'highlights')
  local best, best_size
  for id, node in query:iter_captures(root, bufnr, row, row + 1) do
    local name = query.captures[id]
    local sr, sc, er, ec = node:range()
    local after_start = sr < row or (sr == row and sc <= col)
    local before_end = er > row or (er == row and ec > col)
    if name:sub(1, 1) ~= '_' and name ~= 'spell' and after_start and before_end then
      local size = (er - sr) * 100000 + (ec - sc)
      if not best_size or size < best_size then
        best, best_size = name, size
      end
    end
  end
  return best
end

local function find(bufnr, needle, nth)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local seen = 0
  for i, line in ipairs(lines) do
    local from = 1
    while true do
      local s = line:find(needle, from, true)
      if not s then
        break
      end
      seen = seen + 1
      if seen == (nth or 1) then
        return i - 1, s - 1
      end
      from = s + 1
    end
  end
  error('not in buffer: ' .. needle)
end

local function check_captures(bufnr, lang, expect)
  for _, e in ipairs(expect) do
    local row, col = find(bufnr, e[1], e[2])
    T.eq(e[3], capture_at(bufnr, lang, row, col), string.format('capture under %q (#%d)', e[1], e[2]))
  end
end

T.test('parsers compile into the cache and load', function()
  local m = ts()
  for _, lang in ipairs(m.langs) do
    T.ok(m.load(lang), lang .. ' did not load')
    local so = m.build(lang)
    T.ok(so and vim.loop.fs_stat(so), lang .. ': no compiled parser in the cache')
    T.ok(so:sub(1, #cache) == cache, lang .. ': parser built outside the cache dir: ' .. tostring(so))
  end
end)

T.test('policy buffer: tree-sitter highlighting with the promised captures', function()
  ts()
  local path = vim.fn.tempname() .. '.cedar'
  T.write_file(path, table.concat({
    '// owner may view',
    '@id("owner")',
    'permit (principal == App::User::"alice", action in [Action::"view"], resource == ?resource)',
    'when { resource.owner == principal && context.ip.isInRange(ip("10.0.0.0/8")) }',
    'unless { resource has tags && resource.name like "*.jpg" || (if true then 1 else 2) > -3 };',
  }, '\n') .. '\n')
  local bufnr = T.open(path)
  T.eq('cedar', vim.bo[bufnr].filetype, 'filetype')
  T.ok(require('vim.treesitter.highlighter').active[bufnr], 'no tree-sitter highlighter on the buffer')
  local tree = vim.treesitter.get_parser(bufnr, 'cedar'):parse()[1]
  T.eq(false, tree:root():has_error(), 'syntax error in the tree')
  check_captures(bufnr, 'cedar', {
    { '// owner', 1, 'comment' },
    { '@', 1, 'attribute' },
    { '"owner"', 1, 'string' },
    { 'permit', 1, 'keyword' },
    { 'principal', 1, 'variable.builtin' },
    { 'App', 1, 'module' },
    { 'User', 1, 'type' },
    { ' in ', 1, nil },
    { 'Action::', 1, 'type' },
    { '?resource', 1, 'variable.parameter' },
    { 'when', 1, 'keyword' },
    { 'owner ==', 1, 'property' },
    { '==', 2, 'operator' },
    { 'isInRange', 1, 'function.method.call' },
    { 'ip(', 1, 'function.call' },
    { 'has', 1, 'keyword.operator' },
    { 'like', 1, 'keyword.operator' },
    { '"*.jpg"', 1, 'string.regexp' },
    { 'if', 1, 'keyword.conditional' },
    { 'true', 1, 'boolean' },
    { '1 else', 1, 'number' },
  })
end)

T.test('schema buffer: tree-sitter highlighting with the promised captures', function()
  ts()
  local path = vim.fn.tempname() .. '.cedarschema'
  T.write_file(path, table.concat({
    'namespace App {',
    '  entity User in [Group] { name: String, age?: Long } tags Set<String>;',
    '  action view appliesTo { principal: User, resource: Doc };',
    '}',
  }, '\n') .. '\n')
  local bufnr = T.open(path)
  T.eq('cedarschema', vim.bo[bufnr].filetype, 'filetype')
  T.ok(require('vim.treesitter.highlighter').active[bufnr], 'no tree-sitter highlighter on the buffer')
  check_captures(bufnr, 'cedarschema', {
    { 'namespace', 1, 'keyword.type' },
    { 'App', 1, 'module' },
    { 'entity', 1, 'keyword.type' },
    { 'User', 1, 'type.definition' },
    { 'Group', 1, 'type' },
    { 'name:', 1, 'property' },
    { 'Set', 1, 'type.builtin' },
    { 'appliesTo', 1, 'keyword' },
    { 'principal', 1, 'variable.builtin' },
  })
end)

T.test('Neovim draws the tree-sitter highlights', function()
  ts()
  local path = vim.fn.tempname() .. '.cedar'
  T.write_file(path, 'permit (principal, action, resource) when { "a" like "b" };\n')
  local bufnr = T.open(path)
  -- Vim syntax off, so that only tree-sitter can colour the cells.
  vim.bo[bufnr].syntax = 'OFF'
  local function cells()
    vim.cmd('redraw!')
    -- The keyword `permit`, the string "a", and a blank.
    return { vim.fn.screenattr(1, 1), vim.fn.screenattr(1, 45), vim.fn.screenattr(1, 7) }
  end
  local on = cells()
  T.ok(on[1] ~= on[3] and on[2] ~= on[3] and on[1] ~= on[2], string.format(
    'tree-sitter highlighting not drawn (screen attributes: keyword %d, string %d, blank %d)', on[1], on[2], on[3]))
  -- Without the highlighter the same cells are plain.
  if vim.treesitter.stop then -- 0.8+
    vim.treesitter.stop(bufnr)
  else
    require('vim.treesitter.highlighter').active[bufnr]:destroy()
  end
  -- (stop() turns Vim syntax back on.)
  vim.bo[bufnr].syntax = 'OFF'
  local off = cells()
  T.eq(off[3], off[1], 'keyword cell without tree-sitter')
  T.eq(off[3], off[2], 'string cell without tree-sitter')
end)
