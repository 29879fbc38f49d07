-- Filetype and kind of every file name of the Cedar ecosystem; the JSON
-- kinds keep the filetype json. The kinds of lsp/cedar_ls.lua (the 0.11+
-- entry) must agree with the plugin's.
local T = require('cedar_test')

-- name → { filetype, kind }
local cases = {
  { 'policies.cedar', 'cedar', 'policies' },
  { 'policies.cedar.json', 'json', 'policies_json' },
  { 'app.cedarschema', 'cedarschema', 'schema' },
  { 'cedarschema', 'cedarschema', 'schema' },
  { 'app.cedarschema.json', 'json', 'schema' },
  { 'cedarschema.json', 'json', 'schema' },
  { 'app.cedarentities.json', 'json', 'entities' },
  { 'cedarentities.json', 'json', 'entities' },
  { 'app.avpentities.json', 'json', 'entities' },
  { 'app.cedartemplatelinks.json', 'json', 'links' },
  { 'app.cedarlinks.json', 'json', 'links' },
  { 'view.cedarauth.json', 'json', 'request' },
  { 'view.cedarparc.json', 'json', 'request' },
  { 'app.cedartests.json', 'json', 'tests' },
  { 'package.json', 'json', nil },
  { 'notes.txt', 'text', nil },
}

local dir = vim.fn.tempname() .. '-kinds'
vim.fn.mkdir(dir, 'p')
-- A second folder: `entities.json` is an entities file only beside a schema.
local lone = vim.fn.tempname() .. '-lone'
vim.fn.mkdir(lone, 'p')
T.write_file(dir .. '/entities.json', '[]\n')
T.write_file(lone .. '/entities.json', '[]\n')
for _, c in ipairs(cases) do
  T.write_file(dir .. '/' .. c[1], '')
end

for _, c in ipairs(cases) do
  T.test(c[1] .. ' is ' .. c[2] .. ' of kind ' .. tostring(c[3]), function()
    local bufnr = T.open(dir .. '/' .. c[1])
    T.eq(c[2], vim.bo[bufnr].filetype, 'filetype')
    T.eq(c[3], require('cedar').kind(bufnr), 'kind')
    vim.cmd('bwipeout!')
  end)
end

T.test('entities.json is an entities file beside a schema only', function()
  T.eq('entities', require('cedar.kinds').of_path(dir .. '/entities.json'), 'beside a schema')
  T.eq(nil, require('cedar.kinds').of_path(lone .. '/entities.json'), 'alone')
end)

T.test('the syntax of both Cedar filetypes loads', function()
  local bufnr = T.open(dir .. '/policies.cedar')
  T.eq('cedar', vim.b[bufnr].current_syntax, 'b:current_syntax of policies')
  T.eq('// %s', vim.bo[bufnr].commentstring, 'commentstring from the ftplugin')
  bufnr = T.open(dir .. '/app.cedarschema')
  T.eq('cedarschema', vim.b[bufnr].current_syntax, 'b:current_syntax of schemas')
end)

T.test('lsp/cedar_ls.lua accepts the same files as the plugin', function()
  if vim.fn.has('nvim-0.11') ~= 1 then
    T.skip('lsp/cedar_ls.lua is the vim.lsp.config form of Neovim 0.11+')
  end
  local files = vim.api.nvim_get_runtime_file('lsp/cedar_ls.lua', false)
  T.eq(1, #files, 'lsp/cedar_ls.lua on the runtimepath')
  local entry = dofile(files[1])
  T.eq({ 'cedar-ls', 'lsp' }, entry.cmd, 'cmd')
  local names = vim.tbl_map(function(c)
    return dir .. '/' .. c[1]
  end, cases)
  table.insert(names, dir .. '/entities.json')
  table.insert(names, lone .. '/entities.json')
  for _, path in ipairs(names) do
    local bufnr = T.open(path)
    local root
    entry.root_dir(bufnr, function(r)
      root = r
    end)
    local plugin_says = require('cedar').kind(bufnr) ~= nil
    T.eq(plugin_says, root ~= nil, 'lsp/cedar_ls.lua starts a client for ' .. vim.fn.fnamemodify(path, ':t'))
    if root then
      -- dir holds app.cedarschema: it is the root by the schema marker.
      if vim.startswith(path, dir) then
        T.eq(vim.loop.fs_realpath(dir), vim.loop.fs_realpath(root), 'root of ' .. path)
      end
    end
    vim.cmd('bwipeout!')
  end
end)
