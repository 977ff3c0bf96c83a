// One bounded, cached lookup (GET /files/{id}) for AudioStack file IDs written in code that
// the Files view has not loaded. Never a request per keystroke: IDs asked for wait until
// the documents have been still for `debounceMs`; each ID is asked once and its answer
// (found, not found, failed) kept for a while in a bounded cache; at most `maxInFlight`
// requests run at once, each with a deadline; reset() (the key or the address changed) and
// dispose() (the window closes) abort what runs. Pure: no `vscode` import.
import { clientErrorCode } from '../api/errors';
import type { StackFile } from '../api/audiostack/model';
import { Emitter, type Disposable } from '../model/events';

/**
 * What is known of an ID that is not loaded:
 * - `found`: AudioStack has it (the file as GET /files/{id} answered);
 * - `notFound`: AudioStack answered 404;
 * - `failed`: no answer (network, timeout, 5xx): nothing can be said;
 * - `unavailable`: no lookup possible without asking the person (no key, a server not yet
 *   confirmed, a key AudioStack rejects): AudioStack cannot say either way.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * AudioStack file IDs are UUIDs: only a whole one is ever looked up, so the prefixes a
 * person types on the way to one are never sent.
 */
export function looksLikeFileId(value: string): boolean {
  return UUID.test(value);
}

export type FileLookupResult = { kind: 'found'; file: StackFile } | { kind: 'notFound' } | { kind: 'failed' } | { kind: 'unavailable' };

/** The one call the lookup makes (the Files client's). */
export interface FileLookupApi {
  getFile(fileId: string, options: { signal?: AbortSignal }): Promise<StackFile>;
}

export interface FileLookupOptions {
  /** The client when it is usable without asking the person anything; undefined otherwise. */
  connect: () => Promise<FileLookupApi | undefined>;
  /** Quiet time after the last request() before anything is sent. */
  debounceMs?: number;
  /** Answers kept (the oldest go first). */
  maxEntries?: number;
  /** How long answers stay: found, not found, and no answer (failed, unavailable). */
  foundTtlMs?: number;
  notFoundTtlMs?: number;
  failedTtlMs?: number;
  /** Requests running at once. */
  maxInFlight?: number;
  /** IDs waiting for a turn; beyond that the oldest wait is dropped (asked again on the next edit). */
  maxQueued?: number;
  /** Time limit of one lookup, retries included. */
  deadlineMs?: number;
  /** Logs one line per failed lookup (the error's message is already redacted by the client). */
  log?: (message: string) => void;
  now?: () => number;
}

interface CacheEntry {
  result: FileLookupResult;
  expires: number;
}

export const LOOKUP_DEFAULTS = Object.freeze({
  debounceMs: 800,
  maxEntries: 500,
  foundTtlMs: 10 * 60_000,
  notFoundTtlMs: 2 * 60_000,
  failedTtlMs: 30_000,
  maxInFlight: 2,
  maxQueued: 50,
  deadlineMs: 15_000,
});

export class FileLookupCache implements Disposable {
  private readonly options: Required<Omit<FileLookupOptions, 'log'>> & Pick<FileLookupOptions, 'log'>;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly queue = new Set<string>();
  private readonly running = new Map<string, AbortController>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by reset(): an answer of an older generation is dropped. */
  private generation = 0;
  private disposed = false;
  private readonly changeEmitter = new Emitter<void>();
  /** Fires when answers arrived (or were forgotten). */
  readonly onDidChange = this.changeEmitter.event;

  constructor(options: FileLookupOptions) {
    this.options = { ...LOOKUP_DEFAULTS, now: Date.now, ...options };
  }

  /** The answer for `fileId`; 'pending' while it waits or runs; undefined when never asked (or expired). */
  result(fileId: string): FileLookupResult | 'pending' | undefined {
    if (this.queue.has(fileId) || this.running.has(fileId)) return 'pending';
    const entry = this.cache.get(fileId);
    if (!entry) return undefined;
    if (entry.expires <= this.options.now()) {
      this.cache.delete(fileId);
      return undefined;
    }
    return entry.result;
  }

  /**
   * Asks for these IDs once the documents have been still for `debounceMs` (each call starts
   * that wait again). IDs already answered, waiting or running are not asked again; values
   * that are not UUIDs are ignored.
   */
  request(fileIds: Iterable<string>): void {
    if (this.disposed) return;
    let added = false;
    for (const fileId of fileIds) {
      if (!looksLikeFileId(fileId) || this.result(fileId) !== undefined) continue;
      this.queue.add(fileId);
      added = true;
      while (this.queue.size > this.options.maxQueued) this.queue.delete(this.queue.values().next().value as string);
    }
    if (!added && this.timer === undefined) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, this.options.debounceMs);
  }

  /**
   * Asks for one ID now, without the quiet time (a person hovered it), and waits up to
   * `timeoutMs` for its answer. Resolves with the answer, or undefined when there is none
   * in time (or `cancelled()` says the caller no longer needs it).
   */
  settle(fileId: string, timeoutMs: number, cancelled?: () => boolean): Promise<FileLookupResult | undefined> {
    if (this.disposed || !looksLikeFileId(fileId)) return Promise.resolve(undefined);
    // A hover is a person asking: a kept "no answer" (failed, unavailable) is asked again now.
    const known = this.result(fileId);
    const askAgain = known !== undefined && known !== 'pending' && (known.kind === 'failed' || known.kind === 'unavailable');
    if (askAgain) this.cache.delete(fileId);
    if (known === undefined || askAgain || this.queue.has(fileId)) {
      this.queue.delete(fileId);
      if (this.running.size < this.options.maxInFlight) void this.lookUp(fileId);
      else {
        const rest = [...this.queue];
        this.queue.clear();
        for (const id of [fileId, ...rest]) this.queue.add(id);
      }
    }
    const answer = (): FileLookupResult | undefined => {
      const result = this.result(fileId);
      return result === 'pending' ? undefined : result;
    };
    if (answer()) return Promise.resolve(answer());
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        subscription.dispose();
        resolve(answer());
      };
      const timer = setTimeout(finish, timeoutMs);
      const subscription = this.onDidChange(() => {
        if (this.result(fileId) !== 'pending' || cancelled?.()) finish();
      });
    });
  }

  /** Forgets every answer and aborts what runs (the key or the address changed). */
  reset(): void {
    this.generation++;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const hadAny = this.cache.size > 0 || this.running.size > 0 || this.queue.size > 0;
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
    this.queue.clear();
    this.cache.clear();
    if (hadAny) this.changeEmitter.fire();
  }

  /** Requests running now (for tests and the log). */
  get inFlight(): number {
    return this.running.size;
  }

  private pump(): void {
    while (!this.disposed && this.running.size < this.options.maxInFlight && this.queue.size > 0) {
      const fileId = this.queue.values().next().value as string;
      this.queue.delete(fileId);
      void this.lookUp(fileId);
    }
  }

  private async lookUp(fileId: string): Promise<void> {
    const generation = this.generation;
    const controller = new AbortController();
    this.running.set(fileId, controller);
    const deadline = setTimeout(() => controller.abort(), this.options.deadlineMs);
    let result: FileLookupResult;
    try {
      const api = await this.options.connect();
      if (!api) result = { kind: 'unavailable' };
      else if (controller.signal.aborted) result = { kind: 'failed' };
      else result = { kind: 'found', file: await api.getFile(fileId, { signal: controller.signal }) };
    } catch (error) {
      result = classify(error);
      if (result.kind === 'failed' && generation === this.generation && !this.disposed) {
        this.options.log?.(`Looking up the AudioStack file ${fileId} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      clearTimeout(deadline);
    }
    if (generation !== this.generation || this.disposed) return;
    this.running.delete(fileId);
    this.store(fileId, result);
    this.changeEmitter.fire();
    this.pump();
  }

  private store(fileId: string, result: FileLookupResult): void {
    const ttl = result.kind === 'found' ? this.options.foundTtlMs : result.kind === 'notFound' ? this.options.notFoundTtlMs : this.options.failedTtlMs;
    this.cache.delete(fileId);
    this.cache.set(fileId, { result, expires: this.options.now() + ttl });
    while (this.cache.size > this.options.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
  }

  dispose(): void {
    this.reset();
    this.disposed = true;
    this.changeEmitter.dispose();
  }
}

/** The client's error by its code (clientErrorCode: safe across the two bundles). */
function classify(error: unknown): FileLookupResult {
  const code = clientErrorCode(error);
  if (code === 'not-found') return { kind: 'notFound' };
  // A key AudioStack rejects: it cannot say whether the file exists.
  if (code === 'auth') return { kind: 'unavailable' };
  return { kind: 'failed' };
}
