// The ETag (md5) of an uploaded object. md5 runs at about 800 MiB/s on one core, slower
// than curl sends on loopback (2 GB/s), so hashing a large body on the request path would
// make the emulator the bottleneck of its own benchmark. Small bodies (every functional
// test) are hashed while they stream in and the PUT answers with the ETag, as S3 does;
// large ones are hashed from the stored file on a worker thread after the PUT answered,
// and a GET of that object waits for the hash.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** Bodies from this size up are hashed after the PUT, on the worker. */
export const DEFERRED_HASH_THRESHOLD = 4 << 20;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const buffer = Buffer.allocUnsafe(1 << 20);
parentPort.on('message', ({ id, file }) => {
  try {
    const hash = createHash('md5');
    const fd = fs.openSync(file, 'r');
    try {
      for (let read; (read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, read));
    } finally {
      fs.closeSync(fd);
    }
    parentPort.postMessage({ id, hex: hash.digest('hex') });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

export interface InlineMd5 {
  update(chunk: Buffer): void;
  digest(): string;
}

/** One worker per emulator, started on the first large upload and stopped by close(). */
export class Md5Hasher {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(hex: string): void; reject(error: Error): void }>();
  /** The latest deferred hash of each object (a StoredMedia record). */
  private readonly deferred = new Map<object, Promise<void>>();

  /** Hashes chunks as they arrive (small bodies). */
  inline(): InlineMd5 {
    const hash = createHash('md5');
    return { update: (chunk) => void hash.update(chunk), digest: () => hash.digest('hex') };
  }

  /** Hashes a stored file on the worker thread. Open the file before replacing it: the worker reads by path. */
  hashFile(file: string): Promise<string> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, file });
    });
  }

  /**
   * Hashes `file` on the worker after the PUT answered and hands the digest to `apply`,
   * unless a newer upload of the same `owner` started meanwhile (or it failed: the object
   * was deleted or replaced).
   */
  defer(owner: object, file: string, apply: (hex: string) => void): void {
    const done: Promise<void> = this.hashFile(file).then(
      (hex) => {
        if (this.deferred.get(owner) === done) apply(hex);
      },
      () => undefined,
    ).finally(() => {
      if (this.deferred.get(owner) === done) this.deferred.delete(owner);
    });
    this.deferred.set(owner, done);
  }

  /** Drops the deferred hash of `owner` (a newer upload replaced the object). */
  forget(owner: object): void {
    this.deferred.delete(owner);
  }

  /** Resolves once no deferred hash of `owner` is running. */
  async settled(owner: object): Promise<void> {
    for (let waiting = this.deferred.get(owner); waiting; waiting = this.deferred.get(owner)) await waiting;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    for (const { reject } of this.pending.values()) reject(new Error('the emulator closed'));
    this.pending.clear();
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.unref();
      worker.on('message', ({ id, hex, error }: { id: number; hex?: string; error?: string }) => {
        const waiter = this.pending.get(id);
        this.pending.delete(id);
        if (hex !== undefined) waiter?.resolve(hex);
        else waiter?.reject(new Error(error));
      });
      worker.on('error', (error) => {
        for (const { reject } of this.pending.values()) reject(error);
        this.pending.clear();
        this.worker = undefined;
      });
      this.worker = worker;
    }
    return this.worker;
  }
}
