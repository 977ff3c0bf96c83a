import * as vscode from 'vscode';
import type { Logger, Redactor } from '../api';

/**
 * The one log channel. Every line passes the window's redactor (owned by the key service),
 * so API keys and presigned-URL signatures never reach it, whoever logs.
 */
export class ExtensionLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor(
    name: string,
    private readonly redactor: Redactor,
  ) {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  trace(message: string): void {
    this.channel.trace(this.redactor.redact(message));
  }
  debug(message: string): void {
    this.channel.debug(this.redactor.redact(message));
  }
  info(message: string): void {
    this.channel.info(this.redactor.redact(message));
  }
  warn(message: string): void {
    this.channel.warn(this.redactor.redact(message));
  }
  error(message: string | Error): void {
    const text = message instanceof Error ? (message.stack ?? message.message) : message;
    this.channel.error(this.redactor.redact(text));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
