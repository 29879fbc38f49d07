-- Settings reach the server: cedar.format.lineWidth changes what :w writes
-- (as `cedar-ls format -l`), and cedar.validationMode = "off" silences the
-- validator.
local T = require('cedar_test')

require('cedar').setup({ settings = { ['cedar.format.lineWidth'] = 40, validationMode = 'off' } })

local ws = T.workspace('tinytodo')

T.test('cedar.format.lineWidth = 40 formats as `cedar-ls format -l 40`', function()
  local path = ws .. '/wide.cedar'
  T.write_file(path, 'permit (principal == User::"alice", action in [Action::"GetList", Action::"UpdateList", '
    .. 'Action::"DeleteList"], resource) when { principal.joblevel > 3 && principal.location == "NYC" };\n')
  local want = T.system({ 'cedar-ls', 'format', '-l', '40', path })
  T.ok(want ~= T.system({ 'cedar-ls', 'format', path }), 'width 40 and 80 differ on this policy')
  local b = T.open(path)
  T.client(b)
  vim.cmd('write')
  T.eq(want, T.read_file(path), 'file on disk')
end)

T.test('cedar.validationMode = "off" reports syntax errors only', function()
  T.write_file(ws .. '/invalid.cedar', 'permit (principal, action == Action::"GetList", resource)\nwhen { principal.jobLevel > 3 };\n')
  local b = T.open(ws .. '/invalid.cedar')
  T.eq({}, T.settled_diagnostics(b), 'diagnostics with validation off')
end)
