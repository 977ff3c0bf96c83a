import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('api.audio', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('apiAudio.showLog', () => log.show()),
    vscode.commands.registerCommand('apiAudio.refresh', () => undefined),
    vscode.commands.registerCommand('apiAudio.setApiKey', () => undefined),
    vscode.commands.registerCommand('apiAudio.removeApiKey', () => undefined),
  );
}

export function deactivate(): void {}
