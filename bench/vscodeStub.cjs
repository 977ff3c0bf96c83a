/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node without tsx */
// A stand-in `vscode` module for measuring the bundle outside VS Code: every member is a
// callable, constructible object whose members are the same; events return disposables.
// `visible` is false and secrets/globalState are empty unless the caller sets them.
'use strict';
const Module = require('node:module');

function stub(name) {
  const fn = function () {};
  return new Proxy(fn, {
    get(target, key) {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.toPrimitive) return () => `stub:${name}`;
      if (key === 'dispose') return () => undefined;
      if (key === 'visible') return false;
      if (!(key in target)) target[key] = stub(`${name}.${String(key)}`);
      return target[key];
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`),
  });
}

/** The namespace members the extension uses (esbuild copies a module's own keys). */
const NAMES = 'CancellationError CodeAction CodeActionKind CompletionItem CompletionItemKind CompletionList ConfigurationTarget DataTransfer DataTransferFile DataTransferItem Diagnostic DiagnosticSeverity Disposable DocumentDropEdit EventEmitter ExtensionMode Hover InlayHint InlayHintLabelPart MarkdownString Position ProgressLocation Range TabInputCustom TabInputText ThemeIcon TreeItem TreeItemCollapsibleState Uri WorkspaceEdit commands env l10n languages window workspace'.split(' ');

function install() {
  const api = { version: '1.90.0-stub' };
  for (const name of NAMES) api[name] = stub(name);
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode-stub' : original.call(this, request, ...rest);
  };
  require.cache['vscode-stub'] = { id: 'vscode-stub', filename: 'vscode-stub', loaded: true, exports: api };
  return api;
}

module.exports = { install, stub };
