// An independent, deliberately simple Cedar lexer (policies and schemas),
// used to cross-check the grammars: every lexeme it finds must be coloured
// as its kind says, on any file, without hand-written expectations.
'use strict';

const policyWords = {
  permit: 'keyword.control.permit', forbid: 'keyword.control.forbid',
  when: 'keyword.control.when', unless: 'keyword.control.unless',
  if: 'keyword.control.conditional', then: 'keyword.control.conditional', else: 'keyword.control.conditional',
  in: 'keyword.operator.expression.in', is: 'keyword.operator.expression.is', has: 'keyword.operator.expression.has', like: 'keyword.operator.expression.like',
  principal: 'variable.language', action: 'variable.language', resource: 'variable.language', context: 'variable.language',
  true: 'constant.language.boolean', false: 'constant.language.boolean',
};
const schemaWords = {
  namespace: 'storage.type.namespace', entity: 'storage.type.entity', action: 'storage.type.action', type: 'storage.type.type',
  in: 'keyword.other.in', appliesTo: 'keyword.other.appliesto', tags: 'keyword.other.tags', enum: 'keyword.other.enum',
  Long: 'support.type.primitive', String: 'support.type.primitive', Bool: 'support.type.primitive', Boolean: 'support.type.primitive',
  Set: 'support.type', Record: 'support.type', Entity: 'support.type', Extension: 'support.type',
};

// lex returns [{line, col, text, want}] where want is a scope prefix the
// lexeme's first character must carry (null: any scope except the root).
function lex(text, kind) {
  const out = [];
  const lines = text.split(/\r?\n/);
  const words = kind === 'policy' ? policyWords : schemaWords;
  let prev = ''; // previous significant lexeme, across lines
  let inAppliesTo = false;
  lines.forEach((line, ln) => {
    let i = 0;
    const push = (len, want) => {
      const t = line.slice(i, i + len);
      out.push({ line: ln, col: i, text: t, want });
      prev = t;
      i += len;
    };
    while (i < line.length) {
      const rest = line.slice(i);
      let m;
      if ((m = /^\s+/.exec(rest))) { i += m[0].length; continue; }
      if (rest.startsWith('//')) { out.push({ line: ln, col: i, text: rest, want: 'comment.line.double-slash' }); break; }
      if ((m = /^"(?:[^"\\]|\\.)*"?/.exec(rest))) {
        // a string key in a schema record is a property name; others are strings
        push(m[0].length, 'string.quoted.double');
        continue;
      }
      if ((m = /^@\s*[_a-zA-Z][_a-zA-Z0-9]*/.exec(rest))) { push(m[0].length, 'storage.type.annotation'); continue; }
      if ((m = /^\?(principal|resource)\b/.exec(rest)) && kind === 'policy') { push(m[0].length, 'variable.parameter.slot'); continue; }
      if ((m = /^[0-9]+/.exec(rest))) { push(m[0].length, 'constant.numeric.integer'); continue; }
      if ((m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(rest))) {
        const w = m[0];
        const after = line.slice(i + w.length);
        const isKey = /^\s*\??\s*:(?!:)/.test(after);
        const afterDot = prev === '.';
        const isCall = /^\s*\(/.test(after);
        let want = null;
        if (kind === 'policy') {
          if (afterDot) want = isCall ? null : 'variable.other.property';
          else if (isKey && !(w in policyWords)) want = 'variable.other.property';
          else if (/^\s*::/.test(after)) want = w === '__cedar' ? 'support.namespace' : 'entity.name';
          else if (w in policyWords) want = policyWords[w];
        } else {
          if (w === 'appliesTo') inAppliesTo = true;
          if (isKey) want = inAppliesTo && /^(principal|resource|context)$/.test(w) ? 'variable.language' : 'variable.other.property';
          else if (/^\s*::/.test(after)) want = w === '__cedar' ? 'support.namespace' : 'entity.name.namespace';
          else if (w in schemaWords) want = schemaWords[w];
        }
        push(w.length, want);
        continue;
      }
      if ((m = /^(::|==|!=|<=|>=|&&|\|\||[-+*<>!=?])/.exec(rest))) { push(m[0].length, kind === 'policy' && m[0] !== '::' ? 'keyword.operator' : null); continue; }
      if (kind === 'schema' && rest[0] === ';') inAppliesTo = false;
      if (kind === 'policy' && /[%/&|=]/.test(rest[0])) { push(1, 'invalid.illegal.operator'); continue; }
      push(1, rest[0] === '.' || /[(){}[\];,:]/.test(rest[0]) ? 'punctuation' : null);
    }
  });
  return out;
}

module.exports = { lex };
