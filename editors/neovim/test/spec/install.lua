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
    "vim.fn.writefile({ vim.bo.filetype .. ' ' .. vim.fn.exists(':CedarInfo') }, " .. vim.inspect(dir .. '/result') .. ')',
    -- Quit only once the server has started and stopped again: quitting
    -- while it starts can end Neovim by SIGPIPE (exit 141).
    "local c = require('cedar').client(0)",
    "vim.wait(10000, function() return c ~= nil and c.initialized end)",
    "vim.lsp.stop_client(require('cedar.compat').clients())",
    "vim.wait(5000, function() return #require('cedar.compat').clients() == 0 end)",
    "vim.cmd('qall!')",
  }, '\n'))
  -- The result goes to a file: the nested Neovim's stdout is no channel.
  T.system({ vim.v.progpath, '--headless', '-u', 'NONE', '-i', 'NONE', '-c', 'luafile ' .. script })
  T.eq('cedarschema 2\n', T.read_file(dir .. '/result'), 'filetype and :CedarInfo after the late load')
end)
