-- Starting, reusing and restarting the language-server clients: one client
-- per workspace root, attached to every Cedar buffer (and every JSON buffer
-- of a Cedar kind) under that root.
local compat = require('cedar.compat')
local config = require('cedar.config')
local kinds = require('cedar.kinds')
local root = require('cedar.root')

local M = {}

-- The client name is the same as the one `vim.lsp.enable('cedar_ls')` uses,
-- so both ways of starting share (and reuse) one client per root.
M.name = 'cedar_ls'

-- capabilities are the user's (or Neovim's defaults) plus
-- workspace.codeLens.refreshSupport when lenses are on: the server then asks
-- for fresh lenses when tests, policies or schema change (see inline.lua).
local function capabilities(opts)
  local caps = vim.deepcopy(opts.capabilities or vim.lsp.protocol.make_client_capabilities())
  if opts.codelens then
    caps.workspace = caps.workspace or {}
    caps.workspace.codeLens = vim.tbl_extend('force', caps.workspace.codeLens or {}, { refreshSupport = true })
  end
  return caps
end

function M.client_config(root_dir)
  local opts = config.options
  local settings = vim.deepcopy(opts.settings)
  return {
    name = M.name,
    cmd = vim.deepcopy(opts.cmd),
    root_dir = root_dir,
    workspace_folders = {
      { uri = vim.uri_from_fname(root_dir), name = root_dir },
    },
    settings = settings,
    init_options = settings,
    capabilities = capabilities(opts),
    on_init = function(client)
      -- Neovim 0.10+ pushes the settings itself after initialize; older
      -- versions only answer workspace/configuration.
      if not compat.nvim_0_10 then
        compat.notify(client, 'workspace/didChangeConfiguration', { settings = client.config.settings })
      end
    end,
    on_attach = function(client, bufnr)
      require('cedar.buffer').on_attach(client, bufnr)
      if opts.on_attach then
        opts.on_attach(client, bufnr)
      end
    end,
  }
end

-- root_of returns the workspace root of a buffer (cwd for unnamed buffers).
function M.root_of(bufnr)
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == '' then
    return vim.fn.getcwd()
  end
  return (root.find(path))
end

-- running returns the live client for a root, if any.
function M.running(root_dir)
  for _, client in ipairs(compat.clients({ name = M.name })) do
    if client.config.root_dir == root_dir and not compat.is_stopped(client) then
      return client
    end
  end
  return nil
end

-- attach starts or reuses the client of a buffer's root and attaches it; a
-- buffer of no Cedar kind, or a special buffer, is left alone. Returns the
-- client id or nil.
function M.attach(bufnr)
  if bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  if not kinds.of_buffer(bufnr) then
    return nil
  end
  local executable = config.options.cmd[1]
  if vim.fn.executable(executable) ~= 1 then
    if not M.warned_missing then
      M.warned_missing = true
      vim.notify(
        string.format('cedar: %q is not executable; install cedar-ls (go install ./cmd/cedar-ls) or set cmd', executable),
        vim.log.levels.WARN
      )
    end
    return nil
  end
  local root_dir = M.root_of(bufnr)
  local existing = M.running(root_dir)
  if existing then
    vim.lsp.buf_attach_client(bufnr, existing.id)
    return existing.id
  end
  local cfg = M.client_config(root_dir)
  local id
  if vim.lsp.start and compat.nvim_0_8 then
    -- vim.lsp.start attaches the current buffer on 0.8; run it inside bufnr.
    vim.api.nvim_buf_call(bufnr, function()
      id = vim.lsp.start(cfg)
    end)
  else
    id = vim.lsp.start_client(cfg)
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

-- client_of returns the Cedar client attached to a buffer.
function M.client_of(bufnr)
  if bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  return compat.clients({ name = M.name, bufnr = bufnr })[1]
end

-- restart stops every Cedar client and attaches their buffers to new ones
-- once the old processes have gone.
function M.restart()
  local buffers = {}
  local clients = compat.clients({ name = M.name })
  for _, client in ipairs(clients) do
    for _, bufnr in ipairs(compat.buffers_of(client)) do
      buffers[bufnr] = true
    end
    compat.stop(client)
  end
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and kinds.of_buffer(bufnr) then
      buffers[bufnr] = true
    end
  end
  local deadline = vim.loop.now() + 5000
  local function stopped()
    for _, client in ipairs(clients) do
      if not compat.is_stopped(client) then
        return false
      end
    end
    return true
  end
  local function again()
    if not stopped() and vim.loop.now() < deadline then
      vim.defer_fn(again, 50)
      return
    end
    for _, client in ipairs(clients) do
      if not compat.is_stopped(client) then
        compat.stop(client, true)
      end
    end
    for bufnr in pairs(buffers) do
      if vim.api.nvim_buf_is_valid(bufnr) then
        M.attach(bufnr)
      end
    end
  end
  again()
  return #clients
end

return M
