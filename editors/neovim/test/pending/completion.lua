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
  T.contains(got, 'joblevel', 'completion labels')
  T.contains(got, 'location', 'completion labels')
end)

T.test('the omnifunc is the LSP one', function()
  local b = T.open(ws .. '/policies.cedar')
  T.client(b)
  T.eq('v:lua.vim.lsp.omnifunc', vim.bo[b].omnifunc, 'omnifunc')
end)
