-- Hover over an attribute says its type and where it is declared.
local T = require('cedar_test')

require('cedar').setup({})

local ws = T.workspace('tinytodo')

local function hover_text(result)
  T.ok(result and result.contents, 'a hover result with contents')
  local c = result.contents
  if type(c) == 'string' then
    return c
  end
  if c.value then
    return c.value
  end
  return table.concat(vim.tbl_map(function(part)
    return type(part) == 'string' and part or part.value
  end, c), '\n')
end

T.test('hover over resource.owner names its type User', function()
  local b = T.open(ws .. '/policies.cedar')
  local pos = T.position(b, 'resource.owner', #'resource.' + 1)
  local text = hover_text(T.request(b, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(b) },
    position = pos,
  }))
  T.ok(text:find('owner: User', 1, true), 'hover gives the attribute and its type: ' .. text)
  T.ok(text:find('entity type `List`', 1, true), 'hover names the declaring entity type: ' .. text)
end)

T.test('hover over principal names its entity type', function()
  local b = T.open(ws .. '/policies.cedar')
  local pos = T.position(b, 'resource.owner == principal', #'resource.owner == ' + 1)
  local text = hover_text(T.request(b, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(b) },
    position = pos,
  }))
  T.ok(text:find('principal: User', 1, true), 'hover over principal: ' .. text)
end)

T.test('vim.lsp.buf.hover() opens a floating window with the hover text', function()
  local b = T.open(ws .. '/policies.cedar')
  T.client(b)
  local pos = T.position(b, 'resource.owner', #'resource.' + 1)
  vim.api.nvim_win_set_cursor(0, { pos.line + 1, pos.character })
  vim.lsp.buf.hover()
  T.wait_for('a floating window showing owner: User', T.long, function()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= '' then
        local lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false)
        if table.concat(lines, '\n'):find('owner: User', 1, true) then
          return win
        end
      end
    end
  end)
end)
