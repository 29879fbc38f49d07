// The VS Code client of cedar-ls: starts `cedar-ls lsp`, and adds what the
// LSP has no standard UI for — the schema in the status bar, end-of-line
// authorization results, the Test Explorer, and the Cedar commands.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient, LanguageClientOptions, ServerOptions, State, ExecuteCommandRequest,
} from 'vscode-languageclient/node';
import { resolveServerPath, installCommand } from './serverPath';
import { documentSelector } from './fileKinds';
import { AuthorizeResults, parseShowAuthorizeResult } from './protocol';
import { SchemaStatus } from './schemaStatus';
import { CedarTests } from './testExplorer';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function cedarSettings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('cedar');
  return {
    schemaFile: c.get('schemaFile'),
    autodetectSchemaFile: c.get('autodetectSchemaFile'),
    validationMode: c.get('validationMode'),
    format: { lineWidth: c.get('format.lineWidth') },
    inlayHints: { scopeTypes: c.get('inlayHints.scopeTypes'), actionGroups: c.get('inlayHints.actionGroups') },
  };
}

// ensureBundledExecutable restores the execute bit of the bundled binary,
// which some ways of unpacking a .vsix drop.
function ensureBundledExecutable(extensionPath: string): void {
  if (process.platform === 'win32') return;
  const bundled = path.join(extensionPath, 'bin', 'cedar-ls');
  try {
    if (fs.statSync(bundled).isFile() && !isExecutable(bundled)) fs.chmodSync(bundled, 0o755);
  } catch {
    // not bundled: the search goes on to PATH
  }
}

async function startClient(context: vscode.ExtensionContext, results: AuthorizeResults, tests: CedarTests, redraw: () => void): Promise<void> {
  ensureBundledExecutable(context.extensionPath);
  const setting = vscode.workspace.getConfiguration('cedar').get<string>('server.path');
  const found = resolveServerPath(setting, {
    platform: process.platform,
    extensionPath: context.extensionPath,
    pathEnv: process.env.PATH ?? '',
    homeDir: os.homedir(),
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    isExecutable,
  });
  if (!found.ok) {
    output.appendLine(found.message);
    const choice = await Promise.resolve(vscode.window.showErrorMessage(found.message, 'Open Settings', 'Copy Install Command'));
    if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'cedar.server.path');
    if (choice === 'Copy Install Command') void vscode.env.clipboard.writeText(installCommand);
    return;
  }
  output.appendLine(`cedar-ls: ${found.path} (${found.source})`);
  const serverOptions: ServerOptions = { command: found.path, args: ['lsp'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    initializationOptions: cedarSettings(),
    synchronize: { configurationSection: 'cedar' },
  };
  client = new LanguageClient('cedar', 'Cedar', serverOptions, clientOptions);
  client.onNotification('cedar/showAuthorizeResult', (params: unknown) => {
    const r = parseShowAuthorizeResult(params);
    if (!r) {
      output.appendLine(`cedar/showAuthorizeResult: ignored malformed params ${JSON.stringify(params)}`);
      return;
    }
    results.add(r);
    redraw();
  });
  client.onNotification('cedar/testLocations', (params: unknown) => tests.setLocations(params));
  tests.setClient(client);
  try {
    await client.start();
  } catch (e) {
    void vscode.window.showErrorMessage(`Cedar: cedar-ls (${found.path}) did not start: ${e instanceof Error ? e.message : e}`, 'Show Server Output')
      .then((c) => c && output.show());
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c && c.state !== State.Stopped) await c.stop().catch(() => undefined);
}

// runServerCommand asks the server to run one of its commands.
async function runServerCommand(command: string, args: unknown[]): Promise<unknown> {
  if (!client || client.state !== State.Running) {
    void vscode.window.showWarningMessage('Cedar: the language server is not running (see "Cedar: Show Server Output").');
    return undefined;
  }
  try {
    return await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  } catch (e) {
    void vscode.window.showErrorMessage(`Cedar: ${command} failed: ${e instanceof Error ? e.message : e}`);
    return undefined;
  }
}

// describe turns a command's result into one line for a notification.
function describe(result: unknown): string | undefined {
  if (result === undefined || result === null) return undefined;
  if (typeof result === 'string') return result;
  if (typeof result === 'object') {
    const r = result as Record<string, unknown>;
    for (const k of ['text', 'message', 'summary', 'value']) if (typeof r[k] === 'string') return r[k] as string;
    if (typeof r.decision === 'string') return `${r.decision}`;
  }
  return JSON.stringify(result);
}

// applyCodeAction applies the first code action of this kind at range
// whose title matches, then shows and saves the files it wrote (translating
// a schema or exporting a policy makes a file: the point of the command).
async function applyCodeAction(uri: vscode.Uri, range: vscode.Range, kind: string, title: RegExp, what: string): Promise<void> {
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
  const action = actions.find((a) => title.test(a.title));
  if (!action) {
    void vscode.window.showInformationMessage(`Cedar: ${what} is not available here${client ? '' : ' (the language server is not running)'}.`);
    return;
  }
  if ('edit' in action && action.edit) {
    if (!(await vscode.workspace.applyEdit(action.edit))) {
      void vscode.window.showErrorMessage(`Cedar: ${what}: the edit could not be applied.`);
      return;
    }
    const touched = action.edit.entries().map(([u]) => u);
    for (const u of touched) {
      const doc = await vscode.workspace.openTextDocument(u);
      if (doc.isDirty) await doc.save();
    }
    if (touched.length) await vscode.window.showTextDocument(touched[0], { preview: false });
  }
  const command = 'command' in action && typeof action.command === 'object' ? action.command : 'arguments' in action ? action as vscode.Command : undefined;
  if (command && typeof command.command === 'string') await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Cedar');
  context.subscriptions.push(output);

  const results = new AuthorizeResults();
  const decoration = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  context.subscriptions.push(decoration);
  const redraw = () => {
    for (const editor of vscode.window.visibleTextEditors) {
      const items = results.forUri(editor.document.uri.toString());
      editor.setDecorations(decoration, items
        .filter((r) => r.line < editor.document.lineCount)
        .map((r) => {
          const end = editor.document.lineAt(r.line).range.end;
          return {
            range: new vscode.Range(end, end),
            renderOptions: { after: { contentText: r.text } },
            hoverMessage: r.detail ? new vscode.MarkdownString(r.detail) : undefined,
          };
        }));
    }
  };
  context.subscriptions.push(
    vscode.window.onDidChangeVisibleTextEditors(redraw),
    vscode.workspace.onDidChangeTextDocument((e) => {
      // results describe the text they were computed on
      if (e.contentChanges.length && results.forUri(e.document.uri.toString()).length) {
        results.clear(e.document.uri.toString());
        redraw();
      }
    }),
  );

  const tests = new CedarTests(output);
  context.subscriptions.push(tests);
  const status = new SchemaStatus((documentUri, schemaUri) =>
    runServerCommand('cedar.associateSchema', [{ document_uri: documentUri, schema_uri: schemaUri }]));
  context.subscriptions.push(status);

  const restart = async () => {
    await stopClient();
    results.clear();
    redraw();
    await startClient(context, results, tests, redraw);
  };

  const editorArgs = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Cedar: open a Cedar file first.');
      return undefined;
    }
    const uri = editor.document.uri.toString();
    const position = { line: editor.selection.active.line, character: editor.selection.active.character };
    const sel = editor.selection;
    const range = { start: { line: sel.start.line, character: sel.start.character }, end: { line: sel.end.line, character: sel.end.character } };
    return { editor, uri, position, range };
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('cedar.restartServer', restart),
    vscode.commands.registerCommand('cedar.showServerOutput', () => output.show(true)),
    vscode.commands.registerCommand('cedar.runAllTests', () => tests.runAll()),
    vscode.commands.registerCommand('cedar.authorizeRequest', async () => {
      const a = editorArgs();
      if (!a) return;
      results.clear();
      redraw();
      const text = describe(await runServerCommand('cedar.authorize', [{ uri: a.uri, position: a.position }]));
      if (text) void vscode.window.showInformationMessage(`Cedar: ${text}`);
    }),
    vscode.commands.registerCommand('cedar.explainDecision', async () => {
      const a = editorArgs();
      if (!a) return;
      const text = describe(await runServerCommand('cedar.explain', [{ uri: a.uri, position: a.position }]));
      if (text) void vscode.window.showInformationMessage(`Cedar: ${text}`);
    }),
    vscode.commands.registerCommand('cedar.evaluateSelection', async () => {
      const a = editorArgs();
      if (!a) return;
      const expression = a.editor.document.getText(a.editor.selection);
      if (!expression.trim()) {
        void vscode.window.showInformationMessage('Cedar: select an expression to evaluate.');
        return;
      }
      const text = describe(await runServerCommand('cedar.evaluate', [{ uri: a.uri, range: a.range, expression }]));
      if (text) void vscode.window.showInformationMessage(`Cedar: ${expression.trim()} = ${text}`);
    }),
    vscode.commands.registerCommand('cedar.translateSchema', async () => {
      const a = editorArgs();
      if (!a) return;
      const doc = a.editor.document;
      await applyCodeAction(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), vscode.CodeActionKind.Source.value, /^Translate the schema/, 'Translate Schema');
    }),
    vscode.commands.registerCommand('cedar.exportPolicyAsJson', async () => {
      const a = editorArgs();
      if (!a) return;
      await applyCodeAction(a.editor.document.uri, a.editor.selection, vscode.CodeActionKind.Source.value, /^Export policy .* as JSON$/, 'Export Policy as JSON');
    }),
    vscode.commands.registerCommand('cedar.selectSchema', () => status.pick()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('cedar.server.path')) void restart();
    }),
  );

  await startClient(context, results, tests, redraw);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
