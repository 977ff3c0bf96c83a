import * as vscode from 'vscode';
import { abortSignalFor } from '../util/progress';

/**
 * Runs `task` in a progress notification with a Cancel button whose press reaches the
 * task's requests as an AbortSignal.
 */
export function withCancellableProgress<T>(
  title: string,
  task: (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = abortSignalFor(token);
      try {
        return await task(abort.signal, progress);
      } finally {
        abort.dispose();
      }
    },
  );
}
