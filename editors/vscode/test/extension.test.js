// The client (extension.js) run against stand-ins for VS Code's API and the language
// client: it starts `augur lsp` from the `augur.path` setting, for augur documents, over
// stdio with no added argument; restarts on a change of that setting and on its command;
// says so when the server cannot start; and stops it on deactivation.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const Module = require('node:module');

const events = [];
const settings = { path: '/opt/augur/bin/augur' };
let failStart = false;
const handlers = {};

class FakeClient {
  constructor(id, name, server, options) {
    Object.assign(this, { id, name, server, options });
    FakeClient.last = this;
    events.push(['new', server.run.command, ...server.run.args]);
  }
  async start() {
    events.push(['start']);
    if (failStart) throw new Error('spawn ENOENT');
  }
  async stop() {
    events.push(['stop']);
  }
}

const vscode = {
  workspace: {
    getConfiguration: section => ({ get: key => (section === 'augur' ? settings[key] : undefined) }),
    createFileSystemWatcher: glob => ({ glob }),
    onDidChangeConfiguration: handler => {
      handlers.configuration = handler;
      return { dispose() {} };
    },
  },
  commands: {
    registerCommand: (name, handler) => {
      handlers[name] = handler;
      return { dispose() {} };
    },
  },
  window: { showErrorMessage: message => events.push(['error', message]) },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return vscode;
  if (request === 'vscode-languageclient/node') return { LanguageClient: FakeClient };
  return load.call(this, request, ...rest);
};
const extension = require('../extension.js');

test('starts, restarts and stops `augur lsp`', async () => {
  const context = { subscriptions: [] };
  await extension.activate(context);
  assert.deepEqual(events.splice(0), [['new', '/opt/augur/bin/augur', 'lsp'], ['start']]);
  assert.equal(context.subscriptions.length, 2);

  settings.path = 'augur';
  await handlers.configuration({ affectsConfiguration: s => s === 'augur.path' });
  assert.deepEqual(events.splice(0), [['stop'], ['new', 'augur', 'lsp'], ['start']]);
  await handlers.configuration({ affectsConfiguration: () => false });
  assert.deepEqual(events.splice(0), []);

  failStart = true;
  await handlers['augur.restartServer']();
  const [stop, made, start, [kind, message]] = events.splice(0);
  assert.deepEqual([stop, made, start, kind], [['stop'], ['new', 'augur', 'lsp'], ['start'], 'error']);
  assert.match(message, /could not start `augur lsp` \(spawn ENOENT\).*augur\.path/);

  failStart = false;
  await handlers['augur.restartServer']();
  events.splice(0);
  await extension.deactivate();
  assert.deepEqual(events.splice(0), [['stop']]);
});

test('serves augur documents over stdio, with no added argument', () => {
  const { server, options } = FakeClient.last;
  assert.deepEqual(server.run, { command: 'augur', args: ['lsp'] });
  assert.deepEqual(server.debug, server.run);
  assert.deepEqual(options.documentSelector, [{ language: 'augur' }]);
  assert.equal(options.synchronize.fileEvents.glob, '**/*.augur');
});
