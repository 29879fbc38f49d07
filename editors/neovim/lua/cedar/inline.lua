-- Results drawn at the end of a line (extmarks), from the server's
-- `cedar/showAuthorizeResult` notification {uri, line, text, detail}, and the
-- test locations of `cedar/testLocations` {uri, tests = [{name, range}]}.
local config = require('cedar.config')

local M = {}

M.ns = vim.api.nvim_create_namespace('cedar_inline')

-- details[bufnr][line] = { text, detail } of the results drawn in a buffer.
M.details = {}
-- test_locations[uri] = tests of the last cedar/testLocations for that file.
M.test_locations = {}

local function buffer_of(uri)
  local ok, bufnr = pcall(vim.uri_to_bufnr, uri)
  if not ok then
    return nil
  end
  return bufnr
end

-- show draws one result; an empty text clears the result of that line.
function M.show(uri, line, text, detail)
  local bufnr = buffer_of(uri)
  if not bufnr or not vim.api.nvim_buf_is_loaded(bufnr) then
    return nil
  end
  local last = vim.api.nvim_buf_line_count(bufnr) - 1
  if type(line) ~= 'number' or line < 0 then
    line = 0
  elseif line > last then
    line = last
  end
  M.details[bufnr] = M.details[bufnr] or {}
  for _, mark in ipairs(vim.api.nvim_buf_get_extmarks(bufnr, M.ns, { line, 0 }, { line, -1 }, {})) do
    vim.api.nvim_buf_del_extmark(bufnr, M.ns, mark[1])
  end
  if not text or text == '' then
    M.details[bufnr][line] = nil
    return nil
  end
  M.details[bufnr][line] = { text = text, detail = detail }
  return vim.api.nvim_buf_set_extmark(bufnr, M.ns, line, 0, {
    virt_text = { { text, config.options.inline_hl } },
    virt_text_pos = 'eol',
    hl_mode = 'combine',
  })
end

-- clear removes every inline result of a buffer (:CedarClear).
function M.clear(bufnr)
  vim.api.nvim_buf_clear_namespace(bufnr, M.ns, 0, -1)
  M.details[bufnr] = nil
end

-- marks lists the results drawn in a buffer as { line, text, detail }.
function M.marks(bufnr)
  local out = {}
  for _, mark in ipairs(vim.api.nvim_buf_get_extmarks(bufnr, M.ns, 0, -1, { details = true })) do
    local line = mark[2]
    local text = ''
    for _, chunk in ipairs(mark[4].virt_text or {}) do
      text = text .. chunk[1]
    end
    local d = (M.details[bufnr] or {})[line] or {}
    table.insert(out, { line = line, text = text, detail = d.detail })
  end
  return out
end

-- LSP notification handlers, registered globally (see plugin/cedar.lua) so
-- they serve clients started by setup() and by vim.lsp.enable() alike. The
-- signature (err, result, ctx) is the same from 0.7 on.
M.handlers = {
  ['cedar/showAuthorizeResult'] = function(_, result)
    if type(result) ~= 'table' or type(result.uri) ~= 'string' then
      return
    end
    M.show(result.uri, result.line, result.text, result.detail)
  end,
  ['cedar/testLocations'] = function(_, result)
    if type(result) ~= 'table' or type(result.uri) ~= 'string' then
      return
    end
    M.test_locations[result.uri] = result.tests or {}
  end,
}

-- workspace/codeLens/refresh (a request from the server; Neovim has no
-- handler for it up to 0.11): fetch the lenses of the client's buffers again.
local function refresh_codelens(_, _, ctx)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  if client then
    for bufnr in pairs(client.attached_buffers or {}) do
      require('cedar.buffer').refresh_codelens(bufnr)
    end
  end
  return vim.NIL
end

function M.register_handlers()
  for method, handler in pairs(M.handlers) do
    vim.lsp.handlers[method] = handler
  end
  if not vim.lsp.handlers['workspace/codeLens/refresh'] then
    vim.lsp.handlers['workspace/codeLens/refresh'] = refresh_codelens
  end
end

return M
