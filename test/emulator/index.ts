// A local emulator of the api.audio v1 Media API (see /work/shared/api-protocol.md) and
// of the S3 presigned URLs it hands out. Used by unit and integration tests, benchmarks
// and the sandbox (`npm run emulator`). Node built-ins only, CommonJS-safe.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { handleApiRequest, sendText } from './api';
import { defaultBytesFor, makeSilentMp3 } from './audio';
import type { EmulatorContext } from './context';
import { Faults } from './faults';
import type { ApiHostileKind, HostileOptions, ObjectHostileKind } from './hostile';
import { Md5Hasher } from './md5';
import { afterBody, handleObjectRequest } from './objects';
import { UrlSigner } from './presign';
import { DEFAULT_ORG } from './seed';
import { MediaStore } from './store';
import { makeFilesControl, type FilesControl } from './files/control';
import { handleFilesRequest, isFilesApiPath } from './files/routes';
import { FilesStore } from './files/store';

export { DEFAULT_ORG, PUBLIC_LIBRARY, PUBLIC_SEED, SEED, seedMediaId } from './seed';
export type { SeedAudio, SeedItem } from './seed';
export { makeSilentMp3, makeWavTone } from './audio';
export type { ApiHostileKind, HostileOptions, ObjectHostileKind } from './hostile';
export { FILE_TYPES, FILES_ROOT_ID, FILES_SEED, FILES_USER_ID, filesSeedFileId, filesSeedFolderId, rootFolderIdFor } from './files/seed';
export type { FilesSeedFile, FilesSeedFolder } from './files/seed';
export type { FilesControl, FilesListedFile } from './files/control';

export interface EmulatorOptions {
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default: a fresh temp dir, removed on close() (only when the emulator created it). */
  dataDir?: string;
  /** Accepted keys (x-api-key or Authorization: Bearer); each belongs to DEFAULT_ORG. */
  apiKeys: string[];
  /** Default true: seed SEED and PUBLIC_SEED when the dataDir has no index yet. */
  seed?: boolean;
  /** PUT rejects content types other than audio/mpeg with S3's SignatureDoesNotMatch. */
  strictContentType?: boolean;
  /** Presigned URL lifetime, default 3600. */
  urlTtlSeconds?: number;
  /** When set, every API response carries `x-sdk-latest: <value>`. */
  sdkLatest?: string;
  /** When set, every API response carries `Warning: 299 - "<value>"`. */
  warning?: string;
  /** AudioStack Files: how long a fresh upload stays `processing` (default 1000 ms). */
  filesProcessingMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
}

export interface EmulatorControl {
  /** Every request received, in order (API and file URLs). */
  requests: RecordedRequest[];
  /** Clears all faults (latency, throttle, queued failures) and recorded requests. */
  reset(): void;
  setLatency(ms: number): void;
  /**
   * The most file GETs/PUTs (`/s3/…`) that were open at the same moment since the last
   * reset(): what "bounded concurrency" really achieved.
   */
  peakObjectConcurrency(): number;
  /** TCP connections accepted since the last reset() (keep-alive reuses one for many requests). */
  connectionCount(): number;
  /**
   * The next `count` requests matching `opts.path` (and `opts.method`, when given) answer
   * `status` with `{"message": ...}` (or `opts.body`). A string path matches exactly
   * (trailing slash ignored); a RegExp is tried on the path and on path+query.
   */
  failNext(count: number, status: number, opts?: { path?: string | RegExp; method?: string; body?: string; headers?: Record<string, string> }): void;
  /**
   * The next `count` (default 1) file GETs/PUTs destroy the socket after `bytes` body
   * bytes. With `replaceWith`, a dropped GET's object is then replaced by those bytes (a
   * new version, new ETag), before any retry can arrive. With `hold`, a GET is not
   * dropped but falls silent after `bytes` and keeps the connection open until the client
   * leaves (a download frozen mid-body, to stop it exactly there).
   */
  dropConnectionAfter(bytes: number, opts?: { count?: number; method?: 'GET' | 'PUT'; replaceWith?: Buffer; hold?: boolean }): void;
  /**
   * The next `count` (default 1) file GETs serve the object as if it were only its first
   * `bytes` bytes: Content-Length (or, with `chunked`, a chunked body with no length),
   * Content-Range and body all agree with the cut, while the API's records (the Files
   * `size`) keep the full size. Storage holding a truncated copy; nothing is dropped.
   */
  serveShortObject(bytes: number, opts?: { count?: number; chunked?: boolean }): void;
  /** Replaces a stored object's bytes now (a new version: new ETag and Last-Modified). */
  replaceObject(mediaId: string, bytes: Buffer, org?: string): void;
  /**
   * The next `count` (default 1) API calls get a hostile answer: a gzip bomb (never asked
   * for), an endless JSON body, a huge (by default 300 MB) listing, or a huge error
   * (`opts.status`, default 400) whose `message` starts with `opts.message`.
   */
  respondHostile(kind: ApiHostileKind, opts?: HostileOptions & { count?: number }): void;
  /**
   * The next `count` (default 1) file GETs get a hostile answer: a 200 HTML page (captive
   * portal), a huge XML 403, a 403 echoing the URL's secrets, or the object trickled a byte
   * at a time.
   */
  objectHostile(kind: ObjectHostileKind, opts?: HostileOptions & { count?: number }): void;
  /**
   * The next `count` (default 1) download links the API hands out carry their signature in
   * the object's file name too (`…/<Signature>-<filename>?…`); storage refuses them (403).
   */
  signatureInPath(count?: number): void;
  /**
   * The next `count` (default 1) presigned links minted (upload and download links of both
   * APIs) carry `userInfo` (`user:password`, e.g. the caller's API key) in their address; a
   * client that used one would send it to storage as `Authorization: Basic`.
   */
  userInfoInLinks(userInfo: string, count?: number): void;
  /** The next `count` (default 1) file GETs answer 307 to the same object with `userInfo@` in the address. */
  userInfoInRedirect(userInfo: string, count?: number): void;
  /** Limits file GET/PUT bandwidth; null lifts the limit. */
  throttle(bytesPerSecond: number | null): void;
  /** Every presigned URL minted so far is now expired. */
  expireUrlsNow(): void;
  /** The next `count` (default 1) API responses are a 502 HTML page or a 200 with truncated JSON. */
  respondWith(kind: 'html' | 'truncated-json', count?: number): void;
  setWarning(message: string | undefined): void;
  setSdkLatest(v: string | undefined): void;
  /** Adds a ready file (default bytes: a short tone or silent mp3) and returns its mediaId. */
  addMedia(input: { filename: string; tags?: string[]; bytes?: Buffer; org?: string; extra?: Record<string, unknown> }): string;
  /** `count` tiny mp3 files named `<tag>-0001.mp3`…, all tagged `tag`, into the default org. */
  addMediaBulk(count: number, tag: string): string[];
  getStoredBytes(mediaId: string, org?: string): Buffer | undefined;
  listStored(org?: string): Array<{ mediaId: string; filename: string; tags: string[] }>;
  /** A valid presigned GET URL for a stored object (throws for an unknown one). */
  signUrl(mediaId: string, org?: string): string;
  /** The AudioStack Files API (`/files`, `/folders`); reset() also clears its faults. */
  files: FilesControl;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:34567, no trailing slash. */
  url: string;
  port: number;
  dataDir: string;
  control: EmulatorControl;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await fs.promises.mkdtemp(path.join(os.tmpdir(), 'apiaudio-emulator-')));
  const store = new MediaStore(dataDir);
  if (!store.load() && options.seed !== false) store.seed();
  const files = new FilesStore(store, dataDir, Math.max(0, options.filesProcessingMs ?? 1000));
  if (!files.load() && options.seed !== false) files.seed();

  const faults = new Faults();
  const requests: RecordedRequest[] = [];
  const objectConcurrency = { open: 0, peak: 0 };
  const connections = { count: 0 };
  // Filled in once the server listens: the signer needs the final URL.
  const live: { ctx?: EmulatorContext } = {};
  let closed = false;

  const server = http.createServer((req, res) => {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed && live.ctx) {
        sendText(live.ctx, res, 500, JSON.stringify({ message: 'Internal server error' }));
      } else {
        res.destroy();
      }
      if (!closed) console.error('[api.audio emulator]', err);
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
    });
    const isObject = url.pathname.startsWith('/s3/');
    if (isObject) {
      objectConcurrency.open++;
      objectConcurrency.peak = Math.max(objectConcurrency.peak, objectConcurrency.open);
      res.once('close', () => objectConcurrency.open--);
    }
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const current = live.ctx;
    if (closed || !current || res.destroyed) return;
    const fail = faults.takeFail(req.method ?? 'GET', url.pathname, `${url.pathname}${url.search}`);
    if (fail) {
      const body = fail.body ?? JSON.stringify({ message: defaultMessage(fail.status) });
      return afterBody(req, () => sendText(current, res, fail.status, body, undefined, fail.headers));
    }
    if (isObject) return handleObjectRequest(current, req, res, url);
    if (isFilesApiPath(url.pathname)) return handleFilesRequest(current, files, req, res, url);
    return afterBody(req, () => handleApiRequest(current, req, res, url));
  }

  server.on('connection', () => connections.count++);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(host)}:${port}`;
  const signer = new UrlSigner(url, options.urlTtlSeconds ?? 3600, () => faults.takeUserInfo('links'));
  const settings = {
    apiKeys: new Set(options.apiKeys),
    strictContentType: options.strictContentType ?? false,
    sdkLatest: options.sdkLatest,
    warning: options.warning,
  };
  const md5 = new Md5Hasher();
  live.ctx = { store, signer, faults, settings, md5 };

  const requireReady = (mediaId: string, org: string) => {
    const media = store.find(org, mediaId);
    if (!media || media.state !== 'ready') throw new Error(`emulator: no stored media ${mediaId} in ${org}`);
    return media;
  };

  const control: EmulatorControl = {
    requests,
    reset() {
      faults.reset();
      files.resetFaults();
      requests.length = 0;
      objectConcurrency.peak = objectConcurrency.open;
      connections.count = 0;
    },
    connectionCount() {
      return connections.count;
    },
    peakObjectConcurrency() {
      return objectConcurrency.peak;
    },
    setLatency(ms) {
      faults.latencyMs = Math.max(0, ms);
    },
    failNext(count, status, opts = {}) {
      faults.addFail({ remaining: count, status, path: opts.path, method: opts.method, body: opts.body, headers: opts.headers });
    },
    dropConnectionAfter(bytes, opts = {}) {
      faults.addDrop({ remaining: opts.count ?? 1, afterBytes: Math.max(0, bytes), method: opts.method, replaceWith: opts.replaceWith, hold: opts.hold });
    },
    serveShortObject(bytes, opts = {}) {
      faults.addShort({ remaining: opts.count ?? 1, bytes: Math.max(0, bytes), chunked: opts.chunked });
    },
    replaceObject(mediaId, bytes, org = DEFAULT_ORG) {
      store.replaceBytes(org, mediaId, bytes);
    },
    respondHostile(kind, opts = {}) {
      faults.addHostile(kind, opts.count ?? 1, opts, 'api');
    },
    objectHostile(kind, opts = {}) {
      faults.addHostile(kind, opts.count ?? 1, opts, 'object');
    },
    signatureInPath(count = 1) {
      faults.addSignatureInPath(count);
    },
    userInfoInLinks(userInfo, count = 1) {
      faults.addUserInfo('links', count, userInfo);
    },
    userInfoInRedirect(userInfo, count = 1) {
      faults.addUserInfo('redirects', count, userInfo);
    },
    throttle(bytesPerSecond) {
      faults.bytesPerSecond = bytesPerSecond && bytesPerSecond > 0 ? bytesPerSecond : null;
    },
    expireUrlsNow() {
      signer.expireAll();
    },
    respondWith(kind, count = 1) {
      faults.addSpecial(kind, count);
    },
    setWarning(message) {
      settings.warning = message;
    },
    setSdkLatest(v) {
      settings.sdkLatest = v;
    },
    addMedia({ filename, tags = [], bytes, org = DEFAULT_ORG, extra }) {
      const media = store.addReady(org, { filename, tags, bytes: bytes ?? defaultBytesFor(filename), extra });
      store.save();
      return media.mediaId;
    },
    addMediaBulk(count, tag) {
      const bytes = makeSilentMp3(1);
      const ids: string[] = [];
      for (let i = 1; i <= count; i++) {
        ids.push(store.addReady(DEFAULT_ORG, { filename: `${tag}-${String(i).padStart(4, '0')}.mp3`, tags: [tag], bytes }).mediaId);
      }
      store.save();
      return ids;
    },
    getStoredBytes(mediaId, org = DEFAULT_ORG) {
      return store.readBytes(org, mediaId);
    },
    listStored(org = DEFAULT_ORG) {
      return store.ready(org).map((m) => ({ mediaId: m.mediaId, filename: m.filename, tags: [...m.tags] }));
    },
    signUrl(mediaId, org = DEFAULT_ORG) {
      const media = requireReady(mediaId, org);
      return signer.sign('GET', { library: org, mediaId, filename: media.filename });
    },
    files: makeFilesControl(files, () => signer),
  };

  return {
    url,
    port,
    dataDir,
    control,
    async close() {
      if (closed) return;
      closed = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
      await md5.close();
      if (ownsDataDir) await fs.promises.rm(dataDir, { recursive: true, force: true });
    },
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function defaultMessage(status: number): string {
  switch (status) {
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 429:
      return 'Too Many Requests';
    case 500:
    case 502:
      return 'Internal server error';
    case 503:
      return 'Service Unavailable';
    case 504:
      return 'Endpoint request timed out';
    default:
      return http.STATUS_CODES[status] ?? 'Error';
  }
}
