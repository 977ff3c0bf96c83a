// The S3 side: GET and PUT of presigned object URLs under /s3/. Errors are S3's XML,
// never JSON. No API key is needed (and one sent along is ignored).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import type { EmulatorContext } from './context';
import { DEFERRED_HASH_THRESHOLD } from './md5';
import { parseObjectPath, SIGNED_UPLOAD_CONTENT_TYPE, withUserInfo, type ParsedObjectPath } from './presign';
import { sendObjectHostile } from './hostile';
import { pumpFromRequest, pumpToResponse } from './transfer';

export async function handleObjectRequest(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const target = parseObjectPath(url.pathname);
  const method = req.method ?? 'GET';
  if (!target) return afterBody(req, () => s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.'));
  if (method !== 'GET' && method !== 'HEAD' && method !== 'PUT') {
    return afterBody(req, () => s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.'));
  }
  // The PUT URL is signed for audio/mpeg (AudioStack Files: the file's mimeType). Strict
  // mode checks the signature against the request's actual Content-Type, as S3 does, so
  // anything else fails the signature.
  const requestType = req.headers['content-type'] ?? '';
  const uploadType = ctx.store.find(target.library, target.mediaId)?.signedContentType ?? SIGNED_UPLOAD_CONTENT_TYPE;
  const signedType = method === 'PUT' ? (ctx.settings.strictContentType ? requestType : uploadType) : '';
  const verdict = ctx.signer.verify(method, signedType, target, url.searchParams);
  if (verdict === 'missing') {
    return afterBody(req, () => s3Error(res, 403, 'AccessDenied', 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters'));
  }
  if (verdict === 'bad-signature') {
    return afterBody(req, () =>
      s3Error(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', {
        AWSAccessKeyId: url.searchParams.get('AWSAccessKeyId') ?? '',
      }),
    );
  }
  if (verdict === 'expired') {
    const expires = new Date(Number(url.searchParams.get('Expires')) * 1000);
    return afterBody(req, () =>
      s3Error(res, 403, 'AccessDenied', 'Request has expired', {
        Expires: isNaN(expires.getTime()) ? '' : expires.toISOString(),
        ServerTime: new Date().toISOString(),
      }),
    );
  }
  if (method === 'GET') {
    const userInfo = ctx.faults.takeUserInfo('redirects');
    if (userInfo !== undefined) {
      // A redirect to the same object whose address carries a user name and password.
      const host = req.headers.host ?? '127.0.0.1';
      const location = withUserInfo(`http://${host}`, userInfo) + url.pathname + url.search;
      return afterBody(req, () => {
        res.writeHead(307, { Location: location, 'Content-Length': '0' });
        res.end();
      });
    }
    const hostile = ctx.faults.takeHostile('object');
    if (hostile) {
      const media = ctx.store.find(target.library, target.mediaId);
      const bytes = media ? ctx.store.readBytes(target.library, target.mediaId) : undefined;
      return sendObjectHostile(req, res, hostile, bytes && media ? { bytes, etag: media.etag ?? '' } : undefined);
    }
  }
  return method === 'PUT' ? putObject(ctx, req, res, target) : getObject(ctx, req, res, target);
}

async function putObject(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, target: ParsedObjectPath): Promise<void> {
  if (req.headers['content-length'] === undefined) {
    return afterBody(req, () => s3Error(res, 411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.'));
  }
  const { store, faults } = ctx;
  const drop = faults.takeDrop('PUT');
  const tmp = path.join(store.objectsDir, `.upload-${target.mediaId}-${randomBytes(4).toString('hex')}.tmp`);
  // A deep write queue: the next chunk is read while the previous one is being written.
  const sink = fs.createWriteStream(tmp, { highWaterMark: 4 << 20 });
  // Large bodies are hashed after the answer, off the request path (see md5.ts).
  const md5 = Number(req.headers['content-length']) >= DEFERRED_HASH_THRESHOLD ? undefined : ctx.md5.inline();
  let outcome: number | 'dropped' | 'aborted';
  try {
    outcome = await pumpFromRequest(req, sink, { bytesPerSecond: () => faults.bytesPerSecond, dropAfter: drop?.afterBytes }, (chunk) => md5?.update(chunk));
    await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
  } catch {
    outcome = 'aborted';
  }
  if (typeof outcome !== 'number') {
    sink.destroy();
    await fs.promises.rm(tmp, { force: true });
    if (!res.headersSent && !res.destroyed) s3Error(res, 400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.');
    return;
  }
  // Only now, with every byte on disk, does the object replace any older version.
  await fs.promises.rename(tmp, store.objectPath(target.mediaId));
  const etag = md5?.digest();
  let media = store.find(target.library, target.mediaId);
  if (!media) {
    // S3 accepts any validly signed PUT; recreate the record if it was deleted meanwhile.
    media = { mediaId: target.mediaId, filename: target.filename, tags: [], state: 'pending' };
    store.items(target.library).push(media);
  }
  ctx.md5.forget(media);
  Object.assign(media, {
    state: 'ready',
    size: outcome,
    etag,
    contentType: req.headers['content-type'] || 'binary/octet-stream',
    lastModified: new Date().toISOString(),
  });
  store.save();
  if (etag === undefined) {
    const record = media;
    ctx.md5.defer(record, store.objectPath(target.mediaId), (hex) => {
      record.etag = hex;
      store.save();
    });
  }
  res.writeHead(200, { ...(etag === undefined ? {} : { ETag: `"${etag}"` }), 'Content-Length': '0', ...s3Headers() });
  res.end();
}

async function getObject(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, target: ParsedObjectPath): Promise<void> {
  const media = ctx.store.find(target.library, target.mediaId);
  // A large upload's ETag may still be computing.
  if (media) await ctx.md5.settled(media);
  let size: number;
  try {
    if (!media || media.state !== 'ready' || media.filename !== target.filename) throw new Error('no such key');
    size = (await fs.promises.stat(ctx.store.objectPath(media.mediaId))).size;
  } catch {
    return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.', { Key: `${target.mediaId}/${target.filename}` });
  }
  // Storage holding a cut copy: a whole, self-consistent answer for fewer bytes than the
  // API's records (the Files `size`) say the file has.
  const short = req.method === 'GET' ? ctx.faults.takeShort() : undefined;
  if (short) size = Math.min(size, short.bytes);
  const headers: Record<string, string> = {
    'Content-Type': media.contentType ?? 'binary/octet-stream',
    ETag: `"${media.etag ?? ''}"`,
    'Last-Modified': new Date(media.lastModified ?? Date.now()).toUTCString(),
    'Accept-Ranges': 'bytes',
    ...s3Headers(),
  };
  // If-Range, as S3 does: a range only of the version named (strong ETag or the exact
  // Last-Modified); for any other version the whole current object, 200.
  const ifRange = req.headers['if-range'];
  const sameVersion = ifRange === undefined || ifRange === headers.ETag || ifRange === headers['Last-Modified'];
  const range = sameVersion ? parseRange(req.headers.range, size) : undefined;
  if (range === 'unsatisfiable') {
    return s3Error(res, 416, 'InvalidRange', 'The requested range is not satisfiable', { RangeRequested: req.headers.range ?? '', ActualObjectSize: String(size) }, {
      'Content-Range': `bytes */${size}`,
    });
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  if (!short?.chunked) headers['Content-Length'] = String(Math.max(0, end - start + 1));
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || end < start) {
    res.end();
    return;
  }
  const drop = ctx.faults.takeDrop('GET');
  const source = fs.createReadStream(ctx.store.objectPath(media.mediaId), { start, end });
  const outcome = await pumpToResponse(source, res, { bytesPerSecond: () => ctx.faults.bytesPerSecond, dropAfter: drop?.afterBytes, hold: drop?.hold });
  if (outcome === 'dropped' && drop?.replaceWith) ctx.store.replaceBytes(target.library, media.mediaId, drop.replaceWith);
}

/** One `bytes=N-`, `bytes=N-M` or `bytes=-S` range; anything else is ignored (full body). */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const last = match[2] === '' ? Number.POSITIVE_INFINITY : Number(match[2]);
  if (last < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(last, size - 1) };
}

function s3Headers(): Record<string, string> {
  return { 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(), 'x-amz-id-2': randomBytes(24).toString('base64'), Server: 'AmazonS3' };
}

export function s3Error(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const fields = Object.entries(extra)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  const ids = s3Headers();
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>${fields}` +
    `<RequestId>${ids['x-amz-request-id']}</RequestId><HostId>${ids['x-amz-id-2']}</HostId></Error>`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(body)), ...ids, ...headers });
  res.end(body);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Runs `respond` once the request body has been read and discarded, so the client sees the answer instead of a reset. */
export function afterBody(req: IncomingMessage, respond: () => void): void {
  if (req.complete) {
    respond();
    return;
  }
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      respond();
    }
  };
  req.once('end', once);
  req.once('error', () => undefined);
  req.resume();
}
