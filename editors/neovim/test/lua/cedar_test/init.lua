-- A small test harness for headless Neovim: each spec file (test/spec/*.lua)
-- runs in a fresh `nvim --headless` and registers cases with T.test(); the
-- runner runs them in order, fails on any error or on error messages left in
-- :messages, prints one line per case and exits non-zero on a failure.
local T = {}

local cases = {}
local notifications = {}

-- Result lines go to stdout and, when the runner asks, to a file of their
-- own (stdout also carries Neovim's messages, which need not end in a
-- newline).
local results_file = os.getenv('CEDAR_TEST_RESULTS')

local function out(s)
  io.stdout:write('\n' .. s .. '\n')
  io.stdout:flush()
  if results_file then
    local f = assert(io.open(results_file, 'a'))
    f:write(s .. '\n')
    f:close()
  end
end

-- Errors and warnings sent through vim.notify are recorded (and fail the
-- case); the rest passes through.
local real_notify = vim.notify
vim.notify = function(msg, level, opts)
  table.insert(notifications, { msg = msg, level = level or vim.log.levels.INFO })
  return real_notify(msg, level, opts)
end

function T.test(name, fn)
  table.insert(cases, { name = name, fn = fn })
end

-- skip marks a case as skipped, with the reason printed.
function T.skip(reason)
  error({ skip = reason }, 0)
end

local function fmt(v)
  return vim.inspect(v)
end

function T.fail(msg)
  error(msg, 2)
end

function T.eq(expected, actual, what)
  if not vim.deep_equal(expected, actual) then
    error(string.format('%s:\n  expected %s\n  got      %s', what or 'values differ', fmt(expected), fmt(actual)), 2)
  end
end

function T.ok(cond, what)
  if not cond then
    error(what or 'expected a true value', 2)
  end
  return cond
end

function T.contains(list, value, what)
  for _, v in ipairs(list) do
    if vim.deep_equal(v, value) then
      return
    end
  end
  error(string.format('%s: %s not in %s', what or 'missing value', fmt(value), fmt(list)), 2)
end

-- T.long is how long a test waits for the server (ms): generous, since a
-- wait ends as soon as its condition holds and a loaded machine is slow.
T.long = tonumber(os.getenv('CEDAR_TEST_WAIT_MS') or '') or 30000

-- Format on save waits as long (a user's default is 2 s).
do
  local config = require('cedar.config')
  config.defaults.format_timeout_ms = T.long
  config.options.format_timeout_ms = T.long
end

-- wait_for polls cond (returning a truthy value when done) until timeout and
-- fails with a message naming what was awaited.
function T.wait_for(what, timeout_ms, cond)
  local result
  local ok = vim.wait(timeout_ms, function()
    result = cond()
    return result and true or false
  end, 20)
  if not ok then
    error(string.format('timed out after %d ms waiting for %s', timeout_ms, what), 2)
  end
  return result
end

-- Paths -------------------------------------------------------------------

T.test_dir = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h:h')
T.plugin_dir = vim.fn.fnamemodify(T.test_dir, ':h')
T.fixtures = T.test_dir .. '/fixtures'

local function copy_tree(src, dst)
  vim.fn.mkdir(dst, 'p')
  local handle = vim.loop.fs_scandir(src)
  while handle do
    local name, typ = vim.loop.fs_scandir_next(handle)
    if not name then
      break
    end
    local from, to = src .. '/' .. name, dst .. '/' .. name
    if typ == 'directory' then
      copy_tree(from, to)
    else
      assert(vim.loop.fs_copyfile(from, to))
    end
  end
end

-- workspace copies a fixture workspace into a fresh temporary folder (tests
-- write files) and returns its path.
function T.workspace(name)
  local dst = vim.fn.tempname() .. '-' .. name
  copy_tree(T.fixtures .. '/' .. name, dst)
  return vim.loop.fs_realpath(dst)
end

function T.read_file(path)
  local f = assert(io.open(path, 'rb'))
  local s = f:read('*a')
  f:close()
  return s
end

function T.write_file(path, text)
  vim.fn.mkdir(vim.fn.fnamemodify(path, ':h'), 'p')
  local f = assert(io.open(path, 'wb'))
  f:write(text)
  f:close()
end

-- system runs a command and returns its stdout; fails on a non-zero exit
-- unless allowed.
function T.system(cmd, allowed_codes)
  local output = vim.fn.system(cmd)
  local code = vim.v.shell_error
  allowed_codes = allowed_codes or { 0 }
  if not vim.tbl_contains(allowed_codes, code) then
    error(string.format('%s exited %d:\n%s', table.concat(cmd, ' '), code, output), 2)
  end
  return output, code
end

-- LSP helpers ---------------------------------------------------------------

function T.compat()
  return require('cedar.compat')
end

-- open edits a file and returns its buffer.
function T.open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

-- client waits until the Cedar client of a buffer is initialized.
function T.client(bufnr, timeout_ms)
  return T.wait_for('the cedar_ls client to attach and initialize', timeout_ms or T.long, function()
    local c = require('cedar').client(bufnr)
    if c and c.initialized then
      return c
    end
  end)
end

-- request sends a request to the buffer's Cedar client and waits for its
-- result (failing on an error response).
function T.request(bufnr, method, params, timeout_ms)
  local c = T.client(bufnr)
  local resp, err = T.compat().request_sync(c, method, params, timeout_ms or T.long, bufnr)
  if not resp then
    error(string.format('%s: no response (%s)', method, tostring(err)), 2)
  end
  if resp.err then
    error(string.format('%s: error response %s', method, vim.inspect(resp.err)), 2)
  end
  return resp.result
end

-- position returns the 0-based LSP position of the first occurrence of
-- needle in a buffer (plus offset characters), for requests at a marker.
function T.position(bufnr, needle, offset)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      return { line = i - 1, character = col - 1 + (offset or 0) }
    end
  end
  error('marker not found in buffer: ' .. needle, 2)
end

-- Count of textDocument/publishDiagnostics per URI, so a test can wait
-- until the server has spoken about a file, even to say "no diagnostics".
local published = {}
local publish = 'textDocument/publishDiagnostics'
local real_publish = vim.lsp.handlers[publish]
vim.lsp.handlers[publish] = function(err, result, ctx, config)
  if result and result.uri then
    published[result.uri] = (published[result.uri] or 0) + 1
  end
  return real_publish(err, result, ctx, config)
end

-- settled_diagnostics waits for the server's first publication for a
-- buffer and returns the diagnostics then.
function T.settled_diagnostics(bufnr)
  T.client(bufnr)
  local uri = vim.uri_from_bufnr(bufnr)
  T.wait_for('diagnostics published for ' .. uri, T.long, function()
    return (published[uri] or 0) > 0
  end)
  return T.diagnostics(bufnr)
end

function T.diagnostics(bufnr)
  local c = T.client(bufnr)
  return T.compat().diagnostics(bufnr, c.id)
end

-- Messages ------------------------------------------------------------------

-- error_messages returns the lines of :messages that are errors: E123:
-- messages, Lua errors, "Error" lines.
function T.error_messages()
  local lines = vim.split(vim.fn.execute('messages'), '\n', { plain = true })
  local bad = {}
  for _, line in ipairs(lines) do
    if line:match('^E%d+:') or line:match('[Ee]rror') or line:match('stack traceback') then
      table.insert(bad, line)
    end
  end
  for _, n in ipairs(notifications) do
    if n.level >= vim.log.levels.WARN then
      table.insert(bad, 'vim.notify: ' .. tostring(n.msg))
    end
  end
  return bad
end

function T.clear_messages()
  vim.cmd('messages clear')
  notifications = {}
end

-- Runner --------------------------------------------------------------------

function T.run(spec)
  local label = vim.fn.fnamemodify(spec, ':t:r')
  local ok, err = pcall(dofile, spec)
  if not ok then
    out(string.format('FAIL %s: loading the spec: %s', label, tostring(err)))
    vim.cmd('cquit 1')
    return
  end
  local failed = 0
  -- Errors while Neovim and the plugin started (before any case ran).
  local startup = T.error_messages()
  if #startup > 0 then
    failed = failed + 1
    out(string.format('FAIL %s: error messages at startup:\n  %s', label, table.concat(startup, '\n  ')))
  end
  for _, case in ipairs(cases) do
    T.clear_messages()
    io.stdout:write('\nrunning ' .. case.name .. '\n')
    io.stdout:flush()
    local start = vim.loop.hrtime()
    local case_ok, case_err = xpcall(case.fn, function(e)
      if type(e) == 'table' then
        return e
      end
      return debug.traceback(tostring(e), 2)
    end)
    local ms = (vim.loop.hrtime() - start) / 1e6
    if case_ok then
      local bad = T.error_messages()
      if #bad > 0 then
        case_ok = false
        case_err = 'error messages after the case:\n  ' .. table.concat(bad, '\n  ')
      end
    end
    if case_ok then
      out(string.format('ok   %s: %s (%.0f ms)', label, case.name, ms))
    elseif type(case_err) == 'table' and case_err.skip then
      out(string.format('skip %s: %s (%s)', label, case.name, case_err.skip))
    else
      failed = failed + 1
      out(string.format('FAIL %s: %s (%.0f ms)\n  %s', label, case.name, ms, tostring(case_err):gsub('\n', '\n  ')))
    end
  end
  if #cases == 0 then
    out(string.format('FAIL %s: the spec registered no test case', label))
    failed = 1
  end
  -- Stop the servers and wait for them before leaving, so no process
  -- outlives the test and Neovim does not write into a closed pipe.
  for _, c in ipairs(T.compat().clients()) do
    T.compat().stop(c)
  end
  vim.wait(5000, function()
    return #T.compat().clients() == 0
  end, 20)
  for _, c in ipairs(T.compat().clients()) do
    T.compat().stop(c, true)
  end
  if failed > 0 then
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

return T
