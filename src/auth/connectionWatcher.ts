// Turns "the key or a connection setting may have changed" into "the connection changed".
// Pure: no `vscode` import, so its ordering is unit-tested in plain Node.
import { Emitter, type Event } from '../model/events';

/**
 * Reads the connection id after every recheck(), one read after another, and fires
 * onDidChange when a read differs from the one before it. Nothing else moves the baseline:
 * callers that read the connection in between cannot swallow a change.
 */
export class ConnectionWatcher {
  private readonly changeEmitter = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changeEmitter.event;
  private checks: Promise<string | undefined>;

  constructor(private readonly read: () => Promise<string | undefined>) {
    this.checks = this.safeRead();
  }

  /** Queues a read; fires when it differs from the previous read. */
  recheck(): void {
    this.checks = this.checks.then(async (previous) => {
      const current = await this.safeRead();
      if (current !== previous) this.changeEmitter.fire();
      return current;
    });
  }

  /** Resolves once every recheck so far has been read (and announced). */
  async settled(): Promise<void> {
    await this.checks;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  private safeRead(): Promise<string | undefined> {
    return this.read().catch(() => undefined);
  }
}
