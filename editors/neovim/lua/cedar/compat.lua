-- One place for the differences between Neovim 0.7 and today, so the rest of
-- the plugin reads the same on every version. 0.11 made client functions
-- methods (client:request); calling them with a dot there prints deprecation
-- warnings, while 0.7–0.10 only have the dot form.
local M = {}

local function has(feature)
  return vim.fn.has(feature) == 1
end

M.nvim_0_8 = has('nvim-0.8')
M.nvim_0_10 = has('nvim-0.10')
M.nvim_0_11 = has('nvim-0.11')

function M.request(client, method, params, handler, bufnr)
  if M.nvim_0_11 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

function M.request_sync(client, method, params, timeout_ms, bufnr)
  if M.nvim_0_11 then
    return client:request_sync(method, params, timeout_ms, bufnr)
  end
  return client.request_sync(method, params, timeout_ms, bufnr)
end

function M.notify(client, method, params)
  if M.nvim_0_11 then
    return client:notify(method, params)
  end
  return client.notify(method, params)
end

function M.stop(client, force)
  if M.nvim_0_11 then
    return client:stop(force)
  end
  return client.stop(force)
end

function M.is_stopped(client)
  if M.nvim_0_11 then
    return client:is_stopped()
  end
  return client.is_stopped()
end

-- clients returns the running clients, filtered by name and/or buffer.
function M.clients(filter)
  filter = filter or {}
  if vim.lsp.get_clients then
    return vim.lsp.get_clients(filter)
  end
  local out = {}
  local source = filter.bufnr and vim.lsp.buf_get_clients(filter.bufnr) or vim.lsp.get_active_clients()
  for _, client in pairs(source) do
    if not filter.name or client.name == filter.name then
      table.insert(out, client)
    end
  end
  table.sort(out, function(a, b)
    return a.id < b.id
  end)
  return out
end

function M.buffers_of(client)
  local bufs = {}
  for bufnr in pairs(client.attached_buffers or {}) do
    table.insert(bufs, bufnr)
  end
  table.sort(bufs)
  return bufs
end

-- Diagnostics of one client in a buffer (0.7 keeps a namespace per client too).
function M.diagnostics(bufnr, client_id, severity)
  local ns = vim.lsp.diagnostic.get_namespace(client_id)
  local opts = { namespace = ns }
  if severity then
    opts.severity = severity
  end
  return vim.diagnostic.get(bufnr, opts)
end

M.islist = vim.islist or vim.tbl_islist

return M
