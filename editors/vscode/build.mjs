// Builds the extension: copies the TextMate grammars from grammar/ (their
// single source) into syntaxes/, and bundles the client with esbuild.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const grammarDir = join(here, '..', '..', 'grammar');
mkdirSync(join(here, 'syntaxes'), { recursive: true });
for (const f of ['cedar.tmLanguage.json', 'cedarschema.tmLanguage.json', 'cedar-markdown-injection.tmLanguage.json']) {
  copyFileSync(join(grammarDir, f), join(here, 'syntaxes', f));
}
await build({
  entryPoints: [join(here, 'src', 'extension.ts')],
  outfile: join(here, 'dist', 'extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  sourcemap: false,
  minify: true,
  logLevel: 'warning',
});
