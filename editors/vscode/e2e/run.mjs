// End-to-end test of the extension in a real VS Code: code-server (VS Code
// in a browser) with the built .vsix installed, driven through Debian's
// Chromium by playwright-core, on a copy of e2e/workspace. It checks what a
// person sees, and saves a screenshot of each step in docs/images/.
//
//   node e2e/run.mjs cedar-ls-<version>.vsix     (from editors/vscode; make test-vscode)
//
// Environment: KEEP=1 keeps the temporary folder; SHOTS=0 skips writing
// screenshots into docs/images (they are still taken into the temp folder).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const extDir = path.dirname(here);
const repoRoot = path.resolve(extDir, '..', '..');
const codeServer = path.join(here, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const cedarLs = path.join(extDir, 'bin', 'cedar-ls');
const imagesDir = path.join(repoRoot, 'docs', 'images');
const vsix = path.resolve(extDir, process.argv[2] ?? '');
const started = Date.now();
const log = (...a) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);

if (!process.argv[2] || !fs.existsSync(vsix)) throw new Error(`usage: node e2e/run.mjs <file.vsix> (got ${vsix})`);
if (!fs.existsSync(codeServer)) throw new Error(`code-server is not installed: run e2e/install-code-server.sh`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cedar-ls-vscode-e2e-'));
const userData = path.join(tmp, 'user-data');
const extensions = path.join(tmp, 'extensions');
const workspace = path.join(tmp, 'workspace');
const shotsDir = path.join(tmp, 'shots');
fs.cpSync(path.join(here, 'workspace'), workspace, { recursive: true });
for (const d of [userData, extensions, shotsDir, path.join(userData, 'User')]) fs.mkdirSync(d, { recursive: true });
// Quiet, deterministic editor: no welcome page, tips, telemetry or updates;
// tab size 2 so format-on-save can be compared with `cedar-ls format`.
fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off', // saves happen when the test says (code-server may default to afterDelay)
  'editor.tabSize': 2,
  'editor.detectIndentation': false,
  'editor.fontFamily': 'DejaVu Sans Mono',
  'editor.fontSize': 14,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
}, null, 2));
const writeWorkspaceSettings = (s) => fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify(s, null, 2));
// First without a server: colours come from the grammars alone.
writeWorkspaceSettings({ 'cedar.server.path': '/nonexistent/cedar-ls' });

const env = {
  ...process.env,
  HOME: tmp,
  XDG_CONFIG_HOME: path.join(tmp, 'config'),
  XDG_DATA_HOME: path.join(tmp, 'data'),
  XDG_CACHE_HOME: path.join(tmp, 'cache'),
  // bin/cedar-ls is bundled in the .vsix; keep any other cedar-ls off PATH
  PATH: (process.env.PATH ?? '').split(':').filter((d) => !fs.existsSync(path.join(d, 'cedar-ls'))).join(':'),
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
    srv.on('error', reject);
  });
}

const commonArgs = ['--user-data-dir', userData, '--extensions-dir', extensions];
log(`installing ${path.basename(vsix)}`);
const install = spawnSync(process.execPath, [codeServer, ...commonArgs, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120000 });
if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
  throw new Error(`--install-extension failed (${install.status}):\n${install.stdout}\n${install.stderr}`);
}

const port = await freePort();
const serverLog = fs.openSync(path.join(tmp, 'code-server.log'), 'w');
const server = spawn(process.execPath, [codeServer, ...commonArgs,
  '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
  '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'],
{ env, stdio: ['ignore', serverLog, serverLog] });
let browser;
const results = [];

async function cleanup() {
  await browser?.close().catch(() => {});
  if (server.exitCode === null) server.kill('SIGTERM');
  if (!process.env.KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  else log(`kept ${tmp}`);
}

async function waitFor(what, fn, timeoutMs = 30000, everyMs = 250) {
  const until = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) { last = e; }
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

try {
  await waitFor('code-server to answer', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60000, 500);
  log(`code-server on port ${port}`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  page.setDefaultTimeout(30000);
  const { steps } = await import('./steps.mjs');
  const ctx = { page, workspace, cedarLs, log, waitFor, writeWorkspaceSettings };
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
  log('workbench loaded');
  for (const step of steps) {
    if (step.pending) {
      results.push({ name: step.name, status: `PENDING: ${step.pending}` });
      log(`PENDING ${step.name}: ${step.pending}`);
      continue;
    }
    const t0 = Date.now();
    try {
      await page.mouse.move(200, 500); // away from the last step's hover, onto empty explorer space
      const detail = await step.run(ctx);
      const shot = path.join(shotsDir, `${step.shot}.png`);
      await page.screenshot({ path: shot });
      if (process.env.SHOTS !== '0') {
        fs.mkdirSync(imagesDir, { recursive: true });
        fs.copyFileSync(shot, path.join(imagesDir, `${step.shot}.png`));
      }
      results.push({ name: step.name, status: 'ok', detail, ms: Date.now() - t0 });
      log(`ok ${step.name}${detail ? ` — ${detail}` : ''}`);
    } catch (e) {
      await page.screenshot({ path: path.join(shotsDir, `FAILED-${step.shot}.png`) }).catch(() => {});
      results.push({ name: step.name, status: 'FAILED', detail: e.message });
      log(`FAILED ${step.name}: ${e.stack}`);
      if (step.fatal) break;
    }
  }
} finally {
  const failed = results.filter((r) => r.status === 'FAILED');
  console.log('\nVS Code end-to-end:');
  for (const r of results) console.log(`  ${r.status === 'ok' ? 'ok     ' : r.status === 'FAILED' ? 'FAILED ' : ''}${r.name}${r.status.startsWith('PENDING') ? ` — ${r.status}` : ''}${r.ms ? ` (${(r.ms / 1000).toFixed(1)}s)` : ''}`);
  console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)}s`);
  if (failed.length) {
    console.log(`\ncode-server log and screenshots: ${tmp} (kept)`);
    process.env.KEEP = '1';
  }
  await cleanup();
  if (failed.length || results.length === 0) process.exitCode = 1;
}
