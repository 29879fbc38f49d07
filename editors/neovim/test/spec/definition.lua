-- Go to definition jumps from a policy into the schema file.
local T = require('cedar_test')

require('cedar').setup({})

local ws = T.workspace('tinytodo')

T.test('vim.lsp.buf.definition() on an entity type opens its schema declaration', function()
  local b = T.open(ws .. '/policies.cedar')
  T.client(b)
  local pos = T.position(b, 'resource is List', #'resource is ')
  vim.api.nvim_win_set_cursor(0, { pos.line + 1, pos.character })
  vim.lsp.buf.definition()
  local schema = ws .. '/tinytodo.cedarschema'
  T.wait_for('the jump to tinytodo.cedarschema', T.long, function()
    return vim.api.nvim_buf_get_name(0) == schema
  end)
  local line = vim.api.nvim_get_current_line()
  T.ok(line:find('entity List', 1, true), 'cursor on the declaration, got line: ' .. line)
end)

T.test('vim.lsp.buf.rename() renames an entity type in the schema and the policies', function()
  local b = T.open(ws .. '/policies.cedar')
  T.client(b)
  local pos = T.position(b, 'Team::"interns"')
  vim.api.nvim_win_set_cursor(0, { pos.line + 1, pos.character })
  vim.lsp.buf.rename('Group')
  T.wait_for('Group in policies.cedar', T.long, function()
    return table.concat(vim.api.nvim_buf_get_lines(b, 0, -1, false), '\n'):find('Group::"interns"', 1, true)
  end)
  local schema = vim.fn.bufnr(ws .. '/tinytodo.cedarschema')
  T.ok(schema > 0, 'the rename loaded the schema into a buffer')
  local text = table.concat(vim.api.nvim_buf_get_lines(schema, 0, -1, false), '\n')
  T.ok(text:find('entity Group', 1, true), 'schema declares Group')
  T.ok(not text:find('Team', 1, true), 'no Team left in the schema')
end)
