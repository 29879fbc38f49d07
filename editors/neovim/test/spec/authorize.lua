-- :CedarAuthorize draws the decision at the end of a line (an extmark),
-- from the server's cedar/showAuthorizeResult notification.
local T = require('cedar_test')

require('cedar').setup({})

local ws = T.workspace('tinytodo')

T.test(':CedarAuthorize in a request file shows ALLOW and the reason', function()
  local b = T.open(ws .. '/view.cedarauth.json')
  T.client(b)
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  vim.cmd('CedarAuthorize')
  local marks = T.wait_for('an inline result after :CedarAuthorize', T.long, function()
    local m = require('cedar').inline_results(b)
    if #m > 0 then
      return m
    end
  end)
  T.eq(1, #marks, 'one inline result')
  T.ok(marks[1].text:find('ALLOW', 1, true), 'decision in ' .. marks[1].text)
  T.ok(marks[1].text:find('viewer', 1, true), 'reason in ' .. marks[1].text)
  local ns = require('cedar.inline').ns
  local raw = vim.api.nvim_buf_get_extmarks(b, ns, 0, -1, { details = true })
  T.eq('eol', raw[1][4].virt_text_pos, 'drawn at the end of the line')
  vim.cmd('CedarClear')
  T.eq({}, require('cedar').inline_results(b), 'results after :CedarClear')
end)

T.test(':CedarExplain in a request file says which policy decided', function()
  local b = T.open(ws .. '/view.cedarauth.json')
  T.client(b)
  require('cedar.inline').clear(b)
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  vim.cmd('CedarExplain')
  local marks = T.wait_for('an inline result after :CedarExplain', T.long, function()
    local m = require('cedar').inline_results(b)
    if #m > 0 then
      return m
    end
  end)
  local all = table.concat(vim.tbl_map(function(m)
    return m.text .. ' ' .. (m.detail or '')
  end, marks), '\n')
  T.ok(all:find('viewer', 1, true), 'the satisfied policy is named: ' .. all)
end)
