-- :CedarEvaluate evaluates the selected expression with the request and
-- entities of the nearest request file (view.cedarauth.json: resource
-- List::"list1", whose owner is User::"kesha") and shows the value.
local T = require('cedar_test')

require('cedar').setup({})

local ws = T.workspace('tinytodo')

T.test(':CedarEvaluate on a visual selection shows the value', function()
  local b = T.open(ws .. '/policies.cedar')
  T.client(b)
  local pos = T.position(b, 'resource.owner')
  vim.api.nvim_win_set_cursor(0, { pos.line + 1, pos.character })
  -- A characterwise selection of `resource.owner`, then the command on it.
  vim.cmd('normal! v' .. (#'resource.owner' - 1) .. 'l\27')
  vim.cmd("'<,'>CedarEvaluate")
  local marks = T.wait_for('the value of the selection', T.long, function()
    local m = require('cedar').inline_results(b)
    if #m > 0 then
      return m
    end
  end)
  T.eq(pos.line, marks[1].line, 'drawn on the line of the selection')
  T.ok(marks[1].text:find('User::"kesha"', 1, true), 'value: ' .. marks[1].text)
end)
