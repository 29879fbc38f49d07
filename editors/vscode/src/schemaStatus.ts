// The status bar item naming the schema of the active Cedar file; click it
// to pick another (sent to the server as cedar.associateSchema).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fileKind, isSchemaFile } from './fileKinds';
import { schemaFor, statusText, SchemaFs } from './schemaFor';

const diskFs: SchemaFs = {
  readDir: (dir) => { try { return fs.readdirSync(dir); } catch { return undefined; } },
  readFile: (file) => { try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; } },
};

export class SchemaStatus implements vscode.Disposable {
  private item = vscode.window.createStatusBarItem('cedar.schema', vscode.StatusBarAlignment.Right, 100);
  private picked = new Map<string, string[]>(); // document path → schema paths
  private disposables: vscode.Disposable[] = [];

  constructor(private associate: (documentUri: string, schemaUri: string) => Promise<unknown>) {
    this.item.name = 'Cedar Schema';
    this.item.command = 'cedar.selectSchema';
    const watcher = vscode.workspace.createFileSystemWatcher('**/{*.cedarschema,cedarschema,*.cedarschema.json,cedarschema.json,.cedar-ls.json}');
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.update()),
      watcher.onDidDelete(() => this.update()),
      watcher.onDidChange((u) => u.fsPath.endsWith('.cedar-ls.json') && this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('cedar') && this.update()),
    );
    this.update();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const kind = doc && doc.uri.scheme === 'file' ? fileKind(doc.uri.fsPath) : undefined;
    if (!doc || !kind || kind === 'project') {
      this.item.hide();
      return;
    }
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath;
    const c = vscode.workspace.getConfiguration('cedar', doc.uri);
    const choice = schemaFor(doc.uri.fsPath, folder, {
      schemaFile: c.get<string | string[]>('schemaFile'),
      autodetect: c.get<boolean>('autodetectSchemaFile', true),
      picked: this.picked.get(doc.uri.fsPath),
    }, diskFs);
    const { text, tooltip } = statusText(choice, folder);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.show();
  }

  async pick(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.uri.scheme !== 'file' || !fileKind(doc.uri.fsPath)) {
      void vscode.window.showInformationMessage('Cedar: open a Cedar file to pick its schema.');
      return;
    }
    const files = (await vscode.workspace.findFiles('**/{*.cedarschema,cedarschema,*.cedarschema.json,cedarschema.json}', '**/node_modules/**', 200))
      .filter((u) => isSchemaFile(u.fsPath));
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath;
    const chosen = await vscode.window.showQuickPick(
      files.map((u) => ({ label: path.basename(u.fsPath), description: folder ? path.relative(folder, path.dirname(u.fsPath)) : u.fsPath, uri: u })),
      { placeHolder: `Schema for ${path.basename(doc.uri.fsPath)}` },
    );
    if (!chosen) return;
    this.picked.set(doc.uri.fsPath, [chosen.uri.fsPath]);
    await this.associate(doc.uri.toString(), chosen.uri.toString());
    this.update();
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
