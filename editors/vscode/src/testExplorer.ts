// The Test Explorer for Cedar tests files (*.cedartests.json): the server
// lists their tests (cedar/testLocations) and runs them (cedar/runTests).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { failureMessage, parseTestLocations, parseTestResults, Range, TestResult } from './protocol';

const toRange = (r: Range) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export class CedarTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('cedar', 'Cedar Tests');
  private client: LanguageClient | undefined;

  constructor(private output: vscode.OutputChannel) {
    this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, async (req, token) => { await this.run(req, token); }, true);
  }

  setClient(client: LanguageClient): void {
    this.client = client;
  }

  private fileItem(uri: string): vscode.TestItem {
    let item = this.controller.items.get(uri);
    if (!item) {
      const u = vscode.Uri.parse(uri);
      item = this.controller.createTestItem(uri, path.basename(u.fsPath), u);
      this.controller.items.add(item);
    }
    return item;
  }

  private setTests(uri: string, tests: { name: string; range?: Range }[]): vscode.TestItem {
    const file = this.fileItem(uri);
    file.children.replace(tests.map((t) => {
      const child = this.controller.createTestItem(`${uri}#${t.name}`, t.name, file.uri);
      if (t.range) child.range = toRange(t.range);
      return child;
    }));
    return file;
  }

  setLocations(params: unknown): void {
    const loc = parseTestLocations(params);
    if (!loc) {
      this.output.appendLine(`cedar/testLocations: ignored malformed params ${JSON.stringify(params)}`);
      return;
    }
    if (loc.tests.length === 0) this.controller.items.delete(loc.uri);
    else this.setTests(loc.uri, loc.tests);
  }

  private async runFile(uri: string): Promise<TestResult[]> {
    if (!this.client) throw new Error('the language server is not running');
    return parseTestResults(await this.client.sendRequest('cedar/runTests', { uri }));
  }

  async run(request: vscode.TestRunRequest, token?: vscode.CancellationToken): Promise<{ passed: number; failed: number }> {
    const run = this.controller.createTestRun(request);
    const counts = { passed: 0, failed: 0 };
    const wanted = new Map<string, Set<string> | undefined>(); // file → test ids (undefined: all)
    const all: vscode.TestItem[] = [];
    this.controller.items.forEach((i) => all.push(i));
    for (const item of request.include ?? all) {
      const fileUri = item.parent ? item.parent.id : item.id;
      if (item.parent) {
        const set = wanted.get(fileUri) ?? new Set<string>();
        if (wanted.has(fileUri) && wanted.get(fileUri) === undefined) continue;
        set.add(item.id);
        wanted.set(fileUri, set);
      } else wanted.set(fileUri, undefined);
    }
    for (const [uri, ids] of wanted) {
      if (token?.isCancellationRequested) break;
      const file = this.fileItem(uri);
      file.children.forEach((c) => { if (!ids || ids.has(c.id)) run.started(c); });
      let results: TestResult[];
      try {
        results = await this.runFile(uri);
      } catch (e) {
        const msg = new vscode.TestMessage(`cedar/runTests failed: ${e instanceof Error ? e.message : e}`);
        file.children.forEach((c) => { if (!ids || ids.has(c.id)) run.errored(c, msg); });
        continue;
      }
      // results carry names and ranges: they also (re)build the tree
      if (results.length && results.every((r) => r.range)) this.setTests(uri, results);
      for (const r of results) {
        const item = file.children.get(`${uri}#${r.name}`);
        if (!item || (ids && !ids.has(item.id))) continue;
        if (r.passed) {
          counts.passed++;
          run.passed(item);
        } else {
          counts.failed++;
          const msg = new vscode.TestMessage(failureMessage(r));
          if (item.uri && item.range) msg.location = new vscode.Location(item.uri, item.range);
          run.failed(item, msg);
        }
      }
    }
    run.end();
    return counts;
  }

  // runAll runs every tests file of the workspace, also those the server has
  // not listed yet, and says how it went.
  async runAll(): Promise<void> {
    for (const u of await vscode.workspace.findFiles('**/*.cedartests.json', '**/node_modules/**', 500)) this.fileItem(u.toString());
    const all: vscode.TestItem[] = [];
    this.controller.items.forEach((i) => all.push(i));
    if (all.length === 0) {
      void vscode.window.showInformationMessage('Cedar: no tests files (*.cedartests.json) in the workspace.');
      return;
    }
    const { passed, failed } = await this.run(new vscode.TestRunRequest(all));
    const text = `Cedar tests: ${passed} passed, ${failed} failed`;
    if (failed) void vscode.window.showWarningMessage(text, 'Show Test Results').then((c) => c && vscode.commands.executeCommand('workbench.view.testing.focus'));
    else void vscode.window.showInformationMessage(text);
  }

  dispose(): void {
    this.controller.dispose();
  }
}
