/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node without tsx */
// Child process of the activation row: times require() and activate() of the production
// bundle with a stub `vscode`, and counts network connections opened before the view is
// visible (it never is here). Prints one JSON line.
'use strict';
const net = require('node:net');
const path = require('node:path');
const os = require('node:os');
const { install, stub } = require('./vscodeStub.cjs');

async function main() {
  const bundle = process.argv[2];
  const withKey = process.argv[3] === 'key';
  const vscode = install();
  // Settings at their defaults (the real base URL): a refresh would open a connection.
  vscode.window.withProgress = (_options, task) => task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) });
  vscode.workspace.getConfiguration = () => ({ get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined });
  let connections = 0;
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    connections++;
    return connect.apply(this, args);
  };
  const storage = path.join(os.tmpdir(), `apiaudio-activation-${process.pid}`);
  const memento = { get: () => undefined, update: async () => undefined, keys: () => [] };
  const context = {
    subscriptions: [],
    secrets: { get: async () => (withKey ? 'probe-key-0123456789abcdef0123456789' : undefined), store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose() {} }) },
    globalState: memento,
    workspaceState: memento,
    globalStorageUri: { scheme: 'file', fsPath: storage },
    extensionUri: { scheme: 'file', fsPath: path.dirname(bundle) },
    extension: { packageJSON: { version: '0.0.0-probe' } },
    extensionMode: 1,
    environmentVariableCollection: stub('env'),
  };
  process.env.apiaudio_key = '';
  const t0 = process.hrtime.bigint();
  const extension = require(bundle);
  const t1 = process.hrtime.bigint();
  extension.activate(context);
  const t2 = process.hrtime.bigint();
  // Let start-up run for a while, as it would while the view stays hidden.
  await new Promise((resolve) => setTimeout(resolve, 300));
  console.log(JSON.stringify({ requireMs: Number(t1 - t0) / 1e6, activateMs: Number(t2 - t1) / 1e6, connections }));
  for (const disposable of context.subscriptions) {
    try {
      disposable.dispose();
    } catch {
      // stubs
    }
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
