// The kinds of files cedar-ls serves, by name (docs/LANGUAGE-SERVER.md):
// JSON kinds arrive with language id "json", so the client selects them by
// path pattern, never by language id alone.

export type FileKind =
  | 'policy' | 'policy-json' | 'schema' | 'schema-json' | 'entities'
  | 'links' | 'request' | 'tests' | 'project';

// Suffixes, longest first so ".cedarschema.json" wins over ".json" kinds.
const suffixes: [string, FileKind][] = [
  ['.cedartemplatelinks.json', 'links'],
  ['.cedarentities.json', 'entities'],
  ['.avpentities.json', 'entities'],
  ['.cedarschema.json', 'schema-json'],
  ['.cedartests.json', 'tests'],
  ['.cedarlinks.json', 'links'],
  ['.cedarauth.json', 'request'],
  ['.cedarparc.json', 'request'],
  ['.cedarschema', 'schema'],
  ['.cedar.json', 'policy-json'],
  ['.cedar', 'policy'],
];
const exactNames: Record<string, FileKind> = {
  cedarschema: 'schema',
  'cedarschema.json': 'schema-json',
  'cedarentities.json': 'entities',
  'entities.json': 'entities', // only beside a schema; the server decides
  '.cedar-ls.json': 'project',
};

export function fileKind(filePath: string): FileKind | undefined {
  const base = filePath.split(/[\\/]/).pop()!.toLowerCase();
  if (base in exactNames) return exactNames[base];
  for (const [suffix, kind] of suffixes) if (base.endsWith(suffix)) return kind;
  return undefined;
}

export interface DocumentFilter { language: string; scheme: string; pattern?: string }

// jsonPatterns are the glob patterns of the JSON kinds.
export const jsonPatterns = [
  '**/*.cedar.json',
  '**/*.cedarschema.json',
  '**/cedarschema.json',
  '**/*.cedarentities.json',
  '**/cedarentities.json',
  '**/*.avpentities.json',
  '**/entities.json',
  '**/*.cedartemplatelinks.json',
  '**/*.cedarlinks.json',
  '**/*.cedarauth.json',
  '**/*.cedarparc.json',
  '**/*.cedartests.json',
  '**/.cedar-ls.json',
];

export function documentSelector(): DocumentFilter[] {
  const out: DocumentFilter[] = [];
  for (const scheme of ['file', 'untitled']) {
    out.push({ scheme, language: 'cedar' }, { scheme, language: 'cedarschema' });
  }
  for (const pattern of jsonPatterns) {
    out.push({ scheme: 'file', language: 'json', pattern });
    out.push({ scheme: 'file', language: 'jsonc', pattern });
  }
  return out;
}

// isSchemaFileName says whether a file name is a schema file.
export function isSchemaFile(filePath: string): boolean {
  const k = fileKind(filePath);
  return k === 'schema' || k === 'schema-json';
}
