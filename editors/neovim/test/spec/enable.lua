-- Neovim 0.11+: with the plugin on the runtimepath, vim.lsp.enable('cedar_ls')
-- alone (no setup()) starts the server from lsp/cedar_ls.lua.
local T = require('cedar_test')

local ws = T.workspace('tinytodo')

local function need_0_11()
  if vim.fn.has('nvim-0.11') ~= 1 then
    T.skip('vim.lsp.enable needs Neovim 0.11')
  end
end

T.test('vim.lsp.enable attaches cedar_ls to policies and JSON kinds, not to other JSON', function()
  need_0_11()
  vim.lsp.enable('cedar_ls')
  local b = T.open(ws .. '/policies.cedar')
  local c = T.client(b)
  T.eq(ws, c.config.root_dir, 'root_dir')
  local e = T.open(ws .. '/entities.json')
  T.eq(c.id, T.client(e).id, 'entities.json shares the client')
  T.write_file(ws .. '/package.json', '{}\n')
  local p = T.open(ws .. '/package.json')
  vim.wait(300)
  T.eq(0, #vim.lsp.get_clients({ bufnr = p }), 'clients of package.json')
end)

T.test('diagnostics arrive through the vim.lsp.enable client', function()
  need_0_11()
  T.write_file(ws .. '/broken.cedar', 'permit (principal, action, resource)\nwhen { principal.joblevel > };\n')
  local b = T.open(ws .. '/broken.cedar')
  local d = T.wait_for('a diagnostic in broken.cedar', T.long, function()
    return T.diagnostics(b)[1]
  end)
  T.eq({ 1, 28 }, { d.lnum, d.col }, 'line and column (0-based)')
end)

T.test('format on save also works for the vim.lsp.enable client (LspAttach)', function()
  need_0_11()
  local path = ws .. '/messy.cedar'
  T.write_file(path, 'permit(principal,action,resource)when{principal.joblevel>3};\n')
  local want = T.system({ 'cedar-ls', 'format', path })
  local b = T.open(path)
  T.client(b)
  vim.cmd('write')
  T.eq(want, T.read_file(path), 'file on disk after :w')
end)

T.test('code lenses of the vim.lsp.enable client follow an edit of the policies', function()
  need_0_11()
  -- A fresh copy: the policies written by the cases above change results.
  local fresh = T.workspace('tinytodo')
  local tests = T.open(fresh .. '/tinytodo.cedartests.json')
  T.client(tests)
  local function summary()
    for _, lens in ipairs(vim.lsp.codelens.get(tests)) do
      local title = lens.command and lens.command.title or ''
      if title:find('passed', 1, true) and title:find('failed', 1, true) then
        return title
      end
    end
  end
  T.wait_for('the summary lens 2 passed, 1 failed', T.long, function()
    return (summary() or ''):find('2 passed, 1 failed', 1, true)
  end)
  local p = T.open(fresh .. '/policies.cedar')
  local owner = T.position(p, '@id("owner")').line
  vim.api.nvim_buf_set_lines(p, owner, owner + 3, false, {})
  T.wait_for('the summary lens 1 passed, 2 failed (hidden buffer, server refresh)', T.long, function()
    return (summary() or ''):find('1 passed, 2 failed', 1, true)
  end)
end)
