// What both services' list models share: the states a view can be in and what a failure
// means for them, and numbered loads whose superseded requests are aborted. Pure: no
// `vscode` import; the views map a state to a context key and their welcome content.
import { ApiAudioError } from '../api';
import { NoApiKeyError, ServerNotTrustedError } from '../util/errors';

/**
 * `idle`: not listed yet (AudioStack Files before its view is first shown); `noKey`;
 * `loading`; `ready`; `empty` (listed, nothing there); `authFailed` (the key was
 * rejected); `untrusted` (the person did not confirm the server: the key was not sent);
 * `unreachable` (network or timeout); `failed` (anything else).
 */
export type ListStateKind = 'idle' | 'noKey' | 'loading' | 'ready' | 'empty' | 'authFailed' | 'untrusted' | 'unreachable' | 'failed';

export type FailureKind = Extract<ListStateKind, 'noKey' | 'authFailed' | 'untrusted' | 'unreachable' | 'failed'>;

/** The state a failed load leaves its view in. */
export function failureKind(error: unknown): FailureKind {
  if (error instanceof NoApiKeyError) return 'noKey';
  if (error instanceof ServerNotTrustedError) return 'untrusted';
  if (error instanceof ApiAudioError) {
    if (error.code === 'auth') return 'authFailed';
    if (error.code === 'network' || error.code === 'timeout') return 'unreachable';
  }
  return 'failed';
}

/**
 * Whether what is on screen may stay after a failure of this kind. A rejected key, a
 * missing key or a server the person did not confirm: the listing belongs to a connection
 * that is no longer the one in use, so it must go (and must not come back at the next start).
 */
export function keepsListing(kind: FailureKind): boolean {
  return kind === 'unreachable' || kind === 'failed';
}

/** `background`: nobody asked for this load just now (a start, a change of settings): it never asks a question. */
export interface LoadOptions {
  background?: boolean;
}

/**
 * Numbered loads: each start() makes every earlier load stale and aborts its requests, so
 * a superseded load can finish or fail in any order without effect.
 */
export class LoadGenerations {
  private current = 0;
  private controller = new AbortController();

  /** Starts a generation: aborts the requests of every earlier one. */
  start(): { generation: number; signal: AbortSignal } {
    this.controller.abort();
    this.controller = new AbortController();
    return { generation: ++this.current, signal: this.controller.signal };
  }

  /** The newest generation, and the signal its requests carry. */
  get latest(): { generation: number; signal: AbortSignal } {
    return { generation: this.current, signal: this.controller.signal };
  }

  isCurrent(generation: number): boolean {
    return generation === this.current;
  }

  dispose(): void {
    this.controller.abort();
  }
}
