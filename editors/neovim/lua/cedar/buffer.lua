-- What a Cedar buffer gets when the client attaches: completion through the
-- omnifunc (<C-x><C-o>) and format on save.
local config = require('cedar.config')

local M = {}

function M.on_attach(client, bufnr)
  if vim.bo[bufnr].omnifunc == '' then
    vim.bo[bufnr].omnifunc = 'v:lua.vim.lsp.omnifunc'
  end
  -- The option is read at each write, so setup({ format_on_save = false })
  -- also applies to buffers already open.
  local group = vim.api.nvim_create_augroup('cedar_format_' .. bufnr, { clear = true })
  vim.api.nvim_create_autocmd('BufWritePre', {
    group = group,
    buffer = bufnr,
    desc = 'cedar: format through the language server before writing',
    callback = function(args)
      if config.options.format_on_save then
        require('cedar.format').on_save(args.buf)
      end
    end,
  })
end

return M
