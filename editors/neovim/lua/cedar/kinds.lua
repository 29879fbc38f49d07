-- File kinds of the Cedar ecosystem, decided by file name alone (the JSON
-- kinds all have the filetype `json`, so the name is all there is to go by).
-- The language server classifies files the same way; keep the two in step.
local M = {}

-- Suffix (or whole-name) patterns per kind, checked in order: longer suffixes
-- first so that `x.cedarschema.json` is a schema, not a `*.json` of any kind.
M.patterns = {
  { kind = 'schema', name = 'cedarschema' },
  { kind = 'schema', name = 'cedarschema.json' },
  { kind = 'schema', suffix = '.cedarschema' },
  { kind = 'schema', suffix = '.cedarschema.json' },
  { kind = 'entities', name = 'cedarentities.json' },
  { kind = 'entities', suffix = '.cedarentities.json' },
  { kind = 'entities', suffix = '.avpentities.json' },
  { kind = 'links', suffix = '.cedartemplatelinks.json' },
  { kind = 'links', suffix = '.cedarlinks.json' },
  { kind = 'request', suffix = '.cedarauth.json' },
  { kind = 'request', suffix = '.cedarparc.json' },
  { kind = 'tests', suffix = '.cedartests.json' },
  { kind = 'policies_json', suffix = '.cedar.json' },
  { kind = 'policies', suffix = '.cedar' },
}

local function basename(path)
  return (path:gsub('[/\\]+$', ''):match('[^/\\]*$'))
end

local function dirname(path)
  local dir = path:gsub('[/\\]+$', ''):match('^(.*)[/\\][^/\\]*$')
  if dir == '' then
    return '/'
  end
  return dir or '.'
end

-- has_schema_file tells whether a folder holds a schema file (the condition
-- under which a bare `entities.json` is an entities file: the name `cedar new`
-- writes beside the schema).
function M.has_schema_file(dir)
  local handle = vim.loop.fs_scandir(dir)
  if not handle then
    return false
  end
  while true do
    local name = vim.loop.fs_scandir_next(handle)
    if not name then
      return false
    end
    local kind = M.by_name(name)
    if kind == 'schema' then
      return true
    end
  end
end

-- by_name returns the kind of a file name without looking at the disk.
function M.by_name(name)
  for _, p in ipairs(M.patterns) do
    if p.name and name == p.name then
      return p.kind
    end
    if p.suffix and #name > #p.suffix and name:sub(-#p.suffix) == p.suffix then
      return p.kind
    end
  end
  return nil
end

-- of_path returns the kind of the file at path ('policies', 'policies_json',
-- 'schema', 'entities', 'links', 'request', 'tests'), or nil for a file the
-- server does not handle.
function M.of_path(path)
  if not path or path == '' then
    return nil
  end
  local name = basename(path)
  local kind = M.by_name(name)
  if kind then
    return kind
  end
  if name == 'entities.json' and M.has_schema_file(dirname(path)) then
    return 'entities'
  end
  return nil
end

-- The filetypes this plugin gives Cedar files; every other kind stays `json`.
M.filetypes = { 'cedar', 'cedarschema', 'json' }

-- of_buffer returns the kind of a buffer: by its filetype for the two Cedar
-- filetypes (so a scratch buffer with `:set ft=cedar` works too), by its name
-- for JSON.
function M.of_buffer(bufnr)
  local ft = vim.bo[bufnr].filetype
  local path = vim.api.nvim_buf_get_name(bufnr)
  if ft == 'cedar' then
    return 'policies'
  end
  if ft == 'cedarschema' then
    return 'schema'
  end
  if ft == 'json' or ft == 'jsonc' then
    local kind = M.of_path(path)
    if kind and kind ~= 'policies' then
      return kind
    end
  end
  return nil
end

M.basename = basename
M.dirname = dirname

return M
