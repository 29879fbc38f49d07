-- Vim syntax highlighting (no tree-sitter): the syntax group under chosen
-- tokens of a policy and a schema.
local T = require('cedar_test')

local function group_at(bufnr, line_text, needle, nth)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i, line in ipairs(lines) do
    if line == line_text then
      -- A word is found as a whole word (`in` not inside `principal`).
      local pattern = vim.pesc(needle)
      if needle:match('^[%w_]+$') then
        pattern = '%f[%w_]' .. pattern .. '%f[^%w_]'
      end
      local col = 0
      for _ = 1, nth or 1 do
        col = assert(line:find(pattern, col + 1), 'needle ' .. needle .. ' not in ' .. line)
      end
      return vim.fn.synIDattr(vim.fn.synID(i, col, 1), 'name')
    end
  end
  error('line not in buffer: ' .. line_text)
end

T.test('policy tokens', function()
  local path = vim.fn.tempname() .. '.cedar'
  local text = {
    '// owner may @do things TODO',
    '@id("owner")',
    'permit (principal == PhotoApp::User::"alice", action in [Action::"view"], resource is List)',
    'when { resource.owner == principal && context.ip.isInRange(ip("10.0.0.0/8")) }',
    'unless { resource has tags && !(resource.name like "*\\n") || 12 > -3 };',
    'forbid (principal == ?principal, action, resource in ?resource) when { if true then false else decimal("1.0").lessThan(decimal("2.0")) };',
  }
  T.write_file(path, table.concat(text, '\n') .. '\n')
  local b = T.open(path)
  local expect = {
    { text[1], 'owner', 1, 'cedarComment' },
    { text[1], 'TODO', 1, 'cedarTodo' },
    { text[2], '@id', 1, 'cedarAnnotation' },
    { text[2], '"owner"', 1, 'cedarString' },
    { text[3], 'permit', 1, 'cedarEffect' },
    { text[3], 'principal', 1, 'cedarVariable' },
    { text[3], 'PhotoApp', 1, 'cedarNamespace' },
    { text[3], 'User', 1, 'cedarNamespace' },
    { text[3], '::', 1, 'cedarPathSep' },
    { text[3], '"alice"', 1, 'cedarString' },
    { text[3], 'in', 1, 'cedarOperatorWord' },
    { text[3], 'is', 1, 'cedarOperatorWord' },
    { text[4], 'when', 1, 'cedarCondition' },
    { text[4], 'owner', 1, 'cedarAttribute' },
    { text[4], '==', 1, 'cedarOperator' },
    { text[4], '&&', 1, 'cedarOperator' },
    { text[4], 'context', 1, 'cedarVariable' },
    { text[4], 'isInRange', 1, 'cedarMethod' },
    { text[4], 'ip', 1, 'cedarAttribute' },
    { text[4], 'ip', 2, 'cedarFunction' },
    { text[5], 'unless', 1, 'cedarCondition' },
    { text[5], 'has', 1, 'cedarOperatorWord' },
    { text[5], 'like', 1, 'cedarOperatorWord' },
    { text[5], '\\n', 1, 'cedarEscape' },
    { text[5], '12', 1, 'cedarNumber' },
    { text[6], 'forbid', 1, 'cedarEffect' },
    { text[6], '?principal', 1, 'cedarSlot' },
    { text[6], '?resource', 1, 'cedarSlot' },
    { text[6], 'if', 1, 'cedarConditional' },
    { text[6], 'true', 1, 'cedarBoolean' },
    { text[6], 'decimal', 1, 'cedarFunction' },
    { text[6], 'lessThan', 1, 'cedarMethod' },
  }
  for _, e in ipairs(expect) do
    T.eq(e[4], group_at(b, e[1], e[2], e[3]), string.format('group of %q in %q', e[2], e[1]))
  end
end)

T.test('schema tokens', function()
  local path = vim.fn.tempname() .. '.cedarschema'
  local text = {
    '// The schema TODO',
    'namespace PhotoApp {',
    '  @doc("a user")',
    '  entity User in [Team] { name: String, age?: Long, tags: Set<String> } tags String;',
    '  type Ctx = { ip: ipaddr, when: __cedar::datetime };',
    '  action view appliesTo { principal: [User], resource: [Photo], context: Ctx };',
    '}',
  }
  T.write_file(path, table.concat(text, '\n') .. '\n')
  local b = T.open(path)
  local expect = {
    { text[1], 'TODO', 1, 'cedarschemaTodo' },
    { text[1], 'schema', 1, 'cedarschemaComment' },
    { text[2], 'namespace', 1, 'cedarschemaDeclaration' },
    { text[3], '@doc', 1, 'cedarschemaAnnotation' },
    { text[3], '"a user"', 1, 'cedarschemaString' },
    { text[4], 'entity', 1, 'cedarschemaDeclaration' },
    { text[4], 'User', 1, 'cedarschemaDeclared' },
    { text[4], 'in', 1, 'cedarschemaKeyword' },
    { text[4], 'String', 1, 'cedarschemaBuiltinType' },
    { text[4], '?', 1, 'cedarschemaOptional' },
    { text[4], 'Set', 1, 'cedarschemaBuiltinType' },
    { text[4], 'tags', 2, 'cedarschemaKeyword' },
    { text[5], 'type', 1, 'cedarschemaDeclaration' },
    { text[5], 'Ctx', 1, 'cedarschemaDeclared' },
    { text[5], 'ipaddr', 1, 'cedarschemaBuiltinType' },
    { text[5], '__cedar', 1, 'cedarschemaBuiltinType' },
    { text[6], 'action', 1, 'cedarschemaDeclaration' },
    { text[6], 'appliesTo', 1, 'cedarschemaKeyword' },
    { text[6], 'principal', 1, 'cedarschemaAppliesTo' },
  }
  for _, e in ipairs(expect) do
    T.eq(e[4], group_at(b, e[1], e[2], e[3]), string.format('group of %q in %q', e[2], e[1]))
  end
end)
