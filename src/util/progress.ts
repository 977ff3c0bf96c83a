// Progress helpers shared by the transfer commands. Only type imports from `vscode`, so
// the aggregation is unit-tested in plain Node; the messages are
// in the display language (@vscode/l10n, see src/api/l10n.ts).
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { displayLanguage } from '../api/l10n';
import { formatCount, formatSize } from './l10nFormat';
import { fileCount } from './text';

/** An AbortSignal that aborts when `token` is cancelled; dispose() to stop listening. */
export function abortSignalFor(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const subscription = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => subscription.dispose() };
}

export interface ProgressStep {
  message?: string;
  increment?: number;
}

/**
 * Turns per-file byte counts into `withProgress` reports: the message names the bytes
 * ("3.1 MB of 12 MB", and "2 of 4 files" for several, in the display language), the increments add up to 100 with
 * every file weighing the same. Reports are throttled; a finished file reports at once.
 */
export class TransferProgressReporter {
  private readonly fraction = new Map<string, number>();
  private readonly bytes = new Map<string, { label: string; transferred: number; total?: number; status?: string }>();
  private done = 0;
  private reported = 0;
  private lastReport = Number.NEGATIVE_INFINITY;
  /** A report held back by the throttle is sent when the interval ends. */
  private trailing: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly report: (step: ProgressStep) => void,
    private readonly fileCount: number,
    private readonly intervalMs = 100,
    private readonly now: () => number = Date.now,
  ) {}

  /** `key` identifies the file (two files may share a name); `label` is shown. */
  update(key: string, label: string, transferred: number, total?: number): void {
    this.bytes.set(key, { label, transferred, total });
    if (total && total > 0) this.fraction.set(key, Math.min(1, transferred / total));
    const wait = this.intervalMs - (this.now() - this.lastReport);
    if (wait <= 0) {
      this.flush(key);
    } else if (!this.trailing) {
      // Without this, a burst that ends inside the interval would leave "0 B of …" on screen.
      this.trailing = setTimeout(() => this.flush(key), wait);
    }
  }

  /** Shows what a file waits for once its bytes are sent ("processing on AudioStack…"), at once. */
  status(key: string, label: string, text: string): void {
    const bytes = this.bytes.get(key);
    this.bytes.set(key, { label, transferred: bytes?.total ?? bytes?.transferred ?? 0, total: bytes?.total, status: text });
    this.flush(key);
  }

  /** Stops a held-back report (the transfers ended). */
  dispose(): void {
    clearTimeout(this.trailing);
    this.trailing = undefined;
  }

  finish(key: string): void {
    this.fraction.set(key, 1);
    const bytes = this.bytes.get(key);
    if (bytes?.total !== undefined) bytes.transferred = bytes.total;
    this.done++;
    this.flush(key);
  }

  private flush(key: string): void {
    this.dispose();
    this.lastReport = this.now();
    let sum = 0;
    for (const value of this.fraction.values()) sum += value;
    const percent = (sum / Math.max(1, this.fileCount)) * 100;
    const increment = Math.max(0, percent - this.reported);
    this.reported += increment;
    const current = this.bytes.get(key);
    const language = displayLanguage();
    const bytes = current
      ? current.status !== undefined
        ? current.status
        : current.total !== undefined
        ? l10n.t({
            message: '{0} of {1}',
            args: [formatSize(language, current.transferred), formatSize(language, current.total)],
            comment: ['Bytes sent of a file\'s size: "3.1 MB of 12 MB"'],
          })
        : formatSize(language, current.transferred)
      : undefined;
    let message = bytes;
    if (this.fileCount > 1) {
      const done = formatCount(language, this.done);
      const files = fileCount(this.fileCount);
      message =
        bytes && this.done < this.fileCount
          ? l10n.t({
              message: '{0} of {1} · {2}: {3}',
              args: [done, files, current!.label, bytes],
              comment: ['Files done of all, then one file\'s progress: "2 of 4 files · a.wav: 3.1 MB of 12 MB"'],
            })
          : l10n.t({ message: '{0} of {1}', args: [done, files], comment: ['Files done of all: "2 of 4 files"'] });
    }
    this.report({ message, increment });
  }
}
