-- The install lines of the README work: the lazy.nvim form (runtimepath
-- appended after startup, then the plugin files sourced) in a Neovim
-- started without this plugin.
local T = require('cedar_test')

T.test('lazy.nvim-style late runtimepath append', function()
  local dir = vim.fn.tempname() .. '-install'
  vim.fn.mkdir(dir, 'p')
  T.write_file(dir .. '/app.cedarschema', 'entity User;\n')
  local script = dir .. '/late.lua'
  T.write_file(script, table.concat({
    "vim.cmd('filetype plugin indent on')",
    'vim.opt.rtp:append(' .. vim.inspect(T.plugin_dir) .. ')',
    "vim.cmd('runtime! plugin/cedar.lua ftdetect/cedar.vim')",
    "require('cedar').setup({})",
    'vim.cmd(' .. vim.inspect('edit ' .. dir .. '/app.cedarschema') .. ')',
    "io.stdout:write('RESULT ' .. vim.bo.filetype .. ' ' .. vim.fn.exists(':CedarInfo') .. '\\n')",
    "vim.cmd('qall!')",
  }, '\n'))
  local out = T.system({ vim.v.progpath, '--headless', '-u', 'NONE', '-i', 'NONE', '-c', 'luafile ' .. script })
  T.ok(out:find('RESULT cedarschema 2', 1, true), 'filetype and :CedarInfo after the late load: ' .. out)
end)
