// One request's lifetime: the caller's AbortSignal, a timeout (total or idle) and the
// detection of a connection dropped mid-body, combined into one AbortSignal for node-fetch.

import * as http from 'node:http';
import * as https from 'node:https';

type AbortReason = 'cancelled' | 'timeout';

/** Error put on a response body whose connection closed before the body was complete. */
export class PrematureCloseError extends Error {
  readonly code = 'ERR_STREAM_PREMATURE_CLOSE';
  constructor() {
    super('Premature close');
  }
}

interface DestroyableStream {
  destroy(error?: Error): unknown;
  destroyed?: boolean;
}

export class RequestLifetime {
  private readonly controller = new AbortController();
  private abortReason: AbortReason | undefined;
  private timer: NodeJS.Timeout | undefined;
  private body: DestroyableStream | undefined;
  private closedEarly = false;
  private readonly onCallerAbort = (): void => this.abort('cancelled');

  /**
   * @param timeoutMs total time allowed, or, when `idle`, the longest pause between two
   *   signs of progress (`touch()`), so large transfers are not cut off.
   */
  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly timeoutMs: number,
    private readonly idle = false,
  ) {
    if (callerSignal?.aborted) {
      this.abort('cancelled');
      return;
    }
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.startTimer();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the request was aborted, if it was. */
  get reason(): AbortReason | undefined {
    return this.abortReason;
  }

  /** True when the server closed the connection before the whole body arrived. */
  get prematurelyClosed(): boolean {
    return this.closedEarly;
  }

  /** Progress was made: restart the idle timer. */
  touch(): void {
    if (this.idle && this.abortReason === undefined) {
      this.startTimer();
    }
  }

  /**
   * node-fetch 2 never ends or errors a body whose Content-Length connection was cut, so
   * watch the IncomingMessage itself through a per-request agent and fail the body then.
   */
  readonly agent = (url: URL): http.Agent => {
    const agent = url.protocol === 'https:' ? new https.Agent() : new http.Agent();
    // addRequest is the one agent hook that sees the ClientRequest; it is not in @types/node.
    const withHook = agent as unknown as { addRequest(req: http.ClientRequest, options: unknown): void };
    const original = withHook.addRequest;
    withHook.addRequest = (req, options) => {
      req.once('response', (res: http.IncomingMessage) => {
        res.once('close', () => {
          if (!res.complete) {
            this.markClosedEarly();
          }
        });
      });
      original.call(agent, req, options);
    };
    return agent;
  };

  /** The response body to fail if the connection drops (see `agent`). */
  attachBody(body: NodeJS.ReadableStream): void {
    this.body = body as unknown as DestroyableStream;
    if (this.closedEarly) {
      this.failBody();
    }
  }

  /**
   * Ends the request for good: clears the timer, forgets the caller's signal and aborts
   * the connection, so a body nobody reads (a stalled or unwanted response) does not keep
   * its socket open. Harmless once the body has been consumed: node-fetch then no longer
   * listens to the signal.
   */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    if (!this.controller.signal.aborted) {
      // node-fetch emits the abort as an 'error' on an unread body: nobody listens any more.
      const body = this.body as unknown as { on?(event: 'error', listener: () => void): unknown } | undefined;
      body?.on?.('error', ignore);
      this.controller.abort();
    }
  }

  private markClosedEarly(): void {
    if (this.abortReason !== undefined) {
      return;
    }
    this.closedEarly = true;
    this.failBody();
  }

  private failBody(): void {
    if (this.body && !this.body.destroyed) {
      this.body.destroy(new PrematureCloseError());
    }
  }

  private startTimer(): void {
    clearTimeout(this.timer);
    if (this.timeoutMs > 0 && Number.isFinite(this.timeoutMs)) {
      this.timer = setTimeout(() => this.abort('timeout'), this.timeoutMs);
    }
  }

  private abort(reason: AbortReason): void {
    if (this.abortReason !== undefined) {
      return;
    }
    this.abortReason = reason;
    clearTimeout(this.timer);
    this.controller.abort();
  }
}

function ignore(): void {
  // Deliberately empty: see dispose().
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
