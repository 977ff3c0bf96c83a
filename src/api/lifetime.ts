// One request's lifetime: the caller's AbortSignal, a timeout (total or idle) and a
// throughput floor for transfers, combined into one AbortSignal for the exchange.

type AbortReason = 'cancelled' | 'timeout' | 'slow';

/** A transfer slower than `bytesPerSecond` over a whole `windowMs` is given up. */
export interface ThroughputFloor {
  bytesPerSecond: number;
  windowMs: number;
}

export class RequestLifetime {
  private readonly controller = new AbortController();
  private abortReason: AbortReason | undefined;
  private timer: NodeJS.Timeout | undefined;
  private floorTimer: NodeJS.Timeout | undefined;
  private bytesInWindow = 0;
  private readonly onCallerAbort = (): void => this.abort('cancelled');

  /**
   * @param timeoutMs total time allowed, or, when `idle`, the longest pause between two
   *   signs of progress (`touch()`), so large transfers are not cut off.
   * @param floor when set, also the least throughput accepted over a whole window, so a
   *   server trickling a byte now and then cannot hold a transfer forever.
   */
  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly timeoutMs: number,
    private readonly idle = false,
    private readonly floor?: ThroughputFloor,
  ) {
    if (callerSignal?.aborted) {
      this.abort('cancelled');
      return;
    }
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.startTimer();
    this.startFloorWindow();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the request was aborted, if it was. */
  get reason(): AbortReason | undefined {
    return this.abortReason;
  }

  /** The throughput floor in force (for messages). */
  get throughputFloor(): ThroughputFloor | undefined {
    return this.floor;
  }

  /** Progress was made (`bytes` moved): restart the idle timer, count towards the floor. */
  touch(bytes = 0): void {
    if (this.abortReason !== undefined) {
      return;
    }
    this.bytesInWindow += bytes;
    if (this.idle) {
      // Called per received chunk: re-arm the same timer rather than make a new one.
      if (this.timer) this.timer.refresh();
      else this.startTimer();
    }
  }

  /**
   * Ends the request for good: clears the timers, forgets the caller's signal and aborts
   * the exchange, so a body nobody reads does not keep its socket open. Harmless once the
   * body has ended: the exchange no longer listens to the signal then.
   */
  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.floorTimer);
    this.timer = undefined;
    this.floorTimer = undefined;
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    if (!this.controller.signal.aborted) {
      this.controller.abort();
    }
  }

  private startTimer(): void {
    clearTimeout(this.timer);
    if (this.timeoutMs > 0 && Number.isFinite(this.timeoutMs)) {
      this.timer = setTimeout(() => this.abort('timeout'), this.timeoutMs);
    }
  }

  private startFloorWindow(): void {
    const floor = this.floor;
    if (!floor || !(floor.bytesPerSecond > 0) || !(floor.windowMs > 0)) {
      return;
    }
    this.bytesInWindow = 0;
    this.floorTimer = setTimeout(() => {
      if (this.bytesInWindow < (floor.bytesPerSecond * floor.windowMs) / 1000) {
        this.abort('slow');
      } else {
        this.startFloorWindow();
      }
    }, floor.windowMs);
  }

  private abort(reason: AbortReason): void {
    if (this.abortReason !== undefined) {
      return;
    }
    this.abortReason = reason;
    clearTimeout(this.timer);
    clearTimeout(this.floorTimer);
    this.controller.abort();
  }
}

/** Resolves after `ms`, or rejects with `onAbort()` as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(onAbort());
      return;
    }
    const done = (): void => {
      signal?.removeEventListener('abort', cancel);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const cancel = (): void => {
      clearTimeout(timer);
      reject(onAbort());
    };
    signal?.addEventListener('abort', cancel, { once: true });
  });
}
