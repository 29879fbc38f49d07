// Which schema the server uses for a file, for the status bar — the same
// rules, in the same order, as the server's association (docs/LANGUAGE-SERVER.md):
// a schema picked for this file, the setting cedar.schemaFile, a
// .cedar-ls.json at or above the file whose globs match it, then (unless
// cedar.autodetectSchemaFile is false) the nearest folder at or above the
// file that holds schema files. Pure: the file system is passed in.
import * as path from 'node:path';
import { fileKind } from './fileKinds';

export interface SchemaFs {
  readDir(dir: string): string[] | undefined; // file names, undefined if not a folder
  readFile(file: string): string | undefined;
}

export interface SchemaSettings {
  schemaFile: string | string[] | undefined;
  autodetect: boolean;
  picked?: string[]; // chosen with "Select Schema" for this file
}

export interface SchemaChoice {
  files: string[]; // absolute paths of the schema fragments
  source: 'picked' | 'setting' | 'project' | 'folder' | 'none';
  projectFile?: string;
}

function schemaFilesIn(dir: string, fs: SchemaFs): string[] {
  const names = fs.readDir(dir);
  if (!names) return [];
  const lower = new Set(names.map((n) => n.toLowerCase()));
  const out: string[] = [];
  for (const n of [...names].sort()) {
    const k = fileKind(n);
    if (k === 'schema') out.push(path.join(dir, n));
    // a `.cedarschema` wins over its `.cedarschema.json` twin
    if (k === 'schema-json' && !lower.has(n.toLowerCase().replace(/\.json$/, ''))) out.push(path.join(dir, n));
  }
  return out;
}

// globToRegExp handles the globs of .cedar-ls.json: `**` any folders,
// `*` and `?` inside one name, `{a,b}` alternatives.
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const list = (v: unknown): string[] =>
  typeof v === 'string' ? (v ? [v] : []) : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];

// foldersUp lists the file's folder and those above it, up to top (or the root).
function foldersUp(file: string, top: string | undefined): string[] {
  const out: string[] = [];
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    out.push(dir);
    if (dir === top || path.dirname(dir) === dir) return out;
  }
}

export function schemaFor(file: string, workspaceFolder: string | undefined, settings: SchemaSettings, fs: SchemaFs): SchemaChoice {
  if (settings.picked && settings.picked.length) return { files: settings.picked, source: 'picked' };
  const configured = list(settings.schemaFile);
  if (configured.length) {
    const base = workspaceFolder ?? path.dirname(file);
    return { files: configured.map((p) => path.resolve(base, p)), source: 'setting' };
  }
  const dirs = foldersUp(file, workspaceFolder);
  for (const dir of dirs) {
    const projectFile = path.join(dir, '.cedar-ls.json');
    const text = fs.readFile(projectFile);
    if (text === undefined) continue;
    let project: { associations?: { files?: unknown; schema?: unknown }[] };
    try { project = JSON.parse(text); } catch { continue; }
    const rel = path.relative(dir, file).split(path.sep).join('/');
    for (const a of project.associations ?? []) {
      if (list(a.files).some((g) => globToRegExp(g).test(rel)) && list(a.schema).length) {
        return { files: list(a.schema).map((p) => path.resolve(dir, p)), source: 'project', projectFile };
      }
    }
  }
  const kind = fileKind(file);
  if (kind === 'schema' || kind === 'schema-json') {
    return { files: schemaFilesIn(path.dirname(file), fs), source: 'folder' };
  }
  if (!settings.autodetect) return { files: [], source: 'none' };
  for (const dir of dirs) {
    const files = schemaFilesIn(dir, fs);
    if (files.length) return { files, source: 'folder' };
  }
  return { files: [], source: 'none' };
}

// statusText is what the status bar says for a choice.
export function statusText(choice: SchemaChoice, workspaceFolder: string | undefined): { text: string; tooltip: string } {
  if (choice.files.length === 0) {
    return { text: '$(warning) Cedar: no schema', tooltip: 'No schema found for this file: only syntax is checked. Click to pick one.' };
  }
  const rel = (p: string) => (workspaceFolder ? path.relative(workspaceFolder, p) || path.basename(p) : p);
  const names = choice.files.map((p) => path.basename(p));
  const text = names.length === 1 ? `Cedar: ${names[0]}` : `Cedar: ${names.length} schema fragments`;
  const why = {
    picked: 'picked for this file',
    setting: 'from the setting cedar.schemaFile',
    project: `from ${choice.projectFile ? rel(choice.projectFile) : '.cedar-ls.json'}`,
    folder: 'the nearest folder with schema files',
    none: '',
  }[choice.source];
  return { text: `$(symbol-namespace) ${text}`, tooltip: `Schema: ${choice.files.map(rel).join(', ')} (${why}). Click to pick another.` };
}
