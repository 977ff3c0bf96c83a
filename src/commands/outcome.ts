// Wording shared by the commands that act on several files and report once at the end.
import * as vscode from 'vscode';
import { isCancellation, type Redactor } from '../api';
import { formatCount } from '../util/l10nFormat';
import { firstSentence } from '../util/text';
import type { Services } from './services';

export interface Failure {
  name: string;
  error: unknown;
  /** The local file, when there is one (uploads). */
  path?: string;
}

/** A short, secret-free reason: the error's first sentence. */
export function shortReason(error: unknown, redactor: Redactor): string {
  const message = redactor.redact(error instanceof Error ? error.message : String(error)).trim();
  return firstSentence(message).replace(/\.$/, '');
}

/** "x.wav (reason)", "x.wav (reason), y.mp3 (reason)", at most `limit` then "… and N more" (in the display language). */
export function describeFailures(failures: readonly Failure[], redactor: Redactor, limit = 3): string {
  const shown = failures
    .slice(0, limit)
    .map((failure) => vscode.l10n.t({ message: '{0} ({1})', args: [failure.name, shortReason(failure.error, redactor)], comment: ['A file name and why it failed'] }))
    .join(', ');
  const more = failures.length - limit;
  return more > 0
    ? vscode.l10n.t({ message: '{0} and {1} more', args: [shown, formatCount(vscode.env.language, more)], comment: ['{0} lists failed files with their reasons, {1} is how many more failed'] })
    : shown;
}

export function isCancelled(error: unknown): boolean {
  return isCancellation(error) || error instanceof vscode.CancellationError;
}

/** Logs each failure in full (the summary shows only a short reason). */
export function logFailures(services: Services, what: string, failures: readonly Failure[]): void {
  for (const failure of failures) {
    const error = failure.error;
    services.logger.error(`${what} ${failure.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

/** Shows a message with actions without waiting for the person to answer. */
export function notify(
  services: Pick<Services, 'redactor'>,
  kind: 'info' | 'warning' | 'error',
  message: string,
  actions: Array<{ title: string; run: () => unknown }> = [],
): void {
  const show =
    kind === 'info' ? vscode.window.showInformationMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  // Summaries quote errors, paths and names: they pass the window's redactor like the log.
  Promise.resolve(show(services.redactor.redact(message), ...actions.map((action) => action.title)))
    .then((choice) => actions.find((action) => action.title === choice)?.run())
    .then(undefined, (error: unknown) => console.error('api.audio: a notification action failed', error));
}
