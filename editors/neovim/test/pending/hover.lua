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
  T.ok(text:find('owner', 1, true), 'hover names the attribute: ' .. text)
  T.ok(text:find('User', 1, true), 'hover names the type User: ' .. text)
end)

T.test('hover over principal names its entity type', function()
  local b = T.open(ws .. '/policies.cedar')
  local pos = T.position(b, 'resource.owner == principal', #'resource.owner == ' + 1)
  local text = hover_text(T.request(b, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(b) },
    position = pos,
  }))
  T.ok(text:find('User', 1, true), 'hover over principal: ' .. text)
end)
