// Loads the grammars of grammar/ into vscode-textmate (the tokenizer VS Code
// itself uses, with the Oniguruma regex engine compiled to WebAssembly) and
// tokenizes text into per-character scope lists.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const grammarDir = path.join(__dirname, '..');
const grammarFiles = {
  'source.cedar': path.join(grammarDir, 'cedar.tmLanguage.json'),
  'source.cedarschema': path.join(grammarDir, 'cedarschema.tmLanguage.json'),
  'markdown.cedar.codeblock': path.join(grammarDir, 'cedar-markdown-injection.tmLanguage.json'),
  // A stand-in for VS Code's Markdown grammar: the injection only needs a
  // host scope named text.html.markdown to attach to.
  'text.html.markdown': path.join(__dirname, 'markdown-host.tmLanguage.json'),
};

let registryPromise;
function registry() {
  if (!registryPromise) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
    registryPromise = oniguruma.loadWASM(wasm).then(() => new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) => {
        const file = grammarFiles[scopeName];
        if (!file) return null;
        return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
      },
      getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? ['markdown.cedar.codeblock'] : []),
    }));
  }
  return registryPromise;
}

async function loadGrammar(scopeName) {
  const g = await (await registry()).loadGrammar(scopeName);
  if (!g) throw new Error(`grammar ${scopeName} not found`);
  return g;
}

// tokenizeLines returns, per line, the tokens {start, end, text, scopes}.
async function tokenizeLines(scopeName, text) {
  const grammar = await loadGrammar(scopeName);
  let stack = vsctm.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({
      start: t.startIndex,
      end: Math.min(t.endIndex, line.length),
      text: line.slice(t.startIndex, t.endIndex),
      scopes: t.scopes,
    }));
  });
}

// scopesAt returns the scopes of the token covering column col.
function scopesAt(tokens, col) {
  const t = tokens.find((tok) => tok.start <= col && col < tok.end);
  return t ? t.scopes : [];
}

module.exports = { loadGrammar, tokenizeLines, scopesAt };
