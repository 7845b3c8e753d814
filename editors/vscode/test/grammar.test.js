// The TextMate grammar `source.augur`, run by the engine VS Code runs it with
// (vscode-textmate over the Oniguruma regex library): every file of rules/ and
// tests/cases/ is tokenized, and each token a small reference lexer finds (a comment, a
// string, a keyword, a likelihood, a variable, an integer, a probability, a name) must
// carry the scope of its kind; then a few lines whose every scope is written out.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { loadGrammar, grammarPath, INITIAL } = require('../scripts/textmate.js');
const built = require('../scripts/build-grammar.js');

const root = path.join(__dirname, '..', '..', '..');

const grammarPromise = loadGrammar();

/** Each line's tokens: `{ text, start, end, scopes }`. */
async function tokenize(text) {
  const grammar = await grammarPromise;
  let state = INITIAL;
  return text.split('\n').map(line => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map(t => ({
      text: line.slice(t.startIndex, t.endIndex),
      start: t.startIndex,
      end: t.endIndex,
      scopes: t.scopes,
    }));
  });
}

/** The scopes at column `column` of a tokenized line. */
function scopesAt(tokens, column) {
  const token = tokens.find(t => t.start <= column && column < t.end);
  return token ? token.scopes : [];
}

/**
 * The reference lexer: augur's lexical structure (docs/LANGUAGE.md, section 1), one line
 * at a time, as `{ kind, text, start }`.
 */
function lex(line) {
  const out = [];
  const re = /(#.*$)|("(?:[^"\\]|\\.)*"?)|(\?[a-z_][a-z0-9_]*)|([0-9]+(?:\.[0-9]+%?|%))|(-?[0-9]+)|([a-z_][a-z0-9_]*)|\S/gy;
  let m;
  while (re.lastIndex < line.length) {
    const ws = /\s*/y;
    ws.lastIndex = re.lastIndex;
    ws.exec(line);
    re.lastIndex = ws.lastIndex;
    if (re.lastIndex >= line.length || !(m = re.exec(line))) break;
    const kinds = ['comment', 'string', 'variable', 'probability', 'integer', 'word'];
    const kind = kinds.find((_, i) => m[i + 1] !== undefined) || 'punctuation';
    out.push({ kind, text: m[0], start: m.index });
  }
  return out;
}

const LIKELIHOODS = new Set(built.LIKELIHOODS);
const KEYWORDS = new Set([...built.DECLARATIONS, ...built.CONNECTIVES, ...built.OPERATORS]);

/** The scope a reference token must carry (a prefix of one of its scopes). */
function expectedScope(token, previous) {
  switch (token.kind) {
    case 'comment': return 'comment.line.number-sign.augur';
    case 'string': return 'string.quoted.double.augur';
    case 'variable': return 'variable.other.augur';
    case 'probability': return 'constant.numeric.probability.augur';
    case 'integer': return 'constant.numeric.integer.augur';
    case 'word':
      if (LIKELIHOODS.has(token.text)) return 'constant.language.likelihood.augur';
      if (
        KEYWORDS.has(token.text)
        || (token.text === 'most' && previous === 'at')
        || (token.text === 'probability' && previous === 'with')
      ) {
        return 'keyword.';
      }
      return 'name';
    default: return null;
  }
}

function augurFiles() {
  const dirs = [path.join(root, 'rules'), path.join(root, 'tests', 'cases')];
  return dirs.flatMap(dir =>
    fs.readdirSync(dir).filter(f => f.endsWith('.augur')).sort().map(f => path.join(dir, f)));
}

test('the committed grammar is what scripts/build-grammar.js writes', () => {
  assert.equal(fs.readFileSync(grammarPath, 'utf8'), built.text);
});

test('every token of every rule file carries the scope of its kind', async () => {
  const files = augurFiles();
  assert.ok(files.length >= 60, `only ${files.length} files found`);
  const counts = {};
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const tokenized = await tokenize(text);
    lines.forEach((line, i) => {
      let previous = null;
      for (const token of lex(line)) {
        const want = expectedScope(token, previous);
        previous = token.text;
        if (want === null) continue;
        const scopes = scopesAt(tokenized[i], token.start);
        const where = `${path.relative(root, file)}:${i + 1}:${token.start + 1} \`${token.text}\``;
        counts[want] = (counts[want] || 0) + 1;
        if (want === 'name') {
          // A name is never taken for a keyword, a likelihood, a comment or a string.
          assert.ok(
            !scopes.some(s => /^(keyword|constant\.language|comment|string)/.test(s)),
            `${where}: a name scoped ${scopes.join(' ')}`,
          );
        } else {
          assert.ok(scopes.some(s => s.startsWith(want)), `${where}: wanted ${want}, got ${scopes.join(' ')}`);
          // A token is scoped whole: the grammar's token does not stop inside it.
          const end = token.start + token.text.length;
          assert.ok(
            scopesAt(tokenized[i], end - 1).some(s => s.startsWith(want)),
            `${where}: scoped only in part`,
          );
        }
      }
    });
  }
  // Every kind occurs in the shipped rules, so none of the checks above is vacuous.
  const kinds = [
    'comment', 'string', 'variable', 'keyword.', 'constant.language',
    'constant.numeric.probability', 'name',
  ];
  for (const kind of kinds) {
    assert.ok(Object.keys(counts).some(k => k.startsWith(kind)), `no ${kind} token checked`);
  }
});

/** `[text, scope]` pairs of a line, whitespace left out, the innermost scope of each. */
async function scoped(line) {
  const [tokens] = await tokenize(line);
  return tokens
    .filter(t => t.text.trim() !== '')
    .map(t => [t.text.trim(), t.scopes[t.scopes.length - 1].replace(/\.augur$/, '')]);
}

test('names, predicates and constants in their places', async () => {
  assert.deepEqual(await scoped('fact iran is great_power_competitor [likely]'), [
    ['fact', 'keyword.other.declaration'],
    ['iran', 'constant.other'],
    ['is', 'entity.name.function.predicate'],
    ['great_power_competitor', 'constant.other'],
    ['[', 'punctuation.section.brackets'],
    ['likely', 'constant.language.likelihood'],
    [']', 'punctuation.section.brackets'],
  ]);
  assert.deepEqual(await scoped('rule quick: p(?a, 3) and not "x" q implies ?a r'), [
    ['rule', 'keyword.other.declaration'],
    ['quick', 'entity.name.function.rule'],
    [':', 'punctuation.separator.colon'],
    ['p', 'entity.name.function.predicate'],
    ['(', 'punctuation.parenthesis.begin'],
    ['?a', 'variable.other'],
    [',', 'punctuation.separator.comma'],
    ['3', 'constant.numeric.integer'],
    [')', 'punctuation.parenthesis.end'],
    ['and', 'keyword.operator.logical'],
    ['not', 'keyword.operator.logical'],
    ['"', 'punctuation.definition.string.begin'],
    ['x', 'string.quoted.double'],
    ['"', 'punctuation.definition.string.end'],
    ['q', 'entity.name.function.predicate'],
    ['implies', 'keyword.control'],
    ['?a', 'variable.other'],
    ['r', 'entity.name.function.predicate'],
  ]);
  assert.deepEqual(await scoped('scenario s1 extends s0 {'), [
    ['scenario', 'keyword.other.declaration'],
    ['s1', 'entity.name.type.scenario'],
    ['extends', 'keyword.control'],
    ['s0', 'entity.name.type.scenario'],
    ['{', 'punctuation.section.block'],
  ]);
  assert.deepEqual(await scoped('test "t in" in s1 { expect not conflict c }  # done'), [
    ['test', 'keyword.other.declaration'],
    ['"', 'punctuation.definition.string.begin'],
    ['t in', 'string.quoted.double'],
    ['"', 'punctuation.definition.string.end'],
    ['in', 'keyword.control'],
    ['s1', 'entity.name.type.scenario'],
    ['{', 'punctuation.section.block'],
    ['expect', 'keyword.control'],
    ['not', 'keyword.operator.logical'],
    ['conflict', 'keyword.control'],
    ['c', 'entity.name.function.rule'],
    ['}', 'punctuation.section.block'],
    ['# done', 'comment.line.number-sign'],
  ]);
  assert.deepEqual(await scoped('  cite seed "a \\u{200b} b \\q" # c'), [
    ['cite', 'keyword.control'],
    ['seed', 'entity.name.namespace.document'],
    ['"', 'punctuation.definition.string.begin'],
    ['a', 'string.quoted.double'],
    ['\\u{200b}', 'constant.character.escape'],
    ['b', 'string.quoted.double'],
    ['\\q', 'invalid.illegal.escape'],
    ['"', 'punctuation.definition.string.end'],
    ['# c', 'comment.line.number-sign'],
  ]);
  assert.deepEqual(await scoped('expect a most at most likely'), [
    ['expect', 'keyword.control'],
    ['a', 'constant.other'],
    ['most', 'entity.name.function.predicate'],
    ['at', 'keyword.control'],
    ['most', 'keyword.control'],
    ['likely', 'constant.language.likelihood'],
  ]);
  assert.deepEqual(await scoped('rule gap: a p 3 implies b q 72.5% choice vacuum'), [
    ['rule', 'keyword.other.declaration'],
    ['gap', 'entity.name.function.rule'],
    [':', 'punctuation.separator.colon'],
    ['a', 'constant.other'],
    ['p', 'entity.name.function.predicate'],
    ['3', 'constant.numeric.integer'],
    ['implies', 'keyword.control'],
    ['b', 'constant.other'],
    ['q', 'entity.name.function.predicate'],
    ['72.5%', 'constant.numeric.probability'],
    ['choice', 'keyword.control'],
    ['vacuum', 'entity.name.label.choice'],
  ]);
  const line = 'fact p(a) [0.72]  expect a probability with probability at most 1.0';
  assert.deepEqual(await scoped(line), [
    ['fact', 'keyword.other.declaration'],
    ['p', 'entity.name.function.predicate'],
    ['(', 'punctuation.parenthesis.begin'],
    ['a', 'constant.other'],
    [')', 'punctuation.parenthesis.end'],
    ['[', 'punctuation.section.brackets'],
    ['0.72', 'constant.numeric.probability'],
    [']', 'punctuation.section.brackets'],
    ['expect', 'keyword.control'],
    ['a', 'constant.other'],
    ['probability', 'entity.name.function.predicate'],
    ['with', 'keyword.control'],
    ['probability', 'keyword.control'],
    ['at', 'keyword.control'],
    ['most', 'keyword.control'],
    ['1.0', 'constant.numeric.probability'],
  ]);
});
