-- The :Cedar* commands. Each works on the current buffer through its Cedar
-- client; the server side is documented in docs/ (workspace/executeCommand
-- cedar.runTests/authorize/explain/evaluate/associateSchema, the custom
-- request cedar/runTests and the cedar/showAuthorizeResult notification).
local client_mod = require('cedar.client')
local compat = require('cedar.compat')
local config = require('cedar.config')
local inline = require('cedar.inline')
local kinds = require('cedar.kinds')
local root = require('cedar.root')

local M = {}

local levels = vim.log.levels

local function notify(msg, level)
  vim.notify('cedar: ' .. msg, level or levels.INFO)
end

-- current returns the current buffer and its Cedar client, or reports why
-- there is none.
local function current()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = client_mod.client_of(bufnr)
  if not client then
    if not kinds.of_buffer(bufnr) then
      notify('this buffer is not a Cedar file (see :help cedar-files)', levels.WARN)
    else
      notify('no cedar-ls client is attached to this buffer (see :CedarInfo)', levels.WARN)
    end
    return nil
  end
  return bufnr, client
end

local function offers_command(client, command)
  local provider = (client.server_capabilities or {}).executeCommandProvider
  if type(provider) ~= 'table' or type(provider.commands) ~= 'table' then
    return false
  end
  return vim.tbl_contains(provider.commands, command)
end

-- execute runs a server command; on_result gets the command's result.
function M.execute(client, bufnr, command, arguments, on_result)
  if not offers_command(client, command) then
    notify(string.format('this cedar-ls does not offer the command %s; update it', command), levels.WARN)
    return false
  end
  compat.request(client, 'workspace/executeCommand', { command = command, arguments = arguments }, function(err, result)
    if err then
      notify(string.format('%s failed: %s', command, err.message or vim.inspect(err)), levels.ERROR)
      return
    end
    if on_result then
      on_result(result)
    end
  end, bufnr)
  return true
end

local function cursor_args(bufnr)
  local cursor = vim.api.nvim_win_get_cursor(0)
  return {
    uri = vim.uri_from_bufnr(bufnr),
    line = cursor[1] - 1,
    position = { line = cursor[1] - 1, character = cursor[2] },
  }
end

-- A result returned by the command itself (rather than notified) is drawn
-- the same way, so a server may do either.
local function draw_result(result)
  if type(result) == 'table' and type(result.uri) == 'string' and type(result.text) == 'string' then
    inline.show(result.uri, result.line, result.text, result.detail)
  end
end

function M.authorize()
  local bufnr, client = current()
  if not bufnr then
    return
  end
  M.execute(client, bufnr, 'cedar.authorize', { cursor_args(bufnr) }, draw_result)
end

function M.explain()
  local bufnr, client = current()
  if not bufnr then
    return
  end
  M.execute(client, bufnr, 'cedar.explain', { cursor_args(bufnr) }, draw_result)
end

-- selection returns the text and LSP range of the last visual selection when
-- the command's range is that selection, else of the whole lines.
local function selection(bufnr, line1, line2)
  local start = vim.fn.getpos("'<")
  local finish = vim.fn.getpos("'>")
  local lines = vim.api.nvim_buf_get_lines(bufnr, line1 - 1, line2, false)
  local first_col, last_col = 0, #(lines[#lines] or '')
  if start[2] == line1 and finish[2] == line2 and vim.fn.visualmode() == 'v' then
    first_col = start[3] - 1
    last_col = math.min(finish[3], #(lines[#lines] or ''))
    if #lines == 1 then
      lines[1] = lines[1]:sub(first_col + 1, last_col)
    else
      lines[1] = lines[1]:sub(first_col + 1)
      lines[#lines] = lines[#lines]:sub(1, last_col)
    end
  end
  local range = {
    start = { line = line1 - 1, character = first_col },
    ['end'] = { line = line2 - 1, character = last_col },
  }
  return table.concat(lines, '\n'), range
end

function M.evaluate(line1, line2)
  local bufnr, client = current()
  if not bufnr then
    return
  end
  local text, range = selection(bufnr, line1, line2)
  local args = { uri = vim.uri_from_bufnr(bufnr), range = range, expression = text }
  M.execute(client, bufnr, 'cedar.evaluate', { args }, function(result)
    -- The value arrives as a notification ({uri, line, text}), in the result
    -- in that shape, or as {value}/{error}/a string.
    if result == nil or result == vim.NIL then
      return
    end
    if type(result) == 'table' and type(result.uri) == 'string' and result.text then
      draw_result(result)
      notify(result.text)
      return
    end
    local text
    if type(result) == 'string' then
      text = '= ' .. result
    elseif type(result) == 'table' and result.text then
      text = tostring(result.text)
    elseif type(result) == 'table' and result.value ~= nil then
      text = '= ' .. (type(result.value) == 'string' and result.value or vim.inspect(result.value))
    elseif type(result) == 'table' and result.error then
      text = 'error: ' .. tostring(type(result.error) == 'table' and result.error.message or result.error)
    else
      text = vim.inspect(result, { newline = ' ', indent = '' })
    end
    inline.show(args.uri, line2 - 1, text)
    notify(text)
  end)
end

-- Quickfix items of the failing tests of a cedar/runTests result.
-- failure says why a test failed: the server's message, else expected and
-- actual decisions, reasons and errors.
local function failure(t)
  if type(t.message) == 'string' and t.message ~= '' then
    return t.message
  end
  local parts = {}
  if t.expected ~= nil or t.actual ~= nil then
    table.insert(parts, string.format('expected %s, got %s', tostring(t.expected or '?'), tostring(t.actual or '?')))
  end
  if type(t.reasons) == 'table' and #t.reasons > 0 then
    table.insert(parts, 'reasons: ' .. table.concat(vim.tbl_map(tostring, t.reasons), ', '))
  end
  for _, e in ipairs(type(t.errors) == 'table' and t.errors or {}) do
    if type(e) == 'string' then
      table.insert(parts, e)
    elseif type(e) == 'table' and e.message then
      local id = e.policyId or e.policy
      table.insert(parts, (id and (tostring(id) .. ': ') or '') .. tostring(e.message))
    end
  end
  if #parts == 0 then
    return 'failed'
  end
  return table.concat(parts, '; ')
end

-- Quickfix items of the failing tests of a cedar/runTests result (a list, or
-- an object holding it under "tests" or "results").
function M.test_items(result, default_uri)
  local tests = result
  if type(result) == 'table' and (result.tests or result.results) then
    tests = result.tests or result.results
  end
  local items, passed, failed = {}, 0, 0
  for _, t in ipairs(type(tests) == 'table' and tests or {}) do
    if t.passed then
      passed = passed + 1
    else
      failed = failed + 1
      local uri = t.uri or default_uri
      local range = type(t.range) == 'table' and t.range or { start = { line = 0, character = 0 } }
      table.insert(items, {
        filename = uri and vim.uri_to_fname(uri) or '',
        lnum = range.start.line + 1,
        col = range.start.character + 1,
        text = string.format('%s: %s', tostring(t.name), failure(t)),
        type = 'E',
      })
    end
  end
  return items, passed, failed
end

function M.run_tests()
  local bufnr, client = current()
  if not bufnr then
    return
  end
  local params = {}
  local uri = nil
  if kinds.of_buffer(bufnr) == 'tests' then
    uri = vim.uri_from_bufnr(bufnr)
    params.uri = uri
  end
  compat.request(client, 'cedar/runTests', params, function(err, result)
    if err then
      notify('running the tests failed: ' .. (err.message or vim.inspect(err)), levels.ERROR)
      return
    end
    local items, passed, failed = M.test_items(result, uri)
    local title = string.format('Cedar tests: %d passed, %d failed', passed, failed)
    vim.fn.setqflist({}, ' ', { title = title, items = items })
    if failed > 0 then
      vim.cmd('botright copen')
    end
    notify(title)
  end, bufnr)
end

-- Schema association ---------------------------------------------------------

-- associations[document uri] = schema path chosen with :CedarSchema.
M.associations = {}

-- schema_candidates lists the schema files under the buffer's root.
function M.schema_candidates(root_dir)
  local found = {}
  for _, pattern in ipairs({ '**/*.cedarschema', '**/cedarschema', '**/*.cedarschema.json', '**/cedarschema.json' }) do
    for _, path in ipairs(vim.fn.globpath(root_dir, pattern, false, true)) do
      found[vim.fn.fnamemodify(path, ':p')] = true
    end
  end
  local list = vim.tbl_keys(found)
  table.sort(list)
  return list
end

-- nearest_schema_folder mirrors the server's last rule (the nearest folder at
-- or above the file holding schema files), to show what automatic means.
local function nearest_schema_folder(path)
  local dir = kinds.dirname(vim.fn.fnamemodify(path, ':p'))
  while true do
    if kinds.has_schema_file(dir) then
      return dir
    end
    local parent = kinds.dirname(dir)
    if parent == dir then
      return nil
    end
    dir = parent
  end
end

function M.schema_description(bufnr)
  local uri = vim.uri_from_bufnr(bufnr)
  local chosen = M.associations[uri]
  if chosen then
    return 'chosen with :CedarSchema: ' .. chosen
  end
  local settings = config.options.settings.cedar or {}
  if settings.schemaFile then
    return 'from the setting cedar.schemaFile: ' .. vim.inspect(settings.schemaFile)
  end
  local folder = nearest_schema_folder(vim.api.nvim_buf_get_name(bufnr))
  if folder then
    return 'automatic (.cedar-ls.json, else the schema files of ' .. folder .. ')'
  end
  return 'automatic (no schema file found at or above this file)'
end

function M.associate(bufnr, client, schema_path)
  local uri = vim.uri_from_bufnr(bufnr)
  if schema_path == '-' then
    return M.execute(client, bufnr, 'cedar.removeSchemaAssociation', { { document_uri = uri } }, function()
      M.associations[uri] = nil
      notify('schema association removed; ' .. M.schema_description(bufnr))
    end)
  end
  local abs = vim.fn.fnamemodify(vim.fn.expand(schema_path), ':p')
  if vim.fn.filereadable(abs) ~= 1 then
    notify('no such schema file: ' .. schema_path, levels.ERROR)
    return false
  end
  local args = { document_uri = uri, schema_uri = vim.uri_from_fname(abs) }
  return M.execute(client, bufnr, 'cedar.associateSchema', { args }, function()
    M.associations[uri] = abs
    notify('schema: ' .. abs)
  end)
end

-- schema implements :CedarSchema [file|-]: with a file, associate it; with
-- `-`, go back to automatic; without, show the schema and offer the schema
-- files of the workspace to choose from.
function M.schema(arg)
  local bufnr, client = current()
  if not bufnr then
    return
  end
  if arg and arg ~= '' then
    return M.associate(bufnr, client, arg)
  end
  local candidates = M.schema_candidates(client.config.root_dir or client_mod.root_of(bufnr))
  local choices = vim.deepcopy(candidates)
  table.insert(choices, 'automatic')
  vim.ui.select(choices, { prompt = 'Schema (now ' .. M.schema_description(bufnr) .. '):' }, function(choice)
    if not choice then
      return
    end
    if choice == 'automatic' then
      M.associate(bufnr, client, '-')
    else
      M.associate(bufnr, client, choice)
    end
  end)
end

-- Info and restart ------------------------------------------------------------

function M.info_lines()
  local bufnr = vim.api.nvim_get_current_buf()
  local opts = config.options
  local v = vim.version()
  local lines = {
    string.format('cedar.nvim on Neovim %d.%d.%d', v.major, v.minor, v.patch),
    string.format('command: %s (%s)', table.concat(opts.cmd, ' '),
      vim.fn.executable(opts.cmd[1]) == 1 and vim.fn.exepath(opts.cmd[1]) or 'NOT FOUND on $PATH'),
    'format on save: ' .. tostring(opts.format_on_save),
    'settings: ' .. vim.inspect(opts.settings, { newline = ' ', indent = '' }),
  }
  local path = vim.api.nvim_buf_get_name(bufnr)
  local kind = kinds.of_buffer(bufnr)
  table.insert(lines, string.format('buffer %d: %s, filetype %q, kind %s', bufnr, path == '' and '[No Name]' or path,
    vim.bo[bufnr].filetype, kind or 'none (not a Cedar file)'))
  if kind and path ~= '' then
    local dir, marker = root.find(path)
    table.insert(lines, string.format('root: %s (%s)', dir, marker and ('marker ' .. marker) or 'no marker: the file\'s folder'))
    table.insert(lines, 'schema: ' .. M.schema_description(bufnr))
  end
  local clients = compat.clients({ name = client_mod.name })
  if #clients == 0 then
    table.insert(lines, 'clients: none running')
  end
  for _, c in ipairs(clients) do
    local attached = compat.buffers_of(c)
    local state = compat.is_stopped(c) and 'stopped' or (c.initialized and 'running' or 'starting')
    table.insert(lines, string.format('client %d (%s): root %s, %d buffer(s)%s', c.id, state,
      tostring(c.config.root_dir), #attached, vim.tbl_contains(attached, bufnr) and ', attached here' or ''))
  end
  return lines
end

function M.info()
  local lines = M.info_lines()
  vim.api.nvim_echo({ { table.concat(lines, '\n') } }, true, {})
  return lines
end

function M.restart()
  local n = client_mod.restart()
  notify(string.format('restarting %d client(s)', n))
end

-- clear removes the inline results of the buffer and, when the server can,
-- the hints of an explanation (cedar.dismissExplanation).
function M.clear()
  local bufnr = vim.api.nvim_get_current_buf()
  inline.clear(bufnr)
  local client = client_mod.client_of(bufnr)
  if client and offers_command(client, 'cedar.dismissExplanation') then
    M.execute(client, bufnr, 'cedar.dismissExplanation', {})
  end
end

return M
