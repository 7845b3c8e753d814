// The augur extension's client: starts `augur lsp` (the binary named by the `augur.path`
// setting) over stdio for every `.augur` file, and restarts it when that setting changes.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** The client for the binary the settings name now. */
function makeClient() {
  const command = vscode.workspace.getConfiguration('augur').get('path') || 'augur';
  // No `transport`: the client then talks over the process's stdin and stdout without
  // adding `--stdio` to the arguments, which `augur lsp` does not take.
  const executable = { command, args: ['lsp'] };
  return new LanguageClient(
    'augur',
    'augur language server',
    { run: executable, debug: executable },
    {
      documentSelector: [{ language: 'augur' }],
      synchronize: {
        // A change to any rule file on disk can change what an open one means.
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*.augur'),
      },
    },
  );
}

async function start() {
  client = makeClient();
  try {
    await client.start();
  } catch (error) {
    const path = vscode.workspace.getConfiguration('augur').get('path');
    vscode.window.showErrorMessage(
      `augur: could not start \`${path} lsp\` (${error.message}). ` +
        'Install augur (`cargo install --path .` in its checkout) or set `augur.path`.',
    );
  }
}

async function restart() {
  if (client) {
    const old = client;
    client = undefined;
    await old.stop().catch(() => {});
  }
  await start();
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('augur.restartServer', restart),
    vscode.workspace.onDidChangeConfiguration(event =>
      event.affectsConfiguration('augur.path') ? restart() : undefined,
    ),
  );
  await start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
