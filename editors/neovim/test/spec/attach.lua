-- The client starts for Cedar buffers and for the JSON kinds, one per
-- workspace root, and leaves other files alone.
local T = require('cedar_test')
local compat = require('cedar.compat')

require('cedar').setup({})

local ws = T.workspace('tinytodo')

T.test('a policy buffer gets an initialized cedar_ls client rooted at the schema folder', function()
  local b = T.open(ws .. '/policies.cedar')
  local c = T.client(b)
  T.eq('cedar_ls', c.name, 'client name')
  T.eq(ws, c.config.root_dir, 'root_dir (the folder of tinytodo.cedarschema)')
  T.ok(c.server_capabilities.textDocumentSync ~= nil, 'server capabilities received')
end)

T.test('the schema and the JSON kinds of the same root share that client', function()
  local first = T.client(T.open(ws .. '/policies.cedar'))
  for _, name in ipairs({ 'tinytodo.cedarschema', 'entities.json', 'tinytodo.cedartests.json', 'view.cedarauth.json' }) do
    local b = T.open(ws .. '/' .. name)
    local c = T.client(b)
    T.eq(first.id, c.id, 'client of ' .. name)
  end
  T.eq(1, #compat.clients({ name = 'cedar_ls' }), 'one client for one root')
end)

T.test('a plain JSON file gets no client', function()
  T.write_file(ws .. '/package.json', '{}\n')
  local b = T.open(ws .. '/package.json')
  vim.wait(300)
  T.eq(nil, require('cedar').client(b), 'client of package.json')
end)

T.test('another root gets another client', function()
  local other = T.workspace('tinytodo')
  local b = T.open(other .. '/policies.cedar')
  local c = T.client(b)
  T.eq(other, c.config.root_dir, 'root of the second workspace')
  T.eq(2, #compat.clients({ name = 'cedar_ls' }), 'two roots, two clients')
end)

T.test(':CedarInfo names the client, the root and the kind', function()
  local b = T.open(ws .. '/tinytodo.cedartests.json')
  T.client(b)
  local text = table.concat(require('cedar.commands').info(), '\n')
  T.ok(text:find('kind tests', 1, true), text)
  T.ok(text:find('root: ' .. ws .. ' (marker *.cedarschema)', 1, true), text)
  T.ok(text:find('attached here', 1, true), text)
end)

T.test(':CedarRestart replaces the clients and reattaches the buffers', function()
  local b = T.open(ws .. '/policies.cedar')
  local old = T.client(b)
  vim.cmd('CedarRestart')
  local new = T.wait_for('a new client after :CedarRestart', T.long, function()
    local c = require('cedar').client(b)
    if c and c.id ~= old.id and c.initialized then
      return c
    end
  end)
  T.ok(compat.is_stopped(old), 'the old client stopped')
  T.eq(ws, new.config.root_dir, 'root of the new client')
end)
