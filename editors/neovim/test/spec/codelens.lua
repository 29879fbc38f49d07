-- Code lenses: each test of a tests file shows its result, and the lenses
-- follow an edit of the policies (the server's workspace/codeLens/refresh,
-- which the plugin answers).
local T = require('cedar_test')

require('cedar').setup({})

local ws = T.workspace('tinytodo')

local function titles(bufnr)
  local out = {}
  for _, lens in ipairs(vim.lsp.codelens.get(bufnr)) do
    if lens.command and lens.command.title then
      table.insert(out, lens.command.title)
    end
  end
  return out
end

local function joined(bufnr)
  return table.concat(titles(bufnr), '\n')
end

T.test('a tests file shows a lens per test and a summary', function()
  local b = T.open(ws .. '/tinytodo.cedartests.json')
  T.client(b)
  T.wait_for('the lenses of the tests file', T.long, function()
    return #titles(b) >= 4
  end)
  local text = joined(b)
  T.ok(text:find('2 passed, 1 failed', 1, true), 'summary lens: ' .. text)
  T.ok(text:find('passed', 1, true) and text:find('failed', 1, true), 'per-test lenses: ' .. text)
end)

T.test('the lenses follow an edit of the policies', function()
  local tests = T.open(ws .. '/tinytodo.cedartests.json')
  T.wait_for('the first lenses', T.long, function()
    return joined(tests):find('2 passed, 1 failed', 1, true)
  end)
  -- Without the owner policy the owner's test fails too.
  local p = T.open(ws .. '/policies.cedar')
  local lines = vim.api.nvim_buf_get_lines(p, 0, -1, false)
  for i, line in ipairs(lines) do
    if line == '@id("owner")' then
      vim.api.nvim_buf_set_lines(p, i - 1, i + 2, false, {})
      break
    end
  end
  -- The tests buffer stays hidden: only the server's refresh request can
  -- bring its new lenses.
  T.wait_for('the summary lens to say 1 passed, 2 failed', T.long, function()
    return joined(tests):find('1 passed, 2 failed', 1, true)
  end)
end)
