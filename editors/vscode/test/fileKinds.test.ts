import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { documentSelector, fileKind, jsonPatterns } from '../src/fileKinds';
import { globToRegExp } from '../src/schemaFor';

test('file kinds by name, as the language server names them', () => {
  const cases: [string, string | undefined][] = [
    ['/w/p.cedar', 'policy'], ['/w/p.cedar.json', 'policy-json'],
    ['/w/s.cedarschema', 'schema'], ['/w/cedarschema', 'schema'], ['/w/s.cedarschema.json', 'schema-json'], ['/w/cedarschema.json', 'schema-json'],
    ['/w/e.cedarentities.json', 'entities'], ['/w/cedarentities.json', 'entities'], ['/w/e.avpentities.json', 'entities'], ['/w/entities.json', 'entities'],
    ['/w/l.cedartemplatelinks.json', 'links'], ['/w/l.cedarlinks.json', 'links'],
    ['/w/r.cedarauth.json', 'request'], ['/w/r.cedarparc.json', 'request'],
    ['/w/t.cedartests.json', 'tests'], ['/w/.cedar-ls.json', 'project'],
    ['/w/P.CEDAR', 'policy'], ['C:\\w\\x.cedarschema', 'schema'],
    ['/w/package.json', undefined], ['/w/x.cedarx', undefined], ['/w/cedar', undefined], ['/w/tests.json', undefined],
  ];
  for (const [p, want] of cases) assert.equal(fileKind(p), want, p);
});

test('the document selector takes cedar and cedarschema by language and JSON kinds by path only', () => {
  const sel = documentSelector();
  assert.ok(sel.some((f) => f.language === 'cedar' && f.scheme === 'file' && !f.pattern));
  assert.ok(sel.some((f) => f.language === 'cedarschema' && f.scheme === 'untitled'));
  const jsonFilters = sel.filter((f) => f.language === 'json');
  assert.ok(jsonFilters.length > 0);
  assert.ok(jsonFilters.every((f) => f.pattern), 'no JSON file is taken by language id alone');
});

test('every JSON kind pattern matches a file of that kind and no package.json', () => {
  const samples = ['a/p.cedar.json', 'a/s.cedarschema.json', 'cedarschema.json', 'a/e.cedarentities.json', 'cedarentities.json', 'e.avpentities.json',
    'x/entities.json', 'l.cedartemplatelinks.json', 'l.cedarlinks.json', 'r.cedarauth.json', 'r.cedarparc.json', 't.cedartests.json', 'a/.cedar-ls.json'];
  for (const s of samples) {
    assert.ok(jsonPatterns.some((p) => globToRegExp(p).test(s)), s);
    assert.notEqual(fileKind(s), undefined, s);
  }
  assert.ok(!jsonPatterns.some((p) => globToRegExp(p).test('a/package.json')));
  assert.ok(!jsonPatterns.some((p) => globToRegExp(p).test('a/tsconfig.json')));
});
