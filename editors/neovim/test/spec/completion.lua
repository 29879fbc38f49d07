-- Completion after `principal.` offers the attributes the schema declares,
-- in a policy that does not parse yet (as it is being typed).
local T = require('cedar_test')

require('cedar').setup({})

local ws = T.workspace('tinytodo')

local function labels(result)
  local items = result and (result.items or result) or {}
  return vim.tbl_map(function(item)
    return item.label
  end, items)
end

T.test('attributes of User after principal.', function()
  local path = ws .. '/typing.cedar'
  T.write_file(path, 'permit (principal, action == Action::"GetList", resource)\nwhen { principal. };\n')
  local b = T.open(path)
  local pos = T.position(b, 'principal.', #'principal.')
  local result = T.request(b, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(b) },
    position = pos,
    context = { triggerKind = 2, triggerCharacter = '.' },
  })
  local got = labels(result)
  table.sort(got)
  -- Exactly the attributes tinytodo.cedarschema declares on User.
  T.eq({ 'joblevel', 'location' }, got, 'completion labels')
end)

T.test('the omnifunc is the LSP one', function()
  local b = T.open(ws .. '/policies.cedar')
  T.client(b)
  T.eq('v:lua.vim.lsp.omnifunc', vim.bo[b].omnifunc, 'omnifunc')
end)

T.test('the omnifunc (<C-x><C-o>) offers the attributes', function()
  local path = ws .. '/typing2.cedar'
  T.write_file(path, 'permit (principal, action == Action::"GetList", resource)\nwhen { principal. };\n')
  local b = T.open(path)
  T.client(b)
  local pos = T.position(b, 'principal.', #'principal.')
  vim.api.nvim_win_set_cursor(0, { pos.line + 1, pos.character })
  -- A headless test cannot sit in insert mode while the answer arrives, so
  -- the omnifunc is called as <C-x><C-o> calls it, with insert mode and
  -- complete() stood in for; the rest is Neovim's and the server's.
  local real_mode, real_get_mode, real_complete = vim.fn.mode, vim.api.nvim_get_mode, vim.fn.complete
  local popup
  vim.fn.mode = function()
    return 'i'
  end
  vim.api.nvim_get_mode = function()
    return { mode = 'i', blocking = false }
  end
  vim.fn.complete = function(col, matches)
    popup = { col = col, matches = matches }
  end
  local ok, err = pcall(function()
    local omnifunc = vim.bo[b].omnifunc:gsub('^v:lua%.', '')
    local fn = assert(loadstring('return ' .. omnifunc))()
    -- The LSP omnifunc asks the server at once and answers -2: the popup
    -- comes later, through complete().
    T.eq(-2, fn(1, ''), 'findstart')
    T.wait_for('the omnifunc to call complete()', T.long, function()
      return popup
    end)
  end)
  vim.fn.mode, vim.api.nvim_get_mode, vim.fn.complete = real_mode, real_get_mode, real_complete
  assert(ok, err)
  local words = vim.tbl_map(function(m)
    return m.word
  end, popup.matches)
  table.sort(words)
  T.eq({ 'joblevel', 'location' }, words, 'popup words')
end)
