-- Minimal init for the headless tests: only this plugin and the test helpers
-- on the runtimepath, nothing of the user's configuration.
local test_dir = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local plugin_dir = vim.fn.fnamemodify(test_dir, ':h')

vim.opt.runtimepath = { plugin_dir, vim.env.VIMRUNTIME, test_dir }
vim.opt.packpath = { vim.env.VIMRUNTIME }
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
vim.opt.more = false
vim.opt.shortmess:append('I')
vim.cmd('filetype plugin indent on')
vim.cmd('syntax on')
