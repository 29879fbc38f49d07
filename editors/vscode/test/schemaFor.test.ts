import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { globToRegExp, schemaFor, statusText, SchemaFs } from '../src/schemaFor';

// memFs is a file system of absolute paths to contents.
function memFs(files: Record<string, string>): SchemaFs {
  return {
    readDir: (dir) => {
      const names = Object.keys(files).filter((f) => path.dirname(f) === dir).map((f) => path.basename(f));
      const sub = Object.keys(files).some((f) => f.startsWith(dir + '/'));
      return names.length || sub ? names : undefined;
    },
    readFile: (f) => files[f],
  };
}
const auto = { schemaFile: '', autodetect: true };

test('nearest folder at or above the file that holds schema files', () => {
  const fs = memFs({ '/ws/app.cedarschema': '', '/ws/sub/deep/p.cedar': '', '/ws/sub/x.cedarschema': '', '/ws/sub/y.cedarschema': '' });
  assert.deepEqual(schemaFor('/ws/sub/deep/p.cedar', '/ws', auto, fs), { files: ['/ws/sub/x.cedarschema', '/ws/sub/y.cedarschema'], source: 'folder' });
  assert.deepEqual(schemaFor('/ws/p.cedar', '/ws', auto, fs), { files: ['/ws/app.cedarschema'], source: 'folder' });
});

test('a .cedarschema wins over its .cedarschema.json twin; bare cedarschema counts', () => {
  const fs = memFs({ '/ws/a.cedarschema': '', '/ws/a.cedarschema.json': '', '/ws/b.cedarschema.json': '', '/ws/cedarschema': '' });
  assert.deepEqual(schemaFor('/ws/p.cedar', '/ws', auto, fs).files, ['/ws/a.cedarschema', '/ws/b.cedarschema.json', '/ws/cedarschema']);
});

test('the search stops at the workspace folder', () => {
  const fs = memFs({ '/outside.cedarschema': '', '/ws/p.cedar': '' });
  assert.deepEqual(schemaFor('/ws/p.cedar', '/ws', auto, fs), { files: [], source: 'none' });
});

test('cedar.autodetectSchemaFile false turns the search off', () => {
  const fs = memFs({ '/ws/a.cedarschema': '' });
  assert.deepEqual(schemaFor('/ws/p.cedar', '/ws', { schemaFile: '', autodetect: false }, fs), { files: [], source: 'none' });
});

test('the setting (path or list, relative to the workspace folder) wins over the search', () => {
  const fs = memFs({ '/ws/a.cedarschema': '' });
  assert.deepEqual(schemaFor('/ws/sub/p.cedar', '/ws', { schemaFile: 'schemas/main.cedarschema', autodetect: true }, fs),
    { files: ['/ws/schemas/main.cedarschema'], source: 'setting' });
  assert.deepEqual(schemaFor('/ws/p.cedar', '/ws', { schemaFile: ['a.cedarschema', 'b.cedarschema.json'], autodetect: true }, fs).files,
    ['/ws/a.cedarschema', '/ws/b.cedarschema.json']);
});

test('a schema picked for the file wins over everything', () => {
  const fs = memFs({ '/ws/a.cedarschema': '' });
  assert.deepEqual(schemaFor('/ws/p.cedar', '/ws', { schemaFile: 'x', autodetect: true, picked: ['/ws/z.cedarschema'] }, fs),
    { files: ['/ws/z.cedarschema'], source: 'picked' });
});

test('.cedar-ls.json at or above the file maps globs to schemas', () => {
  const project = JSON.stringify({ associations: [
    { files: 'tenants/*/policies/**/*.cedar', schema: ['schemas/tenant.cedarschema'] },
    { files: ['admin/*.cedar'], schema: 'schemas/admin.cedarschema' },
  ] });
  const fs = memFs({ '/ws/.cedar-ls.json': project, '/ws/tenants/a/policies/x/p.cedar': '', '/ws/tenants/a/policies/local.cedarschema': '' });
  assert.deepEqual(schemaFor('/ws/tenants/a/policies/x/p.cedar', '/ws', auto, fs),
    { files: ['/ws/schemas/tenant.cedarschema'], source: 'project', projectFile: '/ws/.cedar-ls.json' });
  assert.deepEqual(schemaFor('/ws/admin/p.cedar', '/ws', auto, fs).files, ['/ws/schemas/admin.cedarschema']);
  // no glob matches: back to the folder search
  assert.equal(schemaFor('/ws/other/p.cedar', '/ws', auto, fs).source, 'none');
});

test('a broken .cedar-ls.json is skipped', () => {
  const fs = memFs({ '/ws/.cedar-ls.json': '{ not json', '/ws/a.cedarschema': '' });
  assert.deepEqual(schemaFor('/ws/p.cedar', '/ws', auto, fs).files, ['/ws/a.cedarschema']);
});

test('a schema file belongs to its own folder’s schema', () => {
  const fs = memFs({ '/ws/s/a.cedarschema': '', '/ws/s/b.cedarschema': '' });
  assert.deepEqual(schemaFor('/ws/s/a.cedarschema', '/ws', { schemaFile: '', autodetect: false }, fs).files, ['/ws/s/a.cedarschema', '/ws/s/b.cedarschema']);
});

test('globs: ** crosses folders, * and ? stay in one name, {a,b} alternatives', () => {
  assert.ok(globToRegExp('**/*.cedar').test('p.cedar'));
  assert.ok(globToRegExp('**/*.cedar').test('a/b/p.cedar'));
  assert.ok(!globToRegExp('*.cedar').test('a/p.cedar'));
  assert.ok(globToRegExp('p?.cedar').test('p1.cedar'));
  assert.ok(globToRegExp('{a,b}/*.cedar').test('b/x.cedar'));
  assert.ok(!globToRegExp('a.cedar').test('aXcedar'), 'dots are literal');
});

test('status text names the schema and says why', () => {
  assert.equal(statusText({ files: ['/ws/s/app.cedarschema'], source: 'folder' }, '/ws').text, '$(symbol-namespace) Cedar: app.cedarschema');
  assert.match(statusText({ files: ['/ws/s/app.cedarschema'], source: 'folder' }, '/ws').tooltip, /s\/app\.cedarschema \(the nearest folder/);
  assert.equal(statusText({ files: ['/a.cedarschema', '/b.cedarschema'], source: 'setting' }, '/').text, '$(symbol-namespace) Cedar: 2 schema fragments');
  assert.match(statusText({ files: [], source: 'none' }, '/ws').text, /no schema/);
});
