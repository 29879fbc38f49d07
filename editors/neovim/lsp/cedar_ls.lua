-- cedar-ls for Neovim 0.11+: with this file on the runtimepath,
--   vim.lsp.enable('cedar_ls')
-- starts the server for Cedar policies and schemas and for the JSON files of
-- the Cedar ecosystem (recognised by name). Self-contained (only vim.*), so it
-- also serves as the nvim-lspconfig entry. The file kinds mirror
-- lua/cedar/kinds.lua; the plugin's tests check that both agree.
--
-- Settings are the server's, named as in VS Code:
--   vim.lsp.config('cedar_ls', { settings = { cedar = { schemaFile = 'schema.cedarschema' } } })

-- JSON files the server handles, by name (their filetype stays `json`).
local json_names = { ['cedarschema.json'] = true, ['cedarentities.json'] = true }
local json_suffixes = {
  '.cedarschema.json',
  '.cedarentities.json',
  '.avpentities.json',
  '.cedartemplatelinks.json',
  '.cedarlinks.json',
  '.cedarauth.json',
  '.cedarparc.json',
  '.cedartests.json',
  '.cedar.json',
}

local function is_schema_name(name)
  return name == 'cedarschema'
    or name == 'cedarschema.json'
    or (#name > 12 and name:sub(-12) == '.cedarschema')
    or (#name > 17 and name:sub(-17) == '.cedarschema.json')
end

local function is_cedar_json(path)
  local name = vim.fs.basename(path)
  if json_names[name] then
    return true
  end
  for _, suffix in ipairs(json_suffixes) do
    if #name > #suffix and name:sub(-#suffix) == suffix then
      return true
    end
  end
  -- `entities.json` beside a schema is the name `cedar new` writes.
  if name == 'entities.json' then
    for entry in vim.fs.dir(vim.fs.dirname(path)) do
      if is_schema_name(entry) then
        return true
      end
    end
  end
  return false
end

-- Root markers in priority order: a project file, a folder with a schema,
-- the repository.
local root_markers = {
  '.cedar-ls.json',
  function(name)
    return #name > 12 and name:sub(-12) == '.cedarschema'
  end,
  '.git',
}

---@type vim.lsp.Config
return {
  cmd = { 'cedar-ls', 'lsp' },
  filetypes = { 'cedar', 'cedarschema', 'json', 'jsonc' },
  root_dir = function(bufnr, on_dir)
    local path = vim.api.nvim_buf_get_name(bufnr)
    local ft = vim.bo[bufnr].filetype
    if ft ~= 'cedar' and ft ~= 'cedarschema' and not (path ~= '' and is_cedar_json(path)) then
      return -- a JSON file of another kind: no Cedar server for it
    end
    local root
    for _, marker in ipairs(root_markers) do
      root = vim.fs.root(bufnr, marker)
      if root then
        break
      end
    end
    if not root and path ~= '' then
      root = vim.fs.dirname(vim.fs.normalize(vim.fn.fnamemodify(path, ':p')))
    end
    on_dir(root or vim.fn.getcwd())
  end,
  -- The server asks for fresh code lenses (test results, decisions) when
  -- tests, policies or the schema change.
  capabilities = { workspace = { codeLens = { refreshSupport = true } } },
  handlers = {
    ['workspace/codeLens/refresh'] = function(_, _, ctx)
      local client = vim.lsp.get_client_by_id(ctx.client_id)
      for bufnr in pairs(client and client.attached_buffers or {}) do
        vim.lsp.codelens.refresh({ bufnr = bufnr })
      end
      return vim.NIL
    end,
  },
}
