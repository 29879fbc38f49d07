-- cedar.nvim: Neovim client of the cedar-ls language server.
--   require('cedar').setup({ settings = { schemaFile = 'schema.cedarschema' } })
-- See :help cedar.
local M = {}

local function treesitter_module_exists()
  return package.loaded['cedar.treesitter'] ~= nil
    or #vim.api.nvim_get_runtime_file('lua/cedar/treesitter.lua', false) > 0
end

-- setup configures the plugin and attaches the server to every Cedar buffer,
-- those already open and those opened later. Calling it again replaces the
-- options (new clients use them; :CedarRestart applies them to running ones).
function M.setup(opts)
  opts = opts or {}
  local config = require('cedar.config')
  local ts_opts = opts.treesitter
  local own = vim.deepcopy(opts)
  own.treesitter = nil
  config.apply(own)

  local client = require('cedar.client')
  local group = vim.api.nvim_create_augroup('cedar_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = require('cedar.kinds').filetypes,
    desc = 'cedar: attach the cedar-ls client',
    callback = function(args)
      client.attach(args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      client.attach(bufnr)
    end
  end

  -- Tree-sitter parsers and queries (lua/cedar/treesitter.lua) when present;
  -- `treesitter = false` turns them off.
  if ts_opts ~= false and treesitter_module_exists() then
    require('cedar.treesitter').setup(opts)
  end
  M.did_setup = true
end

-- Public helpers (also behind the :Cedar* commands).
function M.attach(bufnr)
  return require('cedar.client').attach(bufnr or 0)
end

function M.client(bufnr)
  return require('cedar.client').client_of(bufnr or 0)
end

function M.format(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local c = M.client(bufnr)
  if not c then
    return false, 'no cedar-ls client attached'
  end
  return require('cedar.format').format(bufnr, c, require('cedar.config').options.format_timeout_ms)
end

function M.kind(bufnr)
  return require('cedar.kinds').of_buffer(bufnr or vim.api.nvim_get_current_buf())
end

-- inline_results lists the results drawn at line ends of a buffer.
function M.inline_results(bufnr)
  return require('cedar.inline').marks(bufnr or vim.api.nvim_get_current_buf())
end

return M
