// Responses a hostile or broken server sends, for the client's hardening tests. Every
// body is generated as it is sent (with backpressure), so the emulator's own memory stays
// flat however large the body, and it stops as soon as the client hangs up.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGzip } from 'node:zlib';

/** Hostile answers to API calls (`/file/customaudio…`). */
export type ApiHostileKind = 'gzip-bomb' | 'endless-json' | 'huge-listing' | 'huge-error';
/** Hostile answers to file GETs (`/s3/…`). */
export type ObjectHostileKind = 'html-200' | 'huge-xml-403' | 'echo-403' | 'trickle';

export interface HostileOptions {
  /** Body size for gzip-bomb (inflated), huge-listing, huge-error and huge-xml-403 (default 300 MB). */
  bytes?: number;
  /** huge-listing, huge-error: announce the length up front (Content-Length) instead of chunking. */
  announceLength?: boolean;
  /** trickle: one byte every this many ms (default 1500). */
  intervalMs?: number;
  /** huge-error: the status (default 400). */
  status?: number;
  /** huge-error: the text the `message` starts with, before the filler. */
  message?: string;
}

export interface HostileRule {
  kind: ApiHostileKind | ObjectHostileKind;
  remaining: number;
  options: HostileOptions;
}

const DEFAULT_BYTES = 300 * 1024 * 1024;
const CHUNK = 64 * 1024;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function sendApiHostile(res: ServerResponse, rule: HostileRule): Promise<void> {
  const bytes = rule.options.bytes ?? DEFAULT_BYTES;
  if (rule.kind === 'gzip-bomb') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    const gzip = createGzip({ level: 1 });
    gzip.pipe(res);
    res.once('close', () => gzip.destroy());
    await writeRepeated(gzip, Buffer.alloc(CHUNK, 0x20), bytes, res);
    gzip.end();
    return;
  }
  if (rule.kind === 'huge-error') {
    // A rejection whose JSON `message` starts with the reason, then runs to `bytes` bytes.
    const status = rule.options.status ?? 400;
    const head = `{"message":${JSON.stringify(`${rule.options.message ?? 'Request rejected.'} `).slice(0, -1)}`;
    const tail = '"}';
    const filler = Math.max(0, bytes - head.length - tail.length);
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (rule.options.announceLength) headers['Content-Length'] = String(Buffer.byteLength(head) + filler + tail.length);
    res.writeHead(status, headers);
    res.write(head);
    if (await writeRepeated(res, Buffer.from('and so on '.repeat(CHUNK / 8)).subarray(0, CHUNK), filler, res)) res.end(tail);
    return;
  }
  if (rule.kind === 'endless-json') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"savedAudioFiles":[');
    await writeRepeated(res, Buffer.from('{"mediaId":"endless","filename":"endless.mp3","tags":[]},'.repeat(1000)), Number.POSITIVE_INFINITY, res);
    return;
  }
  // huge-listing: a syntactically valid listing of about `bytes` bytes.
  const item = '{"mediaId":"0000abcd","filename":"huge-listing-item.mp3","tags":["huge"]},';
  const count = Math.max(1, Math.floor((bytes - 64) / item.length));
  const head = '{"savedAudioFiles":[';
  const tail = `{"mediaId":"last","filename":"last.mp3","tags":[]}],"totalCount":${count + 1}}`;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (rule.options.announceLength) headers['Content-Length'] = String(head.length + count * item.length + tail.length);
  res.writeHead(200, headers);
  res.write(head);
  const block = Buffer.from(item.repeat(1000));
  const full = Math.floor(count / 1000);
  if (!(await writeRepeated(res, block, full * block.length, res))) return;
  res.write(item.repeat(count - full * 1000));
  res.end(tail);
}

export async function sendObjectHostile(req: IncomingMessage, res: ServerResponse, rule: HostileRule, object?: { bytes: Buffer; etag: string }): Promise<void> {
  if (rule.kind === 'html-200') {
    const page = '<!doctype html><html><head><title>Sign in to the Wi-Fi</title></head><body><form>Accept the terms</form></body></html>';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(page)) });
    res.end(page);
    return;
  }
  if (rule.kind === 'echo-403') {
    // S3's SignatureDoesNotMatch quotes what it was given; this one quotes everything.
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const values = [...url.searchParams.values()].join(' ');
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code>` +
      `<Message>The request signature we calculated does not match the signature you provided: ${escapeXml(values)}</Message>` +
      `<StringToSign>GET\n\n\n${escapeXml(values)}</StringToSign><SignatureProvided>${escapeXml(url.searchParams.get('Signature') ?? '')}</SignatureProvided></Error>`;
    res.writeHead(403, { 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(xml)) });
    res.end(xml);
    return;
  }
  if (rule.kind === 'huge-xml-403') {
    res.writeHead(403, { 'Content-Type': 'application/xml' });
    res.write('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>');
    if (await writeRepeated(res, Buffer.alloc(CHUNK, 0x41), rule.options.bytes ?? DEFAULT_BYTES, res)) res.end('</Message></Error>');
    return;
  }
  // trickle: the real object's headers, then one byte at a time.
  const bytes = object?.bytes ?? Buffer.alloc(1024, 1);
  res.writeHead(200, { 'Content-Type': 'audio/mpeg', 'Content-Length': String(bytes.length), ETag: `"${object?.etag ?? 'trickle'}"` });
  for (let i = 0; i < bytes.length && !res.destroyed; i++) {
    res.write(bytes.subarray(i, i + 1));
    await sleep(rule.options.intervalMs ?? 1500);
  }
  if (!res.destroyed) res.end();
}

/** Writes `block` until `total` bytes went out or the client left; false when it left. */
async function writeRepeated(target: NodeJS.WritableStream, block: Buffer, total: number, res: ServerResponse): Promise<boolean> {
  let sent = 0;
  while (sent < total) {
    if (res.destroyed) return false;
    const piece = total - sent >= block.length ? block : block.subarray(0, total - sent);
    sent += piece.length;
    if (!target.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          target.removeListener('drain', done);
          res.removeListener('close', done);
          resolve();
        };
        target.once('drain', done);
        res.once('close', done);
      });
    }
  }
  return !res.destroyed;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
