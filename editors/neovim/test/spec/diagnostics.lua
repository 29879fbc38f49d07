-- Diagnostics arrive as you type: a syntax error at its line and column,
-- a validation error against the schema found next to the file.
local T = require('cedar_test')

require('cedar').setup({})

local ws = T.workspace('tinytodo')

T.test('a syntax error is reported at its position', function()
  T.write_file(ws .. '/broken.cedar', table.concat({
    '// a policy with a syntax error',
    'permit (principal, action, resource)',
    'when { principal.joblevel > };',
  }, '\n') .. '\n')
  local b = T.open(ws .. '/broken.cedar')
  local d = T.wait_for('a diagnostic in broken.cedar', T.long, function()
    return T.diagnostics(b)[1]
  end)
  -- `cedar-ls check-parse` says broken.cedar:3:29 (1-based): the `}`.
  T.eq({ 2, 28 }, { d.lnum, d.col }, 'line and column (0-based)')
  T.eq(vim.diagnostic.severity.ERROR, d.severity, 'severity')
  T.eq('cedar', d.source, 'source')
  T.ok(d.message:find('expected an expression', 1, true), 'message: ' .. d.message)
end)

T.test('a validation error against the schema found by the server', function()
  T.write_file(ws .. '/invalid.cedar', table.concat({
    'permit (principal, action == Action::"GetList", resource)',
    'when { principal.jobLevel > 3 };',
  }, '\n') .. '\n')
  local b = T.open(ws .. '/invalid.cedar')
  local d = T.wait_for('a validation diagnostic in invalid.cedar', T.long, function()
    return T.diagnostics(b)[1]
  end)
  T.eq({ 1, 7, 1, 25 }, { d.lnum, d.col, d.end_lnum, d.end_col }, 'range of principal.jobLevel')
  T.ok(d.message:find('jobLevel', 1, true), 'message: ' .. d.message)
end)

T.test('an edit that fixes the error clears the diagnostics', function()
  local b = T.open(ws .. '/broken.cedar')
  T.wait_for('the syntax error', T.long, function()
    return #T.diagnostics(b) > 0
  end)
  vim.api.nvim_buf_set_lines(b, 2, 3, false, { 'when { principal.joblevel > 3 };' })
  T.wait_for('no diagnostics after the fix', T.long, function()
    return #T.diagnostics(b) == 0
  end)
end)

T.test('a valid policy file has no diagnostics', function()
  local b = T.open(ws .. '/policies.cedar')
  T.eq({}, T.settled_diagnostics(b), 'diagnostics of policies.cedar')
end)

T.test('an entities file is checked against the schema, with the range of the bad value', function()
  T.write_file(ws .. '/bad.cedarentities.json', table.concat({
    '[',
    '  {',
    '    "uid": { "type": "User", "id": "zoe" },',
    '    "attrs": { "joblevel": "high", "location": "NYC" },',
    '    "parents": []',
    '  }',
    ']',
  }, '\n') .. '\n')
  local b = T.open(ws .. '/bad.cedarentities.json')
  T.eq('json', vim.bo[b].filetype, 'filetype')
  local d = T.wait_for('a diagnostic in bad.cedarentities.json', T.long, function()
    return T.diagnostics(b)[1]
  end)
  -- The value "high" of joblevel (a Long in the schema): line 4, 1-based columns 28-33.
  T.eq({ 3, 27, 3, 33 }, { d.lnum, d.col, d.end_lnum, d.end_col }, 'range of "high"')
  T.ok(d.message:find('joblevel', 1, true), 'message: ' .. d.message)
end)
