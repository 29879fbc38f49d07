-- Minimal init for the headless tests: only this plugin and the test helpers
-- on the runtimepath, nothing of the user's configuration.
local test_dir = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local plugin_dir = vim.fn.fnamemodify(test_dir, ':h')

-- Of the default runtimepath keep the runtime and the folder of the bundled
-- tree-sitter parsers (<prefix>/lib/nvim, which Neovim's own markdown hover
-- needs); drop the user's and the site folders.
local rtp = { plugin_dir }
for _, dir in ipairs(vim.opt.runtimepath:get()) do
  if dir == vim.env.VIMRUNTIME or dir:match('/lib/nvim$') then
    table.insert(rtp, dir)
  end
end
table.insert(rtp, test_dir)
vim.opt.runtimepath = rtp
vim.opt.packpath = { vim.env.VIMRUNTIME }
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
vim.opt.more = false
vim.opt.shortmess:append('I')
vim.cmd('filetype plugin indent on')
vim.cmd('syntax on')
