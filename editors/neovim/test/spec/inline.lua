-- Inline results: the cedar/showAuthorizeResult handler draws an extmark at
-- the end of the line it names, one per line, and :CedarClear removes them.
local T = require('cedar_test')

require('cedar').setup({})

local ws = T.workspace('tinytodo')

T.test('cedar/showAuthorizeResult draws at the line it names and replaces it', function()
  local b = T.open(ws .. '/policies.cedar')
  local uri = vim.uri_from_bufnr(b)
  local handler = vim.lsp.handlers['cedar/showAuthorizeResult']
  handler(nil, { uri = uri, line = 4, text = 'DENY — no policy applies', detail = 'd' }, {})
  handler(nil, { uri = uri, line = 4, text = 'ALLOW — permit `owner`', detail = 'why' }, {})
  T.eq({ { line = 4, text = 'ALLOW — permit `owner`', detail = 'why' } }, require('cedar').inline_results(b), 'results')
  local raw = vim.api.nvim_buf_get_extmarks(b, require('cedar.inline').ns, 0, -1, { details = true })
  T.eq(1, #raw, 'one extmark')
  T.eq('eol', raw[1][4].virt_text_pos, 'drawn at the end of the line')
  vim.cmd('CedarClear')
  T.eq({}, require('cedar').inline_results(b), 'results after :CedarClear')
end)

T.test('a result for a line past the end is drawn on the last line', function()
  local b = T.open(ws .. '/policies.cedar')
  local last = vim.api.nvim_buf_line_count(b) - 1
  vim.lsp.handlers['cedar/showAuthorizeResult'](nil, { uri = vim.uri_from_bufnr(b), line = last + 10, text = 'x' }, {})
  T.eq(last, require('cedar').inline_results(b)[1].line, 'line')
end)

T.test('cedar/runTests results become quickfix items of the failing tests', function()
  local items, passed, failed = require('cedar.commands').test_items({
    tests = {
      { name = 'ok one', passed = true },
      {
        name = 'bad one',
        passed = false,
        uri = vim.uri_from_fname(ws .. '/tinytodo.cedartests.json'),
        range = { start = { line = 20, character = 2 }, ['end'] = { line = 27, character = 3 } },
        expected = 'deny',
        actual = 'allow',
        reasons = { 'viewer' },
        errors = { { policyId = 'p3', message = 'overflow' } },
      },
    },
  })
  T.eq({ 1, 1 }, { passed, failed }, 'counts')
  T.eq({
    filename = ws .. '/tinytodo.cedartests.json',
    lnum = 21,
    col = 3,
    text = 'bad one: expected deny, got allow; reasons: viewer; p3: overflow',
    type = 'E',
  }, items[1], 'item')
end)
