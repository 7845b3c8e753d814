#!/usr/bin/env node
// Renders excerpts of the shipped rules as VS Code colours them (this extension's TextMate
// grammar run by vscode-textmate, coloured by the scopes of VS Code's Dark Modern theme,
// likelihoods in orange to stand out) into target/augur-highlight.html, then takes
// docs/editor.png of it with headless Chromium. From the repository's root, after
// `npm ci` in editors/vscode:
//   node editors/vscode/scripts/screenshot.js
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { loadGrammar, INITIAL } = require('./textmate.js');

const root = path.join(__dirname, '..', '..', '..');

// What is shown: [file, first line, last line], one-based and inclusive.
const EXCERPTS = [
  ['rules/great_powers.augur', 9, 22],
  ['rules/scenarios.augur', 21, 29],
  ['rules/tests.augur', 45, 52],
];

// Scope prefixes to colours, the most specific first (Dark Modern's palette).
const THEME = [
  ['comment', '#6a9955'],
  ['constant.character.escape', '#d7ba7d'],
  ['invalid', '#f44747'],
  ['string', '#ce9178'],
  ['constant.language', '#e5a04b'],
  ['constant.numeric', '#b5cea8'],
  ['constant.other', '#4fc1ff'],
  ['variable', '#9cdcfe'],
  ['keyword.operator', '#c586c0'],
  ['keyword', '#c586c0'],
  ['entity.name.function.predicate', '#dcdcaa'],
  ['entity.name.function', '#dcdcaa'],
  ['entity.name.type', '#4ec9b0'],
  ['entity.name.namespace', '#4ec9b0'],
  ['punctuation', '#d4d4d4'],
];

function colour(scopes) {
  for (const scope of [...scopes].reverse()) {
    const hit = THEME.find(([prefix]) => scope === prefix || scope.startsWith(`${prefix}.`));
    if (hit) return hit[1];
  }
  return '#cccccc';
}

const escape = text =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function main() {
  const grammar = await loadGrammar();

  const blocks = EXCERPTS.map(([file, first, last]) => {
    const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
    let state = INITIAL;
    const html = lines.slice(0, last).map((line, i) => {
      const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
      state = ruleStack;
      const spans = tokens.map(t => {
        const text = escape(line.slice(t.startIndex, t.endIndex));
        return `<span style="color:${colour(t.scopes)}">${text}</span>`;
      });
      return `<span class="n">${i + 1}</span>${spans.join('')}`;
    });
    return `<div class="file">${file}</div><pre>${html.slice(first - 1).join('\n')}</pre>`;
  });

  const page = `<!doctype html><meta charset="utf-8"><style>
body { margin: 0; background: #1f1f1f; font: 13px/1.45 "DejaVu Sans Mono", monospace; }
.file { color: #9d9d9d; background: #181818; padding: 6px 14px; border-top: 1px solid #2b2b2b; }
pre { margin: 0; padding: 8px 14px; color: #cccccc; white-space: pre; }
.n { display: inline-block; width: 3.5em; color: #6e7681; user-select: none; }
</style>${blocks.join('\n')}`;

  const target = path.join(root, 'target');
  fs.mkdirSync(target, { recursive: true });
  const html = path.join(target, 'augur-highlight.html');
  fs.writeFileSync(html, page);
  const lineCount = EXCERPTS.reduce((n, [, a, b]) => n + b - a + 1, 0);
  const height = Math.ceil(lineCount * 13 * 1.45 + EXCERPTS.length * 44 + 8);
  const png = path.join(root, 'docs', 'editor.png');
  execFileSync(process.env.CHROMIUM || 'chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars',
    `--user-data-dir=${path.join(target, 'chromium-profile')}`,
    `--window-size=1180,${height}`, `--screenshot=${png}`, `file://${html}`,
  ], { stdio: 'ignore' });
  process.stdout.write(`wrote ${path.relative(root, png)} (${lineCount} lines)\n`);
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
