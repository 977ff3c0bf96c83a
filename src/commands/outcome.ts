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
  return firstOf(failures, limit, (failure) =>
    vscode.l10n.t({ message: '{0} ({1})', args: [failure.name, shortReason(failure.error, redactor)], comment: ['A file name and why it failed'] }),
  );
}

/** The first `limit` of `items` on one line, then "and 3 more": "a.wav, b.mp3 and 3 more" (in the display language). */
export function firstOf<T>(items: readonly T[], limit: number, show: (item: T) => string): string {
  const shown = items.slice(0, limit).map(show).join(', ');
  const more = items.length - limit;
  return more > 0
    ? vscode.l10n.t({ message: '{0} and {1} more', args: [shown, formatCount(vscode.env.language, more)], comment: ['{0} is a list of names (or of files with why they failed), {1} how many more there are'] })
    : shown;
}

/** The first `limit` lines, then a line "and 3 more": the list in a confirmation's detail. */
export function firstLines(lines: readonly string[], limit: number): string {
  const shown = lines.slice(0, limit);
  if (lines.length > limit) {
    shown.push(vscode.l10n.t({ message: 'and {0} more', args: [formatCount(vscode.env.language, lines.length - limit)], comment: ['{0} is how many more are not listed'] }));
  }
  return shown.join('\n');
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
  services: Pick<Services, 'redactor' | 'logger'>,
  kind: 'info' | 'warning' | 'error',
  message: string,
  actions: Array<{ title: string; run: () => unknown }> = [],
): void {
  const show =
    kind === 'info' ? vscode.window.showInformationMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  // Summaries quote errors, paths and names: they pass the window's redactor like the log.
  Promise.resolve(show(services.redactor.redact(message), ...actions.map((action) => action.title)))
    .then((choice) => actions.find((action) => action.title === choice)?.run())
    .then(undefined, (error: unknown) => services.logger.error(`A notification's action failed: ${error instanceof Error ? error.message : String(error)}`));
}
