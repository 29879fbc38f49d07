import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { resolveServerPath, ServerPathEnv, installCommand } from '../src/serverPath';

function env(executables: string[], extra: Partial<ServerPathEnv> = {}): ServerPathEnv {
  return {
    platform: 'linux', extensionPath: '/ext', pathEnv: '/usr/local/bin:/usr/bin', homeDir: '/home/u',
    workspaceFolder: '/ws', isExecutable: (f) => executables.includes(f), ...extra,
  };
}

test('the setting wins over the bundled binary and PATH', () => {
  assert.deepEqual(resolveServerPath('/opt/cedar-ls', env(['/opt/cedar-ls', '/ext/bin/cedar-ls', '/usr/bin/cedar-ls'])),
    { ok: true, path: '/opt/cedar-ls', source: 'setting' });
});

test('the setting expands ~ and ${workspaceFolder}, and is relative to the workspace folder', () => {
  assert.equal((resolveServerPath('~/go/bin/cedar-ls', env(['/home/u/go/bin/cedar-ls'])) as { path: string }).path, '/home/u/go/bin/cedar-ls');
  assert.equal((resolveServerPath('${workspaceFolder}/bin/cedar-ls', env(['/ws/bin/cedar-ls'])) as { path: string }).path, '/ws/bin/cedar-ls');
  assert.equal((resolveServerPath('tools/cedar-ls', env(['/ws/tools/cedar-ls'])) as { path: string }).path, '/ws/tools/cedar-ls');
});

test('a bare name in the setting is looked up on PATH', () => {
  assert.deepEqual(resolveServerPath('cedar-ls-dev', env(['/usr/bin/cedar-ls-dev'])),
    { ok: true, path: '/usr/bin/cedar-ls-dev', source: 'setting' });
});

test('a setting pointing at nothing is an error naming the setting, not a silent fallback', () => {
  const r = resolveServerPath('/nope/cedar-ls', env(['/ext/bin/cedar-ls']));
  assert.equal(r.ok, false);
  assert.match((r as { message: string }).message, /cedar\.server\.path is "\/nope\/cedar-ls"/);
});

test('without the setting: the bundled binary, then PATH in order', () => {
  assert.deepEqual(resolveServerPath('', env(['/ext/bin/cedar-ls', '/usr/bin/cedar-ls'])), { ok: true, path: '/ext/bin/cedar-ls', source: 'bundled' });
  assert.deepEqual(resolveServerPath(undefined, env(['/usr/bin/cedar-ls', '/usr/local/bin/cedar-ls'])), { ok: true, path: '/usr/local/bin/cedar-ls', source: 'PATH' });
  assert.deepEqual(resolveServerPath('  ', env(['/usr/bin/cedar-ls'])), { ok: true, path: '/usr/bin/cedar-ls', source: 'PATH' });
});

test('Windows: cedar-ls.exe and ; in PATH', () => {
  const e = env(['C:\\tools/cedar-ls.exe'], { platform: 'win32', pathEnv: 'C:\\x;C:\\tools' });
  const r = resolveServerPath('', e);
  assert.equal(r.ok, true);
  assert.match((r as { path: string }).path, /cedar-ls\.exe$/);
});

test('nothing found: a message with the install command', () => {
  const r = resolveServerPath('', env([]));
  assert.equal(r.ok, false);
  const msg = (r as { message: string }).message;
  assert.ok(msg.includes(installCommand), msg);
  assert.match(msg, /cedar\.server\.path/);
});
