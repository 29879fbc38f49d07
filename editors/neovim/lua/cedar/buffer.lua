-- What a Cedar buffer gets when the client attaches: completion through the
-- omnifunc (<C-x><C-o>) and format on save.
local compat = require('cedar.compat')
local config = require('cedar.config')

local M = {}

function M.refresh_codelens(bufnr)
  if not vim.api.nvim_buf_is_loaded(bufnr) then
    return
  end
  if compat.nvim_0_10 then
    vim.lsp.codelens.refresh({ bufnr = bufnr })
  else
    vim.api.nvim_buf_call(bufnr, function()
      vim.lsp.codelens.refresh()
    end)
  end
end

-- Code lenses (test results in tests files, decisions in request files,
-- coverage on policies) are shown only when asked for: refresh them when the
-- buffer is entered, left after an edit and written. The group is cleared
-- with the format group by each attach.
function M.codelens(client, bufnr, group)
  local caps = client.server_capabilities or {}
  if not config.options.codelens or not caps.codeLensProvider then
    return
  end
  vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'BufWritePost' }, {
    group = group,
    buffer = bufnr,
    desc = 'cedar: refresh code lenses',
    callback = function(args)
      M.refresh_codelens(args.buf)
    end,
  })
  M.refresh_codelens(bufnr)
end

function M.on_attach(client, bufnr)
  if vim.bo[bufnr].omnifunc == '' then
    vim.bo[bufnr].omnifunc = 'v:lua.vim.lsp.omnifunc'
  end
  M.codelens(client, bufnr, group)
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
