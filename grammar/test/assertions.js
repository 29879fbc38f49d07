// Scope assertions written inside fixture files, below the line they test:
//   //    ^^^^ scope.a scope.b -scope.c
//   // <--- scope.a
// `^` marks the columns it stands under; `<-…-` marks columns 0.. (one per
// `-`), for tokens the `//` itself would cover. Every marked column's token
// must carry all listed scopes and none of those prefixed with `-`.
'use strict';

const assertionLine = /^(\s*\/\/)(\s*)(<-+|\^+)\s+(\S.*)$/;

// parseAssertions splits a fixture into source lines and assertions
// {line (0-based index into the original text), cols, want, notWant, srcLine}.
function parseAssertions(text) {
  const lines = text.split(/\r?\n/);
  const out = [];
  let lastSource = -1;
  lines.forEach((line, i) => {
    const m = assertionLine.exec(line);
    if (!m || lastSource < 0) {
      if (!m) lastSource = i;
      return;
    }
    const [, lead, gap, marker, scopeText] = m;
    let cols;
    if (marker.startsWith('<')) {
      cols = Array.from({ length: marker.length - 1 }, (_, k) => k);
    } else {
      const first = lead.length + gap.length;
      cols = Array.from({ length: marker.length }, (_, k) => first + k);
    }
    const words = scopeText.trim().split(/\s+/);
    out.push({
      line: i + 1,
      srcLine: lastSource,
      cols,
      want: words.filter((w) => !w.startsWith('-')),
      notWant: words.filter((w) => w.startsWith('-')).map((w) => w.slice(1)),
    });
  });
  return out;
}

module.exports = { parseAssertions };
