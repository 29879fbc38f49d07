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

T.test(':CedarExplain puts hints on the policies; :CedarClear takes them away', function()
  local p = T.open(ws .. '/policies.cedar')
  T.client(p)
  local function hints()
    return vim.tbl_filter(function(d)
      return d.severity == vim.diagnostic.severity.HINT
    end, T.diagnostics(p))
  end
  local b = T.open(ws .. '/view.cedarauth.json')
  vim.cmd('CedarExplain')
  local got = T.wait_for('hints on policies.cedar', T.long, function()
    local h = hints()
    if #h > 0 then
      return h
    end
  end)
  -- The viewer policy (the line after its @id) was satisfied; the interns
  -- policy did not apply.
  local viewer = T.position(p, '@id("viewer")').line + 1
  local satisfied = vim.tbl_filter(function(d)
    return d.lnum == viewer and d.message:find('satisfied', 1, true)
  end, got)
  T.eq(1, #satisfied, 'a "satisfied" hint on the viewer policy: ' .. vim.inspect(got))
  local not_applied = vim.tbl_filter(function(d)
    return d.message:find('does not apply', 1, true)
  end, got)
  T.eq(1, #not_applied, 'one policy that does not apply')
  vim.api.nvim_set_current_buf(b)
  vim.cmd('CedarClear')
  T.wait_for('no hints after :CedarClear', T.long, function()
    return #hints() == 0
  end)
end)

T.test(':CedarAuthorize in a policy file runs the nearest request file against it', function()
  local p = T.open(ws .. '/policies.cedar')
  T.client(p)
  require('cedar.inline').clear(p)
  local at = T.position(p, '@id("viewer")')
  vim.api.nvim_win_set_cursor(0, { at.line + 1, 0 })
  vim.cmd('CedarAuthorize')
  local marks = T.wait_for('an inline result in policies.cedar', T.long, function()
    local m = require('cedar').inline_results(p)
    if #m > 0 then
      return m
    end
  end)
  T.ok(marks[1].text:find('ALLOW', 1, true), 'decision: ' .. marks[1].text)
  T.ok(marks[1].text:find('view.cedarauth.json', 1, true), 'names the request file: ' .. marks[1].text)
end)
