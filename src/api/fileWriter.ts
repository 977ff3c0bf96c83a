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
 * Writes chunks in order at increasing positions of a file while the caller receives the
 * next ones; chunks that arrive during a write go out together in the next (one writev).
 * `write` resolves at once while at most `maxUnwritten` bytes wait, otherwise once enough
 * are written (`offer` + `whenRoom` do the same without a promise per chunk); a failed write rejects the next `write` or `flush`. `onWritten` sees the
 * byte count of every finished write, in order.
 */
export class PipelinedFileWriter {
  private queue: Buffer[] = [];
  private unwritten = 0;
  private running: Promise<void> | undefined;
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
    if (!this.offer(chunk)) {
      await this.whenRoom();
    }
    this.throwIfFailed();
  }

  /**
   * Queues `chunk` without waiting (no promise per chunk, for a `data` handler). False
   * when more than the bound now waits: stop receiving until `whenRoom()` resolves.
   * Throws a failed write's error.
   */
  offer(chunk: Buffer): boolean {
    this.throwIfFailed();
    this.queue.push(chunk);
    this.unwritten += chunk.length;
    this.running ??= this.drain();
    return this.unwritten <= this.maxUnwritten;
  }

  /** Resolves once at most the bound waits to be written, or a write failed. */
  async whenRoom(): Promise<void> {
    while (this.unwritten > this.maxUnwritten && !this.failure) {
      await new Promise<void>((resolve) => this.drained.push(resolve));
    }
  }

  /** Waits for every write; rejects with the first write's failure. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    this.throwIfFailed();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.failure) {
      let batch = this.queue;
      this.queue = [];
      const bytes = batch.reduce((sum, chunk) => sum + chunk.length, 0);
      try {
        for (let done = 0; done < bytes; ) {
          const { bytesWritten } = await this.handle.writev(batch, this.position + done);
          done += bytesWritten;
          if (done < bytes) batch = rest(batch, bytesWritten);
        }
        this.position += bytes;
        this.onWritten(bytes);
      } catch (error) {
        this.failure = { error: this.toError(error) };
      } finally {
        this.unwritten -= bytes;
        this.drained.splice(0).forEach((resolve) => resolve());
      }
    }
    this.running = undefined;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}

/** The buffers after the first `skip` bytes (a short write). */
function rest(buffers: Buffer[], skip: number): Buffer[] {
  const result: Buffer[] = [];
  for (const buffer of buffers) {
    if (skip >= buffer.length) {
      skip -= buffer.length;
      continue;
    }
    result.push(skip > 0 ? buffer.subarray(skip) : buffer);
    skip = 0;
  }
  return result;
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
