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
  local marks = T.wait_for('an inline result after :CedarAuthorize', 15000, function()
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

T.test('cedar/showAuthorizeResult draws at the line it names and replaces it', function()
  local b = T.open(ws .. '/policies.cedar')
  local uri = vim.uri_from_bufnr(b)
  local handler = vim.lsp.handlers['cedar/showAuthorizeResult']
  handler(nil, { uri = uri, line = 4, text = 'DENY — no policy applies', detail = 'd' }, {})
  handler(nil, { uri = uri, line = 4, text = 'ALLOW — permit `owner`', detail = 'why' }, {})
  T.eq({ { line = 4, text = 'ALLOW — permit `owner`', detail = 'why' } }, require('cedar').inline_results(b), 'results')
end)
