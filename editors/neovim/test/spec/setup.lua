-- setup() options: validation with clear messages, settings normalisation,
-- commands defined by the plugin file.
local T = require('cedar_test')

T.test('the commands exist before setup()', function()
  for _, name in ipairs({ 'CedarRunTests', 'CedarAuthorize', 'CedarExplain', 'CedarEvaluate', 'CedarSchema',
    'CedarRestart', 'CedarInfo' }) do
    T.eq(2, vim.fn.exists(':' .. name), ':' .. name .. ' defined')
  end
end)

T.test('unknown options and wrong types are rejected by name', function()
  local ok, err = pcall(require('cedar').setup, { formatOnSave = false })
  T.ok(not ok, 'setup with an unknown option must fail')
  T.ok(tostring(err):find('unknown option "formatOnSave"', 1, true), 'message names the option: ' .. tostring(err))
  ok, err = pcall(require('cedar').setup, { format_on_save = 'yes' })
  T.ok(not ok, 'setup with a wrong type must fail')
  T.ok(tostring(err):find('"format_on_save" must be a boolean', 1, true), 'message: ' .. tostring(err))
  ok, err = pcall(require('cedar').setup, { cmd = {} })
  T.ok(not ok and tostring(err):find('must not be empty', 1, true), 'empty cmd: ' .. tostring(err))
end)

T.test('settings are accepted nested, dotted or without the prefix', function()
  local normalize = require('cedar.config').normalize_settings
  local want = { cedar = { schemaFile = 's.cedarschema', format = { lineWidth = 100 }, validationMode = 'permissive' } }
  T.eq(want, normalize({ cedar = { schemaFile = 's.cedarschema', format = { lineWidth = 100 }, validationMode = 'permissive' } }), 'nested')
  T.eq(want, normalize({ ['cedar.schemaFile'] = 's.cedarschema', ['cedar.format.lineWidth'] = 100, ['cedar.validationMode'] = 'permissive' }), 'dotted')
  T.eq(want, normalize({ schemaFile = 's.cedarschema', ['format.lineWidth'] = 100, validationMode = 'permissive' }), 'unprefixed')
  T.eq({ cedar = {} }, normalize(nil), 'none')
end)

T.test('defaults', function()
  require('cedar').setup({})
  local o = require('cedar.config').options
  T.eq({ 'cedar-ls', 'lsp' }, o.cmd, 'cmd')
  T.eq(true, o.format_on_save, 'format_on_save')
  T.eq({ cedar = {} }, o.settings, 'settings')
end)

T.test(':CedarInfo on a non-Cedar buffer says so', function()
  vim.cmd('enew')
  local lines = require('cedar.commands').info()
  T.ok(lines[1]:find('^cedar.nvim on Neovim %d+%.%d+%.%d+'), 'first line: ' .. lines[1])
  T.ok(table.concat(lines, '\n'):find('not a Cedar file', 1, true), table.concat(lines, '\n'))
end)

T.test(':help cedar: the help file has valid, unique tags', function()
  local doc = vim.fn.tempname() .. '-doc'
  vim.fn.mkdir(doc, 'p')
  T.write_file(doc .. '/cedar.txt', T.read_file(T.plugin_dir .. '/doc/cedar.txt'))
  vim.cmd('helptags ' .. vim.fn.fnameescape(doc)) -- E154 on a duplicate tag
  local tags = T.read_file(doc .. '/tags')
  for _, tag in ipairs({ 'cedar.txt', 'cedar.setup()', 'cedar-files', ':CedarRunTests', ':CedarAuthorize',
    ':CedarExplain', ':CedarEvaluate', ':CedarSchema', ':CedarRestart', ':CedarInfo', 'cedar-lsp-enable' }) do
    T.ok(tags:find('\n' .. vim.pesc(tag) .. '\t') or tags:find('^' .. vim.pesc(tag) .. '\t'), 'tag ' .. tag .. ' in doc/cedar.txt')
  end
end)

T.test('setup() calls cedar.treesitter.setup(opts) when that module exists', function()
  -- A stand-in module (the real one, if present, is tested by its own spec).
  local real = package.loaded['cedar.treesitter']
  local got
  package.loaded['cedar.treesitter'] = {
    setup = function(opts)
      got = opts
    end,
  }
  require('cedar').setup({ format_on_save = true, treesitter = { highlight = true } })
  T.eq({ format_on_save = true, treesitter = { highlight = true } }, got, 'opts passed on')
  got = nil
  require('cedar').setup({ treesitter = false })
  T.eq(nil, got, 'treesitter = false skips it')
  package.loaded['cedar.treesitter'] = real
  require('cedar').setup({ treesitter = false })
end)
