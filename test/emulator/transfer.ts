// Byte pumps for file transfers that honour throttling and connection drops. Bodies are
// streamed in chunks so a 200 MB object never sits in memory.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable, Writable } from 'node:stream';

export interface PumpOptions {
  /** Read at every chunk, so throttle() takes effect mid-transfer. */
  bytesPerSecond: () => number | null;
  /** Destroy the socket once this many body bytes went through. */
  dropAfter?: number;
  /** With dropAfter: send nothing more and keep the socket open until the client closes it. */
  hold?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Paces a running total against a rate; restarts its clock when the rate changes. */
class Pacer {
  private rate: number | null = null;
  private since = 0;
  private bytes = 0;

  constructor(private readonly current: () => number | null) {}

  /** Largest slice to send at once (about 50 ms worth when throttled). */
  sliceSize(): number {
    const rate = this.current();
    return rate ? Math.max(1, Math.floor(rate / 20)) : Number.POSITIVE_INFINITY;
  }

  async account(count: number): Promise<void> {
    const rate = this.current();
    if (rate !== this.rate) {
      this.rate = rate;
      this.since = Date.now();
      this.bytes = 0;
    }
    if (!rate) return;
    this.bytes += count;
    const due = this.since + (this.bytes * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
  }
}

/** Streams `source` into the response; returns 'dropped' after a simulated drop. */
export async function pumpToResponse(source: Readable, res: ServerResponse, options: PumpOptions): Promise<'done' | 'dropped' | 'closed'> {
  const pacer = new Pacer(options.bytesPerSecond);
  let sent = 0;
  if (options.dropAfter === 0) return drop(res, source, Buffer.alloc(0), options.hold);
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      let rest = chunk;
      while (rest.length > 0) {
        if (res.destroyed) {
          source.destroy();
          return 'closed';
        }
        let piece = rest.subarray(0, Math.min(rest.length, pacer.sliceSize()));
        if (options.dropAfter !== undefined && sent + piece.length >= options.dropAfter) {
          piece = piece.subarray(0, options.dropAfter - sent);
          return await drop(res, source, piece, options.hold);
        }
        rest = rest.subarray(piece.length);
        sent += piece.length;
        if (!res.write(piece)) await drainOrClose(res);
        await pacer.account(piece.length);
      }
    }
  } catch {
    res.destroy();
    return 'closed';
  }
  res.end();
  return 'done';
}

async function drop(res: ServerResponse, source: Readable, lastPiece: Buffer, hold = false): Promise<'dropped'> {
  source.destroy();
  if (!res.headersSent) res.flushHeaders();
  await new Promise<void>((resolve) => res.write(lastPiece, () => resolve()));
  if (hold) {
    // Silent from here on: the client decides when the exchange ends.
    if (!res.destroyed) await new Promise<void>((resolve) => res.once('close', () => resolve()));
    return 'dropped';
  }
  res.socket?.destroy();
  return 'dropped';
}

function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/**
 * Copies the request body into `sink`, pacing reads when throttled (TCP backpressure
 * slows the client). `onChunk` sees every stored chunk (for the md5). Returns the byte
 * count, or 'dropped' / 'aborted'.
 */
export async function pumpFromRequest(req: IncomingMessage, sink: Writable, options: PumpOptions, onChunk: (chunk: Buffer) => void): Promise<number | 'dropped' | 'aborted'> {
  const pacer = new Pacer(options.bytesPerSecond);
  let received = 0;
  try {
    if (options.dropAfter === 0) {
      req.socket.destroy();
      return 'dropped';
    }
    for await (const chunk of req as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (options.dropAfter !== undefined && received >= options.dropAfter) {
        req.socket.destroy();
        return 'dropped';
      }
      onChunk(chunk);
      if (!sink.write(chunk)) await drainOrError(sink);
      await pacer.account(chunk.length);
    }
  } catch {
    return 'aborted';
  }
  if (!req.complete) return 'aborted';
  return received;
}

function drainOrError(sink: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      sink.off('error', onError);
      resolve();
    };
    const onError = (err: Error) => {
      sink.off('drain', onDrain);
      reject(err);
    };
    sink.once('drain', onDrain);
    sink.once('error', onError);
  });
}
