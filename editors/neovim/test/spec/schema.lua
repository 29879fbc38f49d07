-- :CedarSchema chooses the schema of a buffer (cedar.associateSchema) and
-- `:CedarSchema -` goes back to automatic; the diagnostics follow.
local T = require('cedar_test')

require('cedar').setup({})

-- A repository with two schemas in folders of their own and a policy in a
-- third folder, where the automatic search finds no schema.
local ws = vim.fn.tempname() .. '-schemas'
vim.fn.mkdir(ws .. '/.git', 'p')
T.write_file(ws .. '/a/names.cedarschema', 'entity User { name: String };\naction view appliesTo { principal: User, resource: User };\n')
T.write_file(ws .. '/b/levels.cedarschema', 'entity User { joblevel: Long };\naction view appliesTo { principal: User, resource: User };\n')
T.write_file(ws .. '/p/policy.cedar', 'permit (principal, action == Action::"view", resource)\nwhen { principal.joblevel > 3 };\n')
ws = vim.loop.fs_realpath(ws)

local function wait_diagnostics(b, what, pred)
  return T.wait_for(what, T.long, function()
    local d = T.diagnostics(b)
    if pred(d) then
      return d
    end
  end)
end

T.test('no schema found: no validation errors', function()
  local b = T.open(ws .. '/p/policy.cedar')
  T.eq(ws, T.client(b).config.root_dir, 'root (marker .git)')
  T.eq({}, T.settled_diagnostics(b), 'diagnostics without a schema')
  T.ok(require('cedar.commands').schema_description(b):find('no schema file found', 1, true), 'description')
end)

T.test(':CedarSchema {file} validates against that schema', function()
  local b = T.open(ws .. '/p/policy.cedar')
  T.client(b)
  vim.cmd('CedarSchema ' .. ws .. '/a/names.cedarschema')
  local d = wait_diagnostics(b, 'the validation error against a/names.cedarschema', function(d)
    return #d > 0
  end)
  T.ok(d[1].message:find('joblevel', 1, true), 'message: ' .. d[1].message)
  T.eq('chosen with :CedarSchema: ' .. ws .. '/a/names.cedarschema', require('cedar.commands').schema_description(b), 'description')
end)

T.test(':CedarSchema without an argument offers the workspace schemas', function()
  local b = T.open(ws .. '/p/policy.cedar')
  T.client(b)
  local offered
  local real_select = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    offered = { items = items, prompt = opts.prompt }
    on_choice(ws .. '/b/levels.cedarschema')
  end
  vim.cmd('CedarSchema')
  vim.ui.select = real_select
  T.eq({ ws .. '/a/names.cedarschema', ws .. '/b/levels.cedarschema', 'automatic' }, offered.items, 'choices')
  T.ok(offered.prompt:find('names.cedarschema', 1, true), 'prompt shows the current schema: ' .. offered.prompt)
  wait_diagnostics(b, 'no errors against b/levels.cedarschema', function(d)
    return #d == 0
  end)
end)

T.test(':CedarSchema - goes back to automatic', function()
  local b = T.open(ws .. '/p/policy.cedar')
  T.client(b)
  vim.cmd('CedarSchema ' .. ws .. '/a/names.cedarschema')
  wait_diagnostics(b, 'the error against a/names.cedarschema', function(d)
    return #d > 0
  end)
  vim.cmd('CedarSchema -')
  wait_diagnostics(b, 'no errors without a schema', function(d)
    return #d == 0
  end)
end)
