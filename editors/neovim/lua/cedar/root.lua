-- Workspace root of a Cedar file: the nearest folder at or above it holding
-- the first marker found, markers tried in priority order (a project file
-- beats a schema folder, which beats the repository), as vim.fs.root does.
-- Written against vim.loop so that it works on Neovim 0.7, before vim.fs.
local kinds = require('cedar.kinds')

local M = {}

-- Each marker is a predicate on an entry name of a folder.
M.markers = {
  {
    label = '.cedar-ls.json',
    match = function(name)
      return name == '.cedar-ls.json'
    end,
  },
  {
    label = '*.cedarschema',
    match = function(name)
      return name:sub(-#'.cedarschema') == '.cedarschema' and #name > #'.cedarschema'
    end,
  },
  {
    label = '.git',
    match = function(name)
      return name == '.git'
    end,
  },
}

local function folder_has(dir, match)
  local handle = vim.loop.fs_scandir(dir)
  if not handle then
    return false
  end
  while true do
    local name = vim.loop.fs_scandir_next(handle)
    if not name then
      return false
    end
    if match(name) then
      return true
    end
  end
end

local function parents(start)
  local dirs = {}
  local dir = start
  while dir and dir ~= '' do
    table.insert(dirs, dir)
    local parent = kinds.dirname(dir)
    if parent == dir then
      break
    end
    dir = parent
  end
  return dirs
end

-- find returns the root folder for a file path and the marker that chose it;
-- with no marker anywhere above, the file's own folder (single-file mode).
function M.find(path)
  local abs = vim.fn.fnamemodify(path, ':p')
  local start = kinds.dirname(abs)
  local dirs = parents(start)
  for _, marker in ipairs(M.markers) do
    for _, dir in ipairs(dirs) do
      if folder_has(dir, marker.match) then
        return dir, marker.label
      end
    end
  end
  return start, nil
end

return M
