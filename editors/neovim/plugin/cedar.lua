-- cedar.nvim: commands and LSP handlers. The client itself starts with
-- require('cedar').setup() (or vim.lsp.enable('cedar_ls') on Neovim 0.11+).
if vim.g.loaded_cedar then
  return
end
vim.g.loaded_cedar = true

if vim.fn.has('nvim-0.7') ~= 1 then
  vim.api.nvim_echo({ { 'cedar.nvim needs Neovim 0.7 or newer', 'WarningMsg' } }, true, {})
  return
end

require('cedar.inline').register_handlers()

local function cmd(name, fn, opts)
  opts = opts or {}
  vim.api.nvim_create_user_command(name, fn, opts)
end

cmd('CedarRunTests', function()
  require('cedar.commands').run_tests()
end, { desc = 'Run the Cedar tests (this tests file, or the workspace) into the quickfix list' })
cmd('CedarAuthorize', function()
  require('cedar.commands').authorize()
end, { desc = 'Authorize the nearest request and show the decision at the end of the line' })
cmd('CedarExplain', function()
  require('cedar.commands').explain()
end, { desc = 'Explain the decision: which policies applied, errored, or did not apply' })
cmd('CedarEvaluate', function(args)
  require('cedar.commands').evaluate(args.line1, args.line2)
end, { range = true, desc = 'Evaluate the selected Cedar expression' })
cmd('CedarSchema', function(args)
  require('cedar.commands').schema(args.args)
end, { nargs = '?', complete = 'file', desc = 'Show or choose the schema of this buffer (- for automatic)' })
cmd('CedarRestart', function()
  require('cedar.commands').restart()
end, { desc = 'Restart the cedar-ls clients' })
cmd('CedarInfo', function()
  require('cedar.commands').info()
end, { desc = 'Show the cedar-ls clients, this buffer\'s kind, root and schema' })
cmd('CedarClear', function()
  require('cedar.commands').clear()
end, { desc = 'Clear the inline Cedar results of this buffer' })

-- Clients started by vim.lsp.enable('cedar_ls') (0.11+) get the same buffer
-- setup (format on save, omnifunc) as the ones setup() starts.
if vim.fn.has('nvim-0.8') == 1 then
  vim.api.nvim_create_autocmd('LspAttach', {
    group = vim.api.nvim_create_augroup('cedar_lsp_attach', { clear = true }),
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if client and client.name == 'cedar_ls' then
        require('cedar.buffer').on_attach(client, args.buf)
      end
    end,
  })
end
