-- :CedarRunTests fills the quickfix list with the failing test of a tests
-- file (two pass, one fails on purpose) and says how many passed.
local T = require('cedar_test')

require('cedar').setup({})

local ws = T.workspace('tinytodo')

-- Lines (1-based) of the n-th top-level object of a JSON array file.
local function object_lines(bufnr, n)
  local depth, seen, first = 0, 0, nil
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    for ch in line:gmatch('[{}]') do
      if ch == '{' then
        depth = depth + 1
        if depth == 1 then
          seen = seen + 1
          if seen == n then
            first = i
          end
        end
      else
        depth = depth - 1
        if depth == 0 and seen == n then
          return first, i
        end
      end
    end
  end
  error('no object ' .. n)
end

T.test(':CedarRunTests lists the failing test in the quickfix list', function()
  local b = T.open(ws .. '/tinytodo.cedartests.json')
  T.client(b)
  vim.fn.setqflist({}, 'r', { title = 'before', items = {} })
  vim.cmd('CedarRunTests')
  local info = T.wait_for('the quickfix list of :CedarRunTests', T.long, function()
    local q = vim.fn.getqflist({ title = 1, items = 1 })
    if q.title ~= 'before' then
      return q
    end
  end)
  T.eq('Cedar tests: 2 passed, 1 failed', info.title, 'quickfix title')
  T.eq(1, #info.items, 'one failing test')
  local item = info.items[1]
  T.eq(b, item.bufnr, 'the item is in the tests file')
  T.ok(item.text:find('a reader may not get the list (fails on purpose)', 1, true), 'item names the test: ' .. item.text)
  T.ok(item.text:find('deny', 1, true) and item.text:find('allow', 1, true), 'item says expected and actual: ' .. item.text)
  local first, last = object_lines(b, 3)
  T.ok(item.lnum >= first and item.lnum <= last,
    string.format('item line %d inside the failing test (lines %d-%d)', item.lnum, first, last))
  T.eq('E', item.type, 'item type')
end)
