// The JSON API: /file/customaudio[/tags|/uploadurl], each with or without a trailing
// slash. Every answer, errors included, is application/json.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './context';
import { sendApiHostile } from './hostile';
import { DEFAULT_ORG, PUBLIC_LIBRARY } from './seed';
import type { StoredMedia } from './store';

type Special = 'html' | 'truncated-json' | undefined;

interface ApiRequest {
  ctx: EmulatorContext;
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  /** The library the caller acts on: x-assume-org, or the key's own organisation. */
  org: string;
  special: Special;
}

export function handleApiRequest(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, url: URL): void | Promise<void> {
  const hostile = ctx.faults.takeHostile('api');
  if (hostile) return sendApiHostile(res, hostile).catch(() => void res.destroy());
  const special = ctx.faults.takeSpecial();
  const route = `${req.method ?? 'GET'} ${url.pathname.replace(/\/+$/, '')}`;
  const handler = ROUTES[route];
  if (special === 'html') return sendHtmlError(ctx, res);
  if (!handler) return sendJson(ctx, res, 404, { message: 'Not Found' }, special);
  if (!authorised(ctx, req)) return sendJson(ctx, res, 403, { message: 'Forbidden' }, special);
  const assumed = headerValue(req.headers['x-assume-org'])?.trim();
  handler({ ctx, req, res, query: url.searchParams, org: assumed || DEFAULT_ORG, special });
}

const ROUTES: Record<string, (call: ApiRequest) => void> = {
  'GET /file/customaudio': listMedia,
  'GET /file/customaudio/tags': listTags,
  'GET /file/customaudio/uploadurl': createUploadUrl,
  'DELETE /file/customaudio': deleteMedia,
};

export function authorised(ctx: EmulatorContext, req: IncomingMessage): boolean {
  const apiKey = headerValue(req.headers['x-api-key']);
  if (apiKey !== undefined) return ctx.settings.apiKeys.has(apiKey);
  const bearer = /^Bearer\s+(.+)$/i.exec(headerValue(req.headers.authorization) ?? '');
  return bearer !== null && ctx.settings.apiKeys.has(bearer[1].trim());
}

function listMedia({ ctx, res, query, org, special }: ApiRequest): void {
  const library = isTrue(query.get('public')) ? PUBLIC_LIBRARY : org;
  let items = ctx.store.ready(library);
  const mediaId = query.get('mediaId');
  const tags = parseTags(query.get('tags'));
  if (mediaId) {
    items = items.filter((m) => m.mediaId === mediaId);
  } else if (tags.length > 0) {
    items = items.filter((m) => tags.every((tag) => m.tags.includes(tag)));
  }
  const withUrl = query.get('target')?.toLowerCase() === 'download' || isTrue(query.get('downloadUrl'));
  const savedAudioFiles = items.map((m) => toWire(ctx, library, m, withUrl));
  sendJson(ctx, res, 200, { savedAudioFiles, totalCount: savedAudioFiles.length }, special);
}

function toWire(ctx: EmulatorContext, library: string, media: StoredMedia, withUrl: boolean): Record<string, unknown> {
  const item: Record<string, unknown> = { mediaId: media.mediaId, filename: media.filename, tags: [...media.tags] };
  for (const [key, value] of Object.entries(media.extra ?? {})) {
    if (!(key in item) && key !== 'downloadUrl') item[key] = value;
  }
  if (withUrl) {
    const url = ctx.signer.sign('GET', { library, mediaId: media.mediaId, filename: media.filename });
    item.downloadUrl = ctx.faults.takeSignatureInPath() ? withSignatureInPath(url) : url;
  }
  return item;
}

function listTags({ ctx, res, org, special }: ApiRequest): void {
  const unique = new Set(ctx.store.ready(org).flatMap((m) => m.tags));
  sendJson(ctx, res, 200, { uniqueTags: [...unique].sort() }, special);
}

function createUploadUrl({ ctx, res, query, org, special }: ApiRequest): void {
  const filename = query.get('filename')?.trim();
  if (!filename) return sendJson(ctx, res, 400, { message: 'Missing required query parameter: filename' }, special);
  if (/[/\\]/.test(filename)) return sendJson(ctx, res, 400, { message: 'filename must be a file name, not a path' }, special);
  const mediaId = ctx.store.newMediaId();
  ctx.store.items(org).push({ mediaId, filename, tags: parseTags(query.get('tags')), state: 'pending' });
  ctx.store.save();
  const fileUploadUrl = ctx.signer.sign('PUT', { library: org, mediaId, filename });
  sendJson(ctx, res, 200, { mediaId, fileUploadUrl }, special);
}

function deleteMedia({ ctx, res, query, org, special }: ApiRequest): void {
  const mediaId = query.get('mediaId');
  if (!mediaId) return sendJson(ctx, res, 400, { message: 'Missing required query parameter: mediaId' }, special);
  if (!ctx.store.delete(org, mediaId)) {
    // Quirk kept on purpose: this endpoint's error body uses `Message` with a capital M
    // (the protocol says at least one endpoint does), so clients must read both spellings.
    return sendJson(ctx, res, 404, { Message: `Media file ${mediaId} not found` }, special);
  }
  sendJson(ctx, res, 200, { message: `Media file ${mediaId} deleted`, mediaId }, special);
}

/** `a, b,,c` → ['a','b','c'], duplicates removed. */
function parseTags(raw: string | null): string[] {
  if (!raw) return [];
  return [...new Set(raw.split(',').map((t) => t.trim()).filter((t) => t !== ''))];
}

function isTrue(value: string | null): boolean {
  return value !== null && value.trim().toLowerCase() === 'true';
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function apiHeaders(ctx: EmulatorContext, contentType: string, length: number): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'Content-Length': String(length),
    'x-amzn-RequestId': randomBytes(16).toString('hex'),
  };
  if (ctx.settings.sdkLatest !== undefined) headers['x-sdk-latest'] = ctx.settings.sdkLatest;
  if (ctx.settings.warning !== undefined) headers.Warning = `299 - "${ctx.settings.warning.replace(/["\\]/g, '\\$&')}"`;
  return headers;
}

export function sendJson(ctx: EmulatorContext, res: ServerResponse, status: number, body: unknown, special?: Special, extraHeaders: Record<string, string> = {}): void {
  sendText(ctx, res, status, JSON.stringify(body), special, extraHeaders);
}

/** Sends a JSON text; with 'truncated-json' it becomes a 200 cut off halfway through. */
export function sendText(ctx: EmulatorContext, res: ServerResponse, status: number, text: string, special?: Special, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  let body = text;
  if (special === 'truncated-json') {
    status = 200;
    body = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  }
  res.writeHead(status, { ...apiHeaders(ctx, 'application/json', Buffer.byteLength(body)), ...extraHeaders });
  res.end(body);
}

function sendHtmlError(ctx: EmulatorContext, res: ServerResponse): void {
  const body =
    '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';
  res.writeHead(502, apiHeaders(ctx, 'text/html', Buffer.byteLength(body)));
  res.end(body);
}

/**
 * A gateway that names objects after their signature: `…/<Signature>-<filename>?…&Signature=…`.
 * The signature no longer covers that path, so storage answers it 403 SignatureDoesNotMatch.
 */
function withSignatureInPath(url: string): string {
  const parsed = new URL(url);
  const signature = parsed.searchParams.get('Signature') ?? '';
  const segments = parsed.pathname.split('/');
  segments[segments.length - 1] = `${encodeURIComponent(signature)}-${segments[segments.length - 1]}`;
  parsed.pathname = segments.join('/');
  return parsed.toString();
}
