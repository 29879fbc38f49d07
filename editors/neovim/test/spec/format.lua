-- Format on save: `:w` writes what `cedar-ls format` prints; a file with
-- parse errors is written as it is; format_on_save = false turns it off.
local T = require('cedar_test')

require('cedar').setup({})

local ws = T.workspace('tinytodo')

local messy = table.concat({
  '// messy but valid',
  '@id("a")',
  'permit(principal==User::"alice",action in [Action::"GetList",Action::"UpdateList"],resource is List) when {resource.owner==principal&&principal.joblevel>3};',
  'forbid(principal,action,resource)   unless{principal has joblevel};',
}, '\n') .. '\n'

T.test(':w formats the file on disk exactly as `cedar-ls format`', function()
  local path = ws .. '/messy.cedar'
  T.write_file(path, messy)
  local want = T.system({ 'cedar-ls', 'format', path })
  T.ok(want ~= messy, 'the fixture is not formatted already')
  local b = T.open(path)
  T.client(b)
  vim.cmd('write')
  T.eq(want, T.read_file(path), 'file on disk after :w')
  T.eq(vim.split(want, '\n', { plain = true, trimempty = true }), vim.api.nvim_buf_get_lines(b, 0, -1, false), 'buffer after :w')
  T.eq(false, vim.bo[b].modified, 'buffer not modified after :w')
end)

T.test(':w formats a schema and an entities file as `cedar-ls format`', function()
  -- In a folder of its own: beside tinytodo.cedarschema it would be merged
  -- into the workspace's schema.
  local schema = ws .. '/other/messy.cedarschema'
  T.write_file(schema, 'entity   Team;entity User in [Team]{joblevel:Long,location:String};\n'
    .. 'action view appliesTo {principal:[User],resource:[Team]};\n')
  local entities = ws .. '/messy.cedarentities.json'
  T.write_file(entities, '[{"uid":{"type":"Team","id":"a"},"attrs":{},"parents":[]}]\n')
  for _, path in ipairs({ schema, entities }) do
    local want = T.system({ 'cedar-ls', 'format', path })
    T.ok(want ~= T.read_file(path), 'the fixture is not formatted already: ' .. path)
    local b = T.open(path)
    -- JSON buffers indent as the user set; the CLI's default is 2 spaces.
    vim.bo[b].shiftwidth = 2
    vim.bo[b].expandtab = true
    T.client(b)
    vim.cmd('write')
    T.eq(want, T.read_file(path), 'file on disk after :w of ' .. vim.fn.fnamemodify(path, ':t'))
  end
end)

T.test('a file with a syntax error is written unformatted', function()
  local path = ws .. '/halfway.cedar'
  local text = 'permit(principal,action,resource) when { principal.joblevel > };\n'
  T.write_file(path, text)
  local b = T.open(path)
  T.wait_for('the syntax error of halfway.cedar', T.long, function()
    return #T.diagnostics(b) > 0
  end)
  T.eq({ false, 'the buffer has parse errors' }, { require('cedar').format(b) }, 'the plugin does not ask the server')
  vim.cmd('write')
  T.eq(text, T.read_file(path), 'file on disk')
end)

T.test('a file with validation errors only is still formatted', function()
  local path = ws .. '/invalid.cedar'
  T.write_file(path, 'permit(principal,action,resource) when { principal.jobLevel > 3 };\n')
  local want = T.system({ 'cedar-ls', 'format', path })
  local b = T.open(path)
  T.wait_for('the validation error of invalid.cedar', T.long, function()
    return #T.diagnostics(b) > 0
  end)
  vim.cmd('write')
  T.eq(want, T.read_file(path), 'file on disk')
end)

T.test('format_on_save = false writes the buffer as it is', function()
  require('cedar').setup({ format_on_save = false })
  local path = ws .. '/messy2.cedar'
  T.write_file(path, messy)
  local b = T.open(path)
  T.client(b)
  vim.cmd('write')
  T.eq(messy, T.read_file(path), 'file on disk')
  require('cedar').setup({})
end)
