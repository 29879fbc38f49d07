-- Options of require('cedar').setup() and their defaults.
local M = {}

M.defaults = {
  -- The language server command; `cedar-ls lsp` speaks LSP over stdio.
  cmd = { 'cedar-ls', 'lsp' },
  -- The server's settings, named as in VS Code (cedar.schemaFile,
  -- cedar.autodetectSchemaFile, cedar.validationMode, cedar.format.lineWidth,
  -- cedar.inlayHints.*). Accepted nested ({ cedar = { schemaFile = … } }),
  -- with dotted keys ({ ['cedar.schemaFile'] = … }) or without the `cedar`
  -- prefix ({ schemaFile = … }).
  settings = {},
  -- Format Cedar files through the server before each write.
  format_on_save = true,
  -- Milliseconds a format-on-save may take before the write goes on unformatted.
  format_timeout_ms = 2000,
  -- Called as on_attach(client, bufnr) for every buffer the client attaches to.
  on_attach = nil,
  -- Client capabilities; nil means Neovim's defaults.
  capabilities = nil,
  -- Show the server's code lenses (test results, decisions, coverage).
  codelens = true,
  -- Highlight group of inline results (:CedarAuthorize, :CedarExplain).
  inline_hl = 'Comment',
}

M.options = vim.deepcopy(M.defaults)

-- Sets the value at a dotted path inside a nested table.
local function set_path(tbl, path, value)
  local node = tbl
  local parts = vim.split(path, '.', { plain = true })
  for i = 1, #parts - 1 do
    local part = parts[i]
    if type(node[part]) ~= 'table' then
      node[part] = {}
    end
    node = node[part]
  end
  local last = parts[#parts]
  if type(value) == 'table' and not (vim.islist or vim.tbl_islist)(value) and type(node[last]) == 'table' then
    node[last] = vim.tbl_deep_extend('force', node[last], value)
  else
    node[last] = value
  end
end

-- normalize_settings turns the accepted spellings into the nested form that
-- `workspace/configuration` lookups (section "cedar") and the server expect:
-- { cedar = { schemaFile = …, format = { lineWidth = … } } }.
function M.normalize_settings(settings)
  -- An empty section must travel as a JSON object ({}), not as [].
  local out = { cedar = vim.empty_dict() }
  for key, value in pairs(settings or {}) do
    if type(key) ~= 'string' then
      error('cedar: settings keys must be strings, got ' .. vim.inspect(key))
    end
    if key == 'cedar' and type(value) == 'table' then
      for k, v in pairs(value) do
        set_path(out.cedar, k, v)
      end
    elseif key:sub(1, 6) == 'cedar.' then
      set_path(out.cedar, key:sub(7), value)
    else
      set_path(out.cedar, key, value)
    end
  end
  return out
end

local validators = {
  cmd = 'table',
  settings = 'table',
  format_on_save = 'boolean',
  format_timeout_ms = 'number',
  codelens = 'boolean',
  on_attach = 'function',
  capabilities = 'table',
  inline_hl = 'string',
}

-- apply merges user options over the defaults, rejecting unknown keys and
-- wrong types with a message that names the option.
function M.apply(opts)
  opts = opts or {}
  for key, value in pairs(opts) do
    local want = validators[key]
    if not want then
      error(string.format('cedar.setup: unknown option %q', tostring(key)), 3)
    end
    if type(value) ~= want then
      error(string.format('cedar.setup: option %q must be a %s, got %s', key, want, type(value)), 3)
    end
  end
  if opts.cmd and #opts.cmd == 0 then
    error('cedar.setup: option "cmd" must not be empty', 3)
  end
  local merged = vim.deepcopy(M.defaults)
  for key, value in pairs(opts) do
    merged[key] = value
  end
  merged.settings = M.normalize_settings(opts.settings)
  M.options = merged
  return merged
end

return M
