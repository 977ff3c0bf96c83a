// Transfers at the loopback limit: larger reads for uploads, downloads that receive the next
// chunk while the previous one is being written (bounded), progress on a timer rather than
// per chunk. Pure Node: no `vscode` import.
import type { promises as fs } from 'node:fs';

/** Upload read size: 64 KiB reads cost a third of the upload speed on loopback. */
export const UPLOAD_READ_SIZE = 1 << 20;

/** At most this many received bytes wait to be written before receiving pauses. */
export const MAX_UNWRITTEN_BYTES = 8 << 20;

/** Progress is reported at most this often (and once more at the end). */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Writes chunks one after another at increasing positions of a file while the caller
 * receives the next ones. `write` resolves at once while fewer than `maxUnwritten` bytes
 * wait, otherwise once enough are written; a failed write rejects the next `write` or
 * `flush`. `onWritten` sees the byte count of every finished write, in order.
 */
export class PipelinedFileWriter {
  private tail: Promise<void> = Promise.resolve();
  private unwritten = 0;
  private failure: { error: unknown } | undefined;
  private readonly drained: Array<() => void> = [];

  constructor(
    private readonly handle: fs.FileHandle,
    private position: number,
    private readonly onWritten: (bytes: number) => void,
    /** Maps a failed write to what the caller throws. */
    private readonly toError: (error: unknown) => unknown = (error) => error,
    private readonly maxUnwritten = MAX_UNWRITTEN_BYTES,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    this.throwIfFailed();
    const at = this.position;
    this.position += chunk.length;
    this.unwritten += chunk.length;
    this.tail = this.tail.then(async () => {
      if (this.failure) return;
      try {
        let offset = 0;
        while (offset < chunk.length) {
          const { bytesWritten } = await this.handle.write(chunk, offset, chunk.length - offset, at + offset);
          offset += bytesWritten;
        }
        this.onWritten(chunk.length);
      } catch (error) {
        this.failure = { error: this.toError(error) };
      } finally {
        this.unwritten -= chunk.length;
        this.drained.splice(0).forEach((resolve) => resolve());
      }
    });
    while (this.unwritten > this.maxUnwritten && !this.failure) {
      await new Promise<void>((resolve) => this.drained.push(resolve));
    }
    this.throwIfFailed();
  }

  /** Waits for every write; rejects with the first write's failure. */
  async flush(): Promise<void> {
    await this.tail;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}

/** Calls `report` at most every `intervalMs` while `update` is called, and on `flush`. */
export class ProgressTimer {
  private last = 0;
  private pending = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly report: () => void,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}

  update(): void {
    const now = Date.now();
    if (now - this.last >= this.intervalMs) {
      this.fire(now);
      return;
    }
    this.pending = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      if (this.pending) this.fire(Date.now());
    }, this.intervalMs - (now - this.last));
    this.timer.unref?.();
  }

  /** Reports what is pending now and stops the timer. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending) this.fire(Date.now());
  }

  private fire(now: number): void {
    this.pending = false;
    this.last = now;
    this.report();
  }
}
