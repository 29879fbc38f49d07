// The steps of the VS Code end-to-end test, in order; each leaves the
// window as a person would see it and run.mjs screenshots it as <shot>.png.
// A step whose server feature has not been built yet says so in `pending`
// (listed in the output, never silently skipped).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const editorLines = '.part.editor .monaco-editor .view-lines';

// Colours of Default Dark Modern (the Dark+ token colours) for the scopes
// the grammars give: what a person sees, and proof the scope was applied.
const colour = {
  keywordControl: 'rgb(197, 134, 192)', // keyword.control
  keyword: 'rgb(86, 156, 214)', // keyword.operator words, storage.type, variable.language
  string: 'rgb(206, 145, 120)',
  comment: 'rgb(106, 153, 85)',
  type: 'rgb(78, 201, 176)', // entity.name.type, support.type
  property: 'rgb(156, 220, 254)', // variable.other.property
};

async function runCommand(page, label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(`>${label}`);
  // click the row whose label is exactly this command (Enter would take the
  // first row, which can be a recently used command that also matches)
  const row = page.locator('.quick-input-widget .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
  await row.waitFor();
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.mouse.move(200, 500); // off the tab bar under the palette (its tooltips stay), onto empty explorer space
}

async function openFile(page, name) {
  // F1 then a text without `>` is Quick Open (Control+P can reach the
  // browser instead when nothing in the workbench has focus)
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
  await input.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  await page.locator(`${editorLines} .view-line`).first().waitFor();
  await page.waitForTimeout(300); // tokenization is asynchronous
}

async function gotoLineColumn(page, line, column) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator('.part.statusbar .statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).first().waitFor();
}

async function dismissNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
}

// tokenColours maps each rendered token text of the active editor to its colour(s).
async function tokenColours(page) {
  return page.evaluate((sel) => {
    const out = {};
    for (const span of document.querySelectorAll(`${sel} .view-line span > span`)) {
      const t = span.textContent.replace(/\u00a0/g, ' ').trim();
      if (!t) continue;
      (out[t] ??= new Set()).add(getComputedStyle(span).color);
    }
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
  }, editorLines);
}

// expectColours waits (tokenizing and theming are asynchronous) until every
// token text has its colour, and says which do not.
async function expectColours(page, want, timeoutMs = 20000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const got = await tokenColours(page);
    const bad = Object.entries(want).filter(([text, c]) => !(got[text] ?? []).includes(c))
      .map(([text, c]) => `${JSON.stringify(text)} want ${c}, has ${JSON.stringify(got[text] ?? 'not rendered')}`);
    if (!bad.length) return;
    if (Date.now() > until) throw new Error(`token colours: ${bad.join('; ')}`);
    await page.waitForTimeout(500);
  }
}

// clickToken puts the cursor inside the first rendered token with this text.
async function clickToken(page, text, nth = 0) {
  const span = page.locator(`${editorLines} .view-line span > span`, { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).nth(nth);
  const box = await span.boundingBox();
  if (!box) throw new Error(`token ${text} is not on screen`);
  await page.mouse.click(box.x + Math.min(box.width / 2, 4), box.y + box.height / 2);
  return span;
}

async function waitFor(page, what, fn, timeoutMs = 30000, everyMs = 300) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await page.waitForTimeout(everyMs);
  }
}

// waitText waits until a locator's text matches re.
async function waitText(locator, re, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = (await locator.first().innerText().catch(() => '')).replace(/\u00a0/g, ' ');
    if (re.test(last)) return last;
    if (Date.now() > until) throw new Error(`timed out waiting for ${re} in: ${last.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

// errorCount reads the workspace's error count from the status bar.
async function errorCount(page) {
  const label = (await page.locator('.part.statusbar #status\\.problems').getAttribute('aria-label')) ?? '';
  const m = /(\d+) errors?/i.exec(label) ?? /Errors?: (\d+)/i.exec(label);
  if (!m) throw new Error(`status bar problems item says ${JSON.stringify(label)}`);
  return Number(m[1]);
}

// afterTexts lists the text drawn after lines by decorations (CSS ::after).
async function afterTexts(page) {
  return page.evaluate((sel) => {
    const out = [];
    for (const el of document.querySelectorAll(`${sel} span`)) {
      const c = getComputedStyle(el, '::after').content;
      if (c && c !== 'none' && c !== 'normal') out.push(JSON.parse(c.replace(/^'|'$/g, '"')));
    }
    return out;
  }, editorLines);
}

// cliRunTests runs the workspace's tests with the CLI, as an oracle.
function cliRunTests(cedarLs, w) {
  let out;
  try {
    out = execFileSync(cedarLs, ['run-tests', '-s', path.join(w, 'tinytodo.cedarschema'), '-p', path.join(w, 'policies.cedar'),
      '--tests', path.join(w, 'tinytodo.cedartests.json')], { encoding: 'utf8' });
  } catch (e) { out = e.stdout; }
  const m = /results: (\d+) passed, (\d+) failed/.exec(out);
  if (!m) throw new Error(`cedar-ls run-tests said ${out}`);
  return { passed: Number(m[1]), failed: Number(m[2]) };
}

async function statusItem(page, text) {
  const item = page.locator('.part.statusbar .statusbar-item', { hasText: text });
  await item.first().waitFor();
  return (await item.first().innerText()).trim();
}

export const steps = [
  {
    name: 'without a server: a clear message with the install command',
    shot: 'vscode-01-no-server',
    run: async ({ page }) => {
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'cedar.server.path is "/nonexistent/cedar-ls"' });
      await toast.waitFor();
      const text = await toast.innerText();
      if (!text.includes('go install github.com/cedar-ls/cedar-ls/cmd/cedar-ls@latest')) throw new Error(`message lacks the install command: ${text}`);
      for (const button of ['Open Settings', 'Copy Install Command']) await toast.locator('.monaco-button', { hasText: button }).waitFor();
      await openFile(page, 'policies.cedar');
      return text.split('\n')[0];
    },
  },
  {
    name: 'policy colours from the TextMate grammar, before any server',
    shot: 'vscode-02-policy-colours',
    run: async ({ page }) => {
      await dismissNotifications(page);
      await openFile(page, 'policies.cedar');
      await expectColours(page, {
        permit: colour.keywordControl, forbid: colour.keywordControl, when: colour.keywordControl,
        principal: colour.keyword, in: colour.keyword, is: colour.keyword,
        List: colour.type, Team: colour.type,
        '"GetList"': colour.string, '"interns"': colour.string,
        '// The owner of a list may do anything with it.': colour.comment,
        owner: colour.property, readers: colour.property,
      });
      await clickToken(page, 'permit');
      await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes');
      const widget = page.locator('.token-inspect-widget');
      await widget.waitFor();
      const text = await widget.innerText();
      if (!text.includes('keyword.control.permit.cedar') || !text.includes('source.cedar')) throw new Error(`scopes of permit: ${text}`);
      return 'permit: keyword.control.permit.cedar';
    },
  },
  {
    name: 'schema colours from the TextMate grammar',
    shot: 'vscode-03-schema-colours',
    run: async ({ page }) => {
      await page.keyboard.press('Escape');
      await openFile(page, 'tinytodo.cedarschema');
      await expectColours(page, {
        entity: colour.keyword, action: colour.keyword, type: colour.keyword,
        Long: colour.type, String: colour.type, Set: colour.type, Task: colour.type,
        joblevel: colour.property, editors: colour.property,
        '// The TinyTodo application\'s schema.': colour.comment,
      });
      await clickToken(page, 'appliesTo');
      await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes');
      const text = await page.locator('.token-inspect-widget').innerText();
      if (!text.includes('keyword.other.appliesto.cedarschema')) throw new Error(`scopes of appliesTo: ${text}`);
      return 'appliesTo: keyword.other.appliesto.cedarschema';
    },
  },
  {
    name: 'fenced ```cedar and ```cedarschema blocks coloured in Markdown',
    shot: 'vscode-04-markdown-fences',
    run: async ({ page }) => {
      await page.keyboard.press('Escape');
      await openFile(page, 'README.md');
      await expectColours(page, { permit: colour.keywordControl, '"GetList"': colour.string, entity: colour.keyword, Team: colour.type });
      return 'permit, "GetList", entity, Team coloured inside the fences';
    },
  },
  {
    name: 'status bar names the schema of the active file',
    shot: 'vscode-05-status-bar-schema',
    run: async ({ page }) => {
      await openFile(page, 'policies.cedar');
      const text = await statusItem(page, 'Cedar:');
      if (!text.includes('tinytodo.cedarschema')) throw new Error(`status bar says ${text}`);
      await page.locator('.part.statusbar .statusbar-item', { hasText: 'Cedar:' }).first().hover();
      await page.locator('.monaco-hover, .workbench-hover', { hasText: 'nearest folder' }).first().waitFor();
      return text;
    },
  },
  {
    name: 'the bundled cedar-ls starts once cedar.server.path is cleared',
    shot: 'vscode-06-server-output',
    fatal: true,
    run: async ({ page, writeWorkspaceSettings }) => {
      writeWorkspaceSettings({});
      await runCommand(page, 'Cedar: Show Server Output');
      const out = page.locator('.part.panel .monaco-editor .view-lines');
      await waitText(out, /cedar-ls: .*\/bin\/cedar-ls \(bundled\)/, 30000);
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'did not start' });
      if (await toast.count()) throw new Error(await toast.first().innerText());
      return (await out.innerText()).split('\n').find((l) => l.includes('(bundled)')).replace(/\u00a0/g, ' ').trim();
    },
  },
  {
    name: 'Problems: the broken policy has its two validation errors',
    shot: 'vscode-07-problems',
    run: async ({ page }) => {
      await runCommand(page, 'View: Hide Panel');
      await openFile(page, 'broken.cedar');
      const errors = await waitFor(page, 'errors in the status bar', () => errorCount(page));
      await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
      const panel = page.locator('.markers-panel');
      await waitText(panel, /attribute `title` on entity type `List` not found/);
      await waitText(panel, /the types Long and String are not compatible/);
      if (errors !== 2) throw new Error(`want 2 errors, the status bar says ${errors}: ${await panel.innerText()}`);
      await page.locator('.part.editor .monaco-editor .squiggly-error').first().waitFor();
      return `${errors} errors: ${(await panel.innerText()).split('\n').filter((l) => /title|compatible/.test(l)).join(' | ')}`;
    },
  },
  {
    name: 'hover on an attribute shows its type',
    shot: 'vscode-08-hover',
    run: async ({ page }) => {
      await runCommand(page, 'View: Hide Panel');
      await openFile(page, 'policies.cedar');
      // the cursor into `owner` of `resource.owner` on line 6, by keyboard
      // (lenses arriving can move text under a mouse), then the hover
      await gotoLineColumn(page, 6, 19);
      await page.keyboard.press('Control+K'); // Show or Focus Hover, by its keys: the palette would move focus
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover:visible', { hasText: 'owner' });
      await waitText(hover, /User/);
      await page.waitForTimeout(500); // let the hover fade in for the screenshot
      return (await hover.innerText()).replace(/\s+/g, ' ').trim().slice(0, 120);
    },
  },
  {
    name: 'completion after principal. lists the attributes of User',
    shot: 'vscode-09-completion',
    run: async ({ page }) => {
      await page.keyboard.press('Escape');
      await openFile(page, 'policies.cedar');
      await clickToken(page, 'principal', 0);
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\npermit (principal is User, action, resource)\nwhen { principal.');
      const widget = page.locator('.editor-widget.suggest-widget');
      await waitFor(page, 'the suggest widget', async () => {
        if (!(await widget.isVisible())) await page.keyboard.press('Control+Space');
        return widget.isVisible();
      }, 15000, 1500);
      await waitText(widget, /joblevel/);
      await waitText(widget, /location/);
      const labels = (await widget.locator('.monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
      return `items: ${labels.join(', ')}`;
    },
  },
  {
    name: 'undoing the half-typed policy clears its diagnostic',
    shot: 'vscode-10-diagnostics-cleared',
    run: async ({ page }) => {
      await page.keyboard.press('Escape');
      // broken.cedar's two errors, and the half-typed policy's
      await waitFor(page, '3 errors', async () => (await errorCount(page)) === 3, 15000);
      await runCommand(page, 'File: Revert File');
      await waitFor(page, '2 errors', async () => (await errorCount(page)) === 2, 15000);
      return 'errors 3 → 2 after File: Revert File';
    },
  },
  {
    name: 'format on save rewrites the file on disk as cedar-ls format does',
    shot: 'vscode-11-format-on-save',
    run: async ({ page, workspace, cedarLs }) => {
      const file = path.join(workspace, 'drafts', 'unformatted.cedar');
      const want = execFileSync(cedarLs, ['format', '-i', '2', file], { encoding: 'utf8' });
      if (fs.readFileSync(file, 'utf8') === want) throw new Error('fixture is already formatted');
      await openFile(page, 'unformatted.cedar');
      await clickToken(page, 'permit');
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\n'); // an edit, so saving is not a no-op
      await page.keyboard.press('Control+S');
      await waitFor(page, 'the formatted file on disk', async () => fs.readFileSync(file, 'utf8') === want, 20000);
      await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
      return `${want.split('\n').length - 1} lines, identical to \`cedar-ls format\``;
    },
  },
  {
    name: 'code lenses on the tests file give each test\'s result, as cedar-ls run-tests does',
    shot: 'vscode-12-test-lenses',
    run: async ({ page, workspace, cedarLs }) => {
      const cli = cliRunTests(cedarLs, workspace);
      await openFile(page, 'tinytodo.cedartests.json');
      const lenses = page.locator('.part.editor .codelens-decoration');
      await waitText(lenses, new RegExp(`Run all: ${cli.passed} passed, ${cli.failed} failed`));
      // the editor renders the lenses of the tests on screen: each says passed
      // (the CLI passes them all) — at least the first three tests are in view
      const texts = await waitFor(page, 'lenses of the tests in view', async () => {
        const all = (await lenses.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').trim());
        const perTest = all.filter((t) => t !== '' && !t.startsWith('Run all')); // '' : not rendered yet
        return perTest.length >= 3 ? perTest : undefined;
      });
      if (cli.failed !== 0) throw new Error('the fixture\'s tests are meant to pass with cedar-ls run-tests');
      if (texts.some((t) => t !== '✔ passed')) throw new Error(`lenses: ${JSON.stringify(texts)}`);
      return `"Run all: ${cli.passed} passed, ${cli.failed} failed" and ${texts.length} lenses in view saying ${JSON.stringify(texts[0])}; cedar-ls run-tests agrees`;
    },
  },
  {
    name: 'the Test Explorer lists the tests; Cedar: Run All Tests runs them',
    shot: 'vscode-13-test-explorer',
    run: async ({ page, workspace, cedarLs }) => {
      const cli = cliRunTests(cedarLs, workspace);
      await runCommand(page, 'Cedar: Run All Tests');
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Cedar tests:' });
      await waitText(toast, new RegExp(`Cedar tests: ${cli.passed} passed, ${cli.failed} failed`));
      await runCommand(page, 'Testing: Focus on Test Explorer View');
      const tree = page.locator('.test-explorer .monaco-list');
      await waitText(tree, /tinytodo\.cedartests\.json/);
      const fileRow = page.locator('.test-explorer .monaco-list-row', { hasText: 'tinytodo.cedartests.json' }).first();
      if ((await fileRow.getAttribute('aria-expanded')) === 'false') await fileRow.click();
      await waitText(tree, /owner may update their list/);
      const passed = await page.locator('.test-explorer .monaco-list-row .codicon-testing-passed-icon').count();
      if (passed < 2) throw new Error(`${passed} rows show a pass`);
      return `toast "Cedar tests: ${cli.passed} passed, ${cli.failed} failed"; ${passed} rows marked passed`;
    },
  },
  {
    name: 'Cedar: Authorize Request draws the decision at the end of the line',
    shot: 'vscode-14-authorize',
    run: async ({ page, workspace, cedarLs }) => {
      await runCommand(page, 'Notifications: Clear All Notifications');
      await runCommand(page, 'View: Show Explorer');
      const w = workspace;
      let cli = '';
      try {
        cli = execFileSync(cedarLs, ['authorize', '-s', path.join(w, 'tinytodo.cedarschema'), '-p', path.join(w, 'policies.cedar'),
          '--entities', path.join(w, 'entities.json'), '--request-json', path.join(w, 'request.cedarauth.json')], { encoding: 'utf8' });
      } catch (e) { cli = e.stdout; } // exit 2 is DENY
      const decision = cli.trim().split('\n')[0]; // ALLOW or DENY
      if (!/^(ALLOW|DENY)$/.test(decision)) throw new Error(`cedar-ls authorize said ${cli}`);
      await openFile(page, 'request.cedarauth.json');
      await clickToken(page, '"principal"');
      await runCommand(page, 'Cedar: Authorize Request');
      const text = await waitFor(page, 'the decision after the line', async () =>
        (await afterTexts(page)).find((t) => t.startsWith(decision)));
      await page.locator('.notifications-toasts .notification-toast', { hasText: decision }).first().waitFor();
      return `decoration "${text}"; cedar-ls authorize: ${decision}`;
    },
  },
  {
    name: 'Cedar: Explain Decision says why, and marks the policies that did not apply',
    shot: 'vscode-15-explain',
    run: async ({ page }) => {
      await runCommand(page, 'Notifications: Clear All Notifications');
      await openFile(page, 'request.cedarauth.json');
      await clickToken(page, '"principal"');
      await runCommand(page, 'Cedar: Explain Decision');
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Cedar:' }).first();
      const said = await waitText(toast, /viewer/);
      await openFile(page, 'policies.cedar');
      // hints on the policies: faded (tag unnecessary) where they did not apply
      await page.locator('.part.editor .monaco-editor .squiggly-inline-unnecessary, .part.editor .monaco-editor .squiggly-hint').first().waitFor();
      const n = await page.locator('.part.editor .monaco-editor .squiggly-inline-unnecessary').count();
      return `${said.split('\n')[0]}; ${n} faded spans in policies.cedar`;
    },
  },
  {
    name: 'Cedar: Evaluate Selection gives the value cedar-ls evaluate gives, with the nearest request',
    shot: 'vscode-16-evaluate-selection',
    run: async ({ page, workspace, cedarLs }) => {
      const w = workspace;
      const want = execFileSync(cedarLs, ['evaluate', 'resource.owner', '-s', path.join(w, 'tinytodo.cedarschema'),
        '--entities', path.join(w, 'entities.json'), '--request-json', path.join(w, 'request.cedarauth.json')], { encoding: 'utf8' }).trim();
      await runCommand(page, 'Cedar: Dismiss Explanation');
      await runCommand(page, 'Notifications: Clear All Notifications');
      await openFile(page, 'policies.cedar');
      await gotoLineColumn(page, 6, 8); // `resource.owner` in `when { resource.owner == principal }`
      for (let i = 0; i < 'resource.owner'.length; i++) await page.keyboard.press('Shift+ArrowRight');
      await runCommand(page, 'Cedar: Evaluate Selection');
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'resource.owner' }).first();
      const said = await waitText(toast, /resource\.owner = /);
      if (!said.includes(`resource.owner = ${want}`)) throw new Error(`toast: ${said}; cedar-ls evaluate: ${want}`);
      const drawn = await waitFor(page, 'the value after the line', async () => (await afterTexts(page)).find((t) => t.includes(want)));
      return `toast and line end: ${drawn}; cedar-ls evaluate: ${want}`;
    },
  },
  {
    name: 'Cedar: Translate Schema writes the JSON schema that cedar-ls translate-schema writes',
    shot: 'vscode-17-translate-schema',
    run: async ({ page, workspace, cedarLs }) => {
      await runCommand(page, 'Cedar: Dismiss Explanation');
      const src = path.join(workspace, 'tinytodo.cedarschema');
      const want = JSON.parse(execFileSync(cedarLs, ['translate-schema', '--direction', 'cedar-to-json', '-s', src], { encoding: 'utf8' }));
      await openFile(page, 'tinytodo.cedarschema');
      await runCommand(page, 'Cedar: Translate Schema');
      const out = `${src}.json`;
      const got = await waitFor(page, `${path.basename(out)} on disk`, async () => {
        try { return JSON.parse(fs.readFileSync(out, 'utf8')); } catch { return undefined; }
      }, 20000);
      if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${path.basename(out)} differs from cedar-ls translate-schema`);
      await page.locator('.tabs-container .tab.active', { hasText: 'tinytodo.cedarschema.json' }).waitFor();
      return `${path.basename(out)} = cedar-ls translate-schema --direction cedar-to-json`;
    },
  },
  {
    name: 'Cedar: Export Policy as JSON writes the policy under the cursor as JSON',
    shot: 'vscode-18-export-policy-json',
    run: async ({ page, workspace }) => {
      await openFile(page, 'policies.cedar');
      await gotoLineColumn(page, 10, 1); // permit of @id("viewer")
      await runCommand(page, 'Cedar: Export Policy as JSON');
      const out = path.join(workspace, 'policies.viewer.cedar.json');
      const got = await waitFor(page, `${path.basename(out)} on disk`, async () => {
        try { return JSON.parse(fs.readFileSync(out, 'utf8')); } catch { return undefined; }
      }, 20000);
      if (got.effect !== 'permit' || got.action?.entity?.id !== 'GetList' || got.annotations?.id !== 'viewer') {
        throw new Error(`${path.basename(out)}: ${JSON.stringify(got)}`);
      }
      await page.locator('.tabs-container .tab.active', { hasText: 'policies.viewer.cedar.json' }).waitFor();
      return `${path.basename(out)}: effect permit, action GetList, @id viewer`;
    },
  },
  {
    name: 'clicking the schema in the status bar picks another for the file',
    shot: 'vscode-19-select-schema',
    run: async ({ page }) => {
      await openFile(page, 'policies.cedar');
      await page.locator('.part.statusbar .statusbar-item', { hasText: 'Cedar: tinytodo.cedarschema' }).first().click();
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor();
      // the JSON twin written by Translate Schema is offered too
      const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'tinytodo.cedarschema.json' }).first();
      await row.waitFor();
      await row.click();
      await page.mouse.move(200, 500);
      const text = await waitFor(page, 'the status bar to name the picked schema', async () => {
        const t = await statusItem(page, 'Cedar:');
        return t.includes('tinytodo.cedarschema.json') ? t : undefined;
      }, 10000);
      return text;
    },
  },
];
