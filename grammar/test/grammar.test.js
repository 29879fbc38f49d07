'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { tokenizeLines, scopesAt } = require('./tokenize');
const { parseAssertions } = require('./assertions');
const { lex } = require('./lexer');

const repoRoot = path.join(__dirname, '..', '..');
const fixtureDir = path.join(__dirname, 'fixtures');
const scopeFor = { '.cedar': 'source.cedar', '.cedarschema': 'source.cedarschema' };

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}
const cedarFiles = (dir) => walk(dir).filter((f) => path.extname(f) in scopeFor).sort();

const fixtures = cedarFiles(fixtureDir);
const examples = cedarFiles(path.join(repoRoot, 'examples'));

test('fixtures and examples exist', () => {
  assert.ok(fixtures.length >= 2, `fixtures: ${fixtures}`);
  assert.ok(examples.some((f) => f.endsWith('.cedar')), 'examples/ has a .cedar file');
  assert.ok(examples.some((f) => f.endsWith('.cedarschema')), 'examples/ has a .cedarschema file');
});

for (const file of fixtures) {
  test(`scope assertions in ${path.relative(repoRoot, file)}`, async () => {
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split(/\r?\n/);
    const tokens = await tokenizeLines(scopeFor[path.extname(file)], text);
    const assertions = parseAssertions(text);
    assert.ok(assertions.length > 10, 'fixture has assertions');
    const failures = [];
    for (const a of assertions) {
      for (const col of a.cols) {
        const scopes = scopesAt(tokens[a.srcLine], col);
        const missing = a.want.filter((s) => !scopes.includes(s));
        const unwanted = a.notWant.filter((s) => scopes.includes(s));
        if (missing.length || unwanted.length) {
          failures.push(`${path.basename(file)}:${a.srcLine + 1}:${col + 1} ` +
            `${JSON.stringify(lines[a.srcLine].slice(col, col + 12))} (assertion on line ${a.line}): ` +
            `${missing.length ? `missing ${missing.join(' ')}` : ''}${unwanted.length ? ` unwanted ${unwanted.join(' ')}` : ''}; ` +
            `has ${scopes.join(' ')}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });
}

for (const file of [...examples, ...fixtures]) {
  test(`every lexeme coloured by kind in ${path.relative(repoRoot, file)}`, async () => {
    const text = fs.readFileSync(file, 'utf8');
    const root = scopeFor[path.extname(file)];
    const tokens = await tokenizeLines(root, text);
    const lexemes = lex(text, root === 'source.cedar' ? 'policy' : 'schema');
    assert.ok(lexemes.length > 0);
    const failures = [];
    for (const l of lexemes) {
      const scopes = scopesAt(tokens[l.line], l.col);
      const ok = l.want === null
        ? scopes.length > 1
        : scopes.some((s) => s.startsWith(l.want + '.') || s === l.want);
      if (!ok) failures.push(`${path.basename(file)}:${l.line + 1}:${l.col + 1} ${JSON.stringify(l.text)} want ${l.want || 'any scope'}, has ${scopes.join(' ')}`);
      const bad = !(l.want || '').startsWith('invalid.') && scopes.find((s) => s.startsWith('invalid.') && !/\\[^nrt\\0'"xu*]/.test(l.text));
      if (bad) failures.push(`${path.basename(file)}:${l.line + 1}:${l.col + 1} ${JSON.stringify(l.text)} is ${bad}`);
    }
    assert.deepEqual(failures, []);
  });
}

test('Markdown fences ```cedar and ```cedarschema are coloured by the injections', async () => {
  const md = [
    'Some prose: permit entity',
    '```cedar',
    'permit (principal, action, resource is NS::Photo);',
    '```',
    'after the fence: permit',
    '~~~cedarschema',
    'entity User in [Group];',
    '~~~',
    '```cedarschemax',
    'permit',
    '```',
  ].join('\n');
  const t = await tokenizeLines('text.html.markdown', md);
  const s = (line, col) => scopesAt(t[line], col);
  assert.ok(!s(0, 13).some((x) => x.endsWith('.cedar')), 'prose is not Cedar');
  assert.ok(s(1, 3).includes('fenced_code.block.language.markdown'));
  assert.ok(s(2, 0).includes('meta.embedded.block.cedar'));
  assert.ok(s(2, 0).includes('keyword.control.permit.cedar'), s(2, 0).join(' '));
  assert.ok(s(2, 44).includes('entity.name.type.cedar'), s(2, 44).join(' '));
  assert.ok(!s(4, 17).some((x) => x.endsWith('.cedar')), 'text after the closing fence is not Cedar');
  assert.ok(s(6, 0).includes('meta.embedded.block.cedarschema'));
  assert.ok(s(6, 0).includes('storage.type.entity.cedarschema'), s(6, 0).join(' '));
  assert.ok(s(6, 7).includes('entity.name.type.entity.cedarschema'), s(6, 7).join(' '));
  assert.ok(!s(9, 0).some((x) => x.endsWith('.cedar') || x.endsWith('.cedarschema')), 'another language named cedar… is not Cedar');
});

test('every scope name of a grammar ends with its language', () => {
  for (const [file, suffix] of [['cedar.tmLanguage.json', '.cedar'], ['cedarschema.tmLanguage.json', '.cedarschema']]) {
    const names = [];
    const grammar = JSON.parse(fs.readFileSync(path.join(__dirname, '..', file), 'utf8'));
    JSON.stringify(grammar.repository, (k, v) => {
      if ((k === 'name' || k === 'contentName') && typeof v === 'string') names.push(v);
      return v;
    });
    const bad = names.flatMap((n) => n.split(/\s+/)).filter((n) => !n.endsWith(suffix));
    assert.ok(names.length > 20, file);
    assert.deepEqual(bad, [], file);
  }
});
