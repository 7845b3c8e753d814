#!/usr/bin/env node
// Prints, as JSON, how the TextMate grammar scopes each file named: for each file, each
// token as [line, first byte, byte past the end, innermost scope], lines and bytes counted
// from 0 (tests/editors.rs compares them with the tree-sitter grammar's nodes).
'use strict';

const fs = require('node:fs');
const { loadGrammar, INITIAL } = require('./textmate.js');

const bytes = (line, index) => Buffer.byteLength(line.slice(0, index));

async function main() {
  const grammar = await loadGrammar();
  const out = {};
  for (const file of process.argv.slice(2)) {
    let state = INITIAL;
    out[file] = fs.readFileSync(file, 'utf8').split('\n').flatMap((line, row) => {
      const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
      state = ruleStack;
      return tokens.map(t => [
        row, bytes(line, t.startIndex), bytes(line, t.endIndex), t.scopes[t.scopes.length - 1],
      ]);
    });
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
