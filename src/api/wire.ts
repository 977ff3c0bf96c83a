// One HTTP exchange on node:http(s).request, with no private agent: inside VS Code the
// extension host patches these very functions (http.proxy, http.proxySupport,
// http.noProxy, system certificates), and in plain Node the global agent keeps
// connections alive. Seeing the IncomingMessage itself is what makes a connection dropped
// mid-body an error, and what lets every body be read with a cap.

import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';

/** Caps on bodies read into memory (bytes). Streamed file bodies are never buffered. */
export const BODY_LIMITS = Object.freeze({
  /**
   * The media listing: a 100,000-item library is 10–25 MB of JSON (100–250 bytes an
   * item), so this leaves room for twice that; and buffering it stays well under the
   * 100 MB a hostile answer may cost the extension host.
   */
  listing: 48 * 1024 * 1024,
  /** Any other API answer (tags, upload link, delete). */
  api: 1024 * 1024,
  /** Error bodies (S3 XML, API errors on transfers) are read only this far. */
  error: 8 * 1024,
});

export interface WireRequest {
  method: string;
  headers: Record<string, string>;
  /** A request body: sent as is (string/Buffer) or piped (stream). */
  body?: string | Buffer | Readable;
  signal: AbortSignal;
}

export interface WireResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The response body; read it, or destroy it (`discard`) to free the connection. */
  body: http.IncomingMessage;
  /** One header as a string (repeated headers joined with `, `). */
  header(name: string): string | undefined;
}

/** The error an aborted exchange fails with (`lifetime.reason` says why). */
export class AbortedError extends Error {
  constructor() {
    super('The request was aborted.');
    this.name = 'AbortError';
  }
}

/** A body longer than the cap the caller set; the connection has been closed. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

/**
 * Sends one request and resolves with the response head. Never follows redirects. The
 * request and its response are destroyed when `signal` aborts, until the body has ended.
 */
export function send(url: string, request: WireRequest): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    if (request.signal.aborted) {
      reject(new AbortedError());
      return;
    }
    const parsed = new URL(url);
    if (parsed.username !== '' || parsed.password !== '') {
      // Node would send them as Authorization: Basic. Callers refuse such links with a
      // clear message first (Transport.checkStorageLink, validateBaseUrl); this is the floor.
      reject(new Error('A URL with a user name or password is never requested.'));
      return;
    }
    // Looked up on the module at call time: VS Code replaces `request` on these objects.
    const transport = parsed.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    let res: http.IncomingMessage | undefined;
    const onAbort = (): void => {
      const error = new AbortedError();
      res?.destroy(error);
      req.destroy(error);
      reject(error);
    };
    const forget = (): void => request.signal.removeEventListener('abort', onAbort);
    try {
      req = transport.request(parsed, { method: request.method, headers: request.headers });
    } catch (error) {
      reject(error);
      return;
    }
    request.signal.addEventListener('abort', onAbort, { once: true });
    req.once('error', (error) => {
      forget();
      reject(error);
    });
    req.once('response', (incoming) => {
      res = incoming;
      // Someone must listen: an unread body that errors must not crash the process.
      incoming.on('error', () => undefined);
      incoming.once('close', forget);
      resolve({
        status: incoming.statusCode ?? 0,
        headers: incoming.headers,
        body: incoming,
        header: (name) => headerValue(incoming.headers[name.toLowerCase()]),
      });
    });
    const body = request.body;
    if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
      req.end(body);
    } else {
      pump(body, req);
    }
  });
}

/**
 * Bytes of a streamed body handed to the request but not yet sent: reading goes on while
 * they drain, so reading the file and sending overlap (`pipe` waits for the socket's own
 * 16 KiB buffer to drain before it reads again: half the speed on loopback).
 */
export const SEND_WINDOW = 8 << 20;

/** `body.pipe(req)` with a larger window; the body's owner still destroys it. */
function pump(body: Readable, req: http.ClientRequest): void {
  let inFlight = 0;
  let paused = false;
  const onData = (chunk: Buffer): void => {
    inFlight += chunk.length;
    req.write(chunk, () => {
      inFlight -= chunk.length;
      if (paused && inFlight <= SEND_WINDOW / 2) {
        paused = false;
        body.resume();
      }
    });
    if (inFlight > SEND_WINDOW && !paused) {
      paused = true;
      body.pause();
    }
  };
  const onEnd = (): void => {
    req.end();
  };
  const onError = (error: Error): void => {
    req.destroy(error);
  };
  body.on('data', onData);
  body.once('end', onEnd);
  body.once('error', onError);
  req.once('close', () => {
    body.off('data', onData);
    body.off('end', onEnd);
    body.pause();
  });
}

/** Reads the whole body into memory, failing with BodyTooLargeError past `limit` bytes. */
export async function readBody(response: WireResponse, limit: number): Promise<Buffer> {
  const announced = Number(response.header('content-length'));
  if (Number.isFinite(announced) && announced > limit) {
    discard(response);
    throw new BodyTooLargeError(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      discard(response);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * At most `limit` bytes of a body we only quote (an error answer), as text; the rest is
 * not read: the connection is closed instead. Never throws.
 */
export async function readBodyPrefix(response: WireResponse, limit: number = BODY_LIMITS.error): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) {
        discard(response);
        break;
      }
    }
  } catch {
    // A broken error body is still an error answer: quote what arrived.
  }
  return Buffer.concat(chunks, size).subarray(0, limit).toString('utf8');
}

/** Drops a body nobody will read, and its connection (draining could take forever). */
export function discard(response: WireResponse): void {
  if (!response.body.readableEnded) {
    response.body.destroy();
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : value;
}
