-- Formatting through the language server, synchronously, so that
-- format-on-save writes the formatted text. One request pinned to the Cedar
-- client (other servers attached to a JSON buffer are not asked), with the
-- buffer's own indentation settings.
local compat = require('cedar.compat')
local config = require('cedar.config')

local M = {}

-- Diagnostics of the parsers: the server never formats a file that does not
-- parse, and asking it would only cost a round trip. Their codes are the
-- engine's "parse" (policies), "schema-syntax" and "json-syntax" (and
-- "syntax", which servers before the engine's codes sent).
local parse_codes = { parse = true, syntax = true, ['schema-syntax'] = true, ['json-syntax'] = true }

function M.is_parse_error(d)
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  return type(code) == 'string' and parse_codes[code] == true
end

function M.parse_errors(bufnr, client)
  local out = {}
  for _, d in ipairs(compat.diagnostics(bufnr, client.id, vim.diagnostic.severity.ERROR)) do
    if M.is_parse_error(d) then
      table.insert(out, d)
    end
  end
  return out
end

local function formatting_options(bufnr)
  local sw = vim.bo[bufnr].shiftwidth
  if sw == 0 then
    sw = vim.bo[bufnr].tabstop
  end
  return { tabSize = sw, insertSpaces = vim.bo[bufnr].expandtab }
end

-- format formats a buffer through client; it returns true when it applied
-- the server's edits, or false and the reason it did not.
function M.format(bufnr, client, timeout_ms)
  if not client.initialized then
    return false, 'the server is still starting'
  end
  local caps = client.server_capabilities or {}
  if not caps.documentFormattingProvider then
    return false, 'the server cannot format this buffer'
  end
  if #M.parse_errors(bufnr, client) > 0 then
    return false, 'the buffer has parse errors'
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    options = formatting_options(bufnr),
  }
  local response, err = compat.request_sync(client, 'textDocument/formatting', params, timeout_ms, bufnr)
  if not response then
    return false, 'formatting failed: ' .. tostring(err)
  end
  if response.err then
    return false, 'formatting failed: ' .. tostring(response.err.message or vim.inspect(response.err))
  end
  if response.result and #response.result > 0 then
    vim.lsp.util.apply_text_edits(response.result, bufnr, client.offset_encoding or 'utf-16')
  end
  return true
end

-- on_save runs from BufWritePre. A refusal (errors in the file) is silent:
-- the file is written as it is; a timeout or failure is reported once as a
-- warning, never as an error, so a write is never blocked.
function M.on_save(bufnr)
  local client = require('cedar.client').client_of(bufnr)
  if not client then
    return
  end
  local ok, reason = M.format(bufnr, client, config.options.format_timeout_ms)
  if not ok and reason and reason:find('^formatting failed') then
    vim.notify('cedar: ' .. reason, vim.log.levels.WARN)
  end
end

return M
