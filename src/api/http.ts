// The request wrapper: headers, timeouts and cancellation, bounded retries with backoff,
// mapping of every failure to a typed error, and redacted request logging.

import type { Readable } from 'node:stream';
import * as l10n from '@vscode/l10n';
import {
  ApiAudioError,
  AuthenticationError,
  BadRequestError,
  BadResponseError,
  CancelledError,
  NetworkError,
  NotFoundError,
  PresignedUrlError,
  RateLimitedError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
} from './errors';
import { formatBytes } from './format';
import { RequestLifetime, sleep, type ThroughputFloor } from './lifetime';
import { secretsOfUrl, type Redactor } from './redact';
import { sanitizeServerText } from './serverText';
import type { Logger } from './types';
import { BODY_LIMITS, BodyTooLargeError, readBody, readBodyPrefix, send, type WireResponse } from './wire';

/**
 * How messages name the service a transport talks to. `address` and `narrow` are words in
 * the display language: getters, read when a message is built (after activation has
 * configured the bundle), never when the module loads.
 */
export interface ServiceWords {
  /** `api.audio`, `AudioStack`. */
  readonly name: string;
  /** The setting a person checks when the address is wrong, in words ("Check the {address}"). */
  readonly address: string;
  /** How to ask for less when an answer is too large. */
  readonly narrow: string;
}

export const API_AUDIO_WORDS: ServiceWords = Object.freeze({
  name: 'api.audio',
  get address(): string {
    return l10n.t('api.audio base URL (apiAudio.baseUrl)');
  },
  get narrow(): string {
    return l10n.t('filter by tag');
  },
});

export interface TransportOptions {
  redactor: Redactor;
  /** Default API_AUDIO_WORDS. */
  service?: ServiceWords;
  baseUrl: string;
  apiKey: string;
  assumeOrgId?: string;
  userAgent: string;
  logger?: Logger;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  /** A retried call gives up once its attempts and waits would pass this (ms). */
  retryBudgetMs: number;
  /** Transfers slower than this over a whole window fail (see ThroughputFloor). */
  throughputFloor: ThroughputFloor;
}

export type Query = Record<string, string | undefined>;

export interface ApiRequest {
  method: 'GET' | 'DELETE' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  query?: Query;
  /** Sent as JSON (`Content-Type: application/json`). */
  json?: unknown;
  signal?: AbortSignal;
  /** Only idempotent requests may be retried. */
  retry: boolean;
  /** Largest body accepted, bytes (default BODY_LIMITS.api). */
  maxBodyBytes?: number;
}

/** A Retry-After longer than this is not waited for: the error goes back to the caller. */
const MAX_RETRY_AFTER_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;
/** Server messages quoted in errors are cut to this length (after redaction). */
const MAX_SERVER_MESSAGE_LENGTH = 500;
/** `Warning` values logged from one response, and from one client in all. */
export const MAX_WARNINGS_PER_RESPONSE = 3;
export const MAX_WARNINGS_PER_CLIENT = 10;
/** Storage redirects followed for one download. */
const MAX_REDIRECTS = 5;

type LogLevel = keyof Logger;

export class Transport {
  private readonly seenWarnings = new Set<string>();
  private warningsSuppressed = false;
  private readonly seenSdkLatest = new Set<string>();
  private readonly host: string;

  constructor(readonly options: TransportOptions) {
    this.host = new URL(options.baseUrl).host;
  }

  get maxRetries(): number {
    return this.options.maxRetries;
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  /**
   * Redacts with this client's key as well as every secret the redactor knows, and the
   * secrets of `aboutUrl` (the presigned URL the text is about, which a server may echo).
   */
  clean(text: string, aboutUrl?: string): string {
    this.learnUrl(aboutUrl);
    const extra = aboutUrl ? secretsOfUrl(aboutUrl) : [];
    return this.options.redactor.redact(text, [this.options.apiKey, ...extra]);
  }

  /** From now on, every message of this client (and its redactor's owner) hides `url`'s secrets. */
  learnUrl(url: string | undefined): void {
    this.options.redactor.learnUrl(url);
  }

  log(level: LogLevel, message: string): void {
    const logger = this.options.logger;
    if (!logger) {
      return;
    }
    try {
      logger[level](this.clean(message));
    } catch {
      // A broken logger must not break a request.
    }
  }

  get service(): ServiceWords {
    return this.options.service ?? API_AUDIO_WORDS;
  }

  /** Calls the service's API and returns the parsed JSON body (undefined when empty). */
  async api(request: ApiRequest): Promise<unknown> {
    const url = this.apiUrl(request.path, request.query);
    const display = displayPath(url);
    const limit = request.maxBodyBytes ?? BODY_LIMITS.api;
    const body = request.json === undefined ? undefined : JSON.stringify(request.json);
    const attempt = (): Promise<unknown> => this.apiOnce(request.method, url, display, request.signal, limit, body);
    return request.retry ? this.withRetries(`${request.method} ${display}`, request.signal, attempt) : attempt();
  }

  /**
   * Runs `attempt` until it succeeds, fails with a non-transient error, or `maxRetries`
   * retries are used up. Waits with exponential backoff and jitter, or for Retry-After.
   */
  async withRetries<T>(
    label: string,
    signal: AbortSignal | undefined,
    attempt: (attemptIndex: number) => Promise<T>,
    isTransient: (error: unknown) => boolean = isTransientError,
  ): Promise<T> {
    const started = Date.now();
    for (let attemptIndex = 0; ; attemptIndex++) {
      try {
        return await attempt(attemptIndex);
      } catch (error) {
        if (!isTransient(error) || attemptIndex >= this.options.maxRetries) {
          throw error;
        }
        const delay = this.retryDelay(attemptIndex, error);
        if (delay === undefined) {
          throw error;
        }
        const elapsed = Date.now() - started;
        if (elapsed + delay > this.options.retryBudgetMs) {
          // Bounded in total, not only per attempt: say how long it tried and was asked to wait.
          if (error instanceof ApiAudioError) {
            error.message = `${error.message} ${l10n.t('Gave up after {0} attempts in {1}.', attemptIndex + 1, formatSeconds(elapsed))}`;
          }
          throw error;
        }
        const reason = error instanceof Error ? error.message : String(error);
        this.log(
          'debug',
          `${label}: retry ${attemptIndex + 1} of ${this.options.maxRetries} in ${delay} ms after: ${reason}`,
        );
        await sleep(delay, signal, () => new CancelledError());
      }
    }
  }

  /**
   * Sends a request to a presigned storage URL: no API key, no assume-org header. A GET
   * follows storage redirects (S3 sends 307 to a regional endpoint), only to https: (or
   * loopback http:); a PUT never does (a streamed body cannot be sent twice).
   */
  async presigned(
    url: string,
    init: { method: 'GET' | 'PUT'; body?: string | Readable; headers?: Record<string, string> },
    lifetime: RequestLifetime,
  ): Promise<WireResponse> {
    let current = url;
    try {
      for (let hop = 0; ; hop++) {
        this.checkStorageLink(current, init.method === 'PUT' ? 'upload' : hop > 0 ? 'redirect' : 'download');
        const response = await send(current, {
          method: init.method,
          body: init.body,
          headers: { 'User-Agent': this.options.userAgent, 'Accept-Encoding': 'identity', ...init.headers },
          signal: lifetime.signal,
        });
        const location = response.header('location');
        if (init.method !== 'GET' || response.status < 300 || response.status >= 400 || !location || response.status === 304) {
          return response;
        }
        response.body.destroy();
        const next = resolveRedirect(current, location);
        if (!next) {
          throw new BadResponseError(
            l10n.t('Storage redirected the download to {0}, which is not an https: address; it was not followed.', withoutQuery(location, l10n.t('another address'))),
            response.status,
          );
        }
        if (hop >= MAX_REDIRECTS) {
          throw new BadResponseError(l10n.t('Storage redirected the download more than {0} times. Try again later.', MAX_REDIRECTS), response.status);
        }
        current = next;
      }
    } catch (error) {
      throw this.toClientError(error, lifetime, hostOf(current));
    }
  }

  /**
   * Refuses a storage link (or a storage redirect) that carries a user name or password:
   * Node would send them as `Authorization: Basic`, and a server could put the API key
   * there. Nothing is sent to such an address, and it is not handed to a person either.
   */
  checkStorageLink(url: string, what: 'upload' | 'download' | 'redirect'): string {
    // Its secrets stay out of every later message, whether it is used or refused.
    this.learnUrl(url);
    if (!hasUserInfo(url)) return url;
    const host = hostOf(url);
    const text =
      what === 'upload'
        ? l10n.t('{0} gave an upload link that carries a user name or password. It was not used, so nothing was sent to {1}. Try again; if it happens again, the service is misconfigured.', this.service.name, host)
        : what === 'download'
          ? l10n.t('{0} gave a download link that carries a user name or password. It was not used, so nothing was sent to {1}. Try again; if it happens again, the service is misconfigured.', this.service.name, host)
          : l10n.t('Storage redirected the download to an address that carries a user name or password ({0}); it was not followed.', host);
    throw new BadResponseError(this.clean(text));
  }

  /** Maps anything thrown while talking to `host` to a typed, redacted client error. */
  toClientError(error: unknown, lifetime: RequestLifetime | undefined, host: string): ApiAudioError {
    if (error instanceof ApiAudioError) {
      return error;
    }
    if (lifetime?.reason === 'cancelled') {
      return new CancelledError();
    }
    if (lifetime?.reason === 'slow') {
      const floor = lifetime.throughputFloor;
      return new TimeoutError(
        floor
          ? l10n.t('{0} sent or accepted data slower than {1}/s for {2}. The connection is too slow or stalled; try again later.', host, formatBytes(floor.bytesPerSecond), formatSeconds(floor.windowMs))
          : l10n.t('{0} sent or accepted data slower than the minimum rate for a while. The connection is too slow or stalled; try again later.', host),
      );
    }
    if (lifetime?.reason === 'timeout') {
      const seconds = Math.round(this.options.timeoutMs / 100) / 10;
      return new TimeoutError(l10n.t('{0} did not respond for {1} s. Check your connection and try again; the service may be slow right now.', host, seconds));
    }
    if (isAbortError(error)) {
      return new CancelledError();
    }
    const code = errorCode(error);
    return new NetworkError(this.clean(`${describeNetworkFailure(code, host)} ${l10n.t('Check your network and proxy settings, and the {0}.', this.service.address)}`));
  }

  /** A PresignedUrlError from an S3 XML error body (never parsed as JSON). */
  presignedError(status: number, body: string, what: 'download' | 'upload', url?: string): PresignedUrlError {
    const { code, message } = parseS3Error(body);
    const detail = [code, message].filter(Boolean).join(': ');
    const expired = /expired/i.test(`${code ?? ''} ${message ?? ''}`);
    // S3's own words (code: message) as sent, or the status.
    const reason = expired ? detail || String(status) : `${status}${detail ? ` ${detail}` : ''}`;
    const text = expired
      ? what === 'upload'
        ? l10n.t('The upload link has expired ({0}). Try again: a fresh link is requested each time.', reason)
        : l10n.t('The download link has expired ({0}). Try again: a fresh link is requested each time.', reason)
      : what === 'upload'
        ? l10n.t('Storage rejected the upload link ({0}). Try again: a fresh link is requested each time.', reason)
        : l10n.t('Storage rejected the download link ({0}). Try again: a fresh link is requested each time.', reason);
    return new PresignedUrlError(this.clean(text, url), code, status);
  }

  private async apiOnce(
    method: string,
    url: string,
    display: string,
    signal: AbortSignal | undefined,
    limit: number,
    json?: string,
  ): Promise<unknown> {
    const lifetime = new RequestLifetime(signal, this.options.timeoutMs);
    const started = Date.now();
    let response: WireResponse;
    let text: string;
    try {
      // Never followed: a redirect would carry x-api-key and x-assume-org to another host.
      const headers = json === undefined ? this.apiHeaders() : { ...this.apiHeaders(), 'Content-Type': 'application/json' };
      response = await send(url, { method, headers, body: json, signal: lifetime.signal });
      this.noteHeaders(response);
      text = await this.readApiBody(response, limit, `${method} ${display}`);
    } catch (error) {
      const mapped = this.toClientError(error, lifetime, this.host);
      this.log('debug', `${method} ${display} → ${mapped.name} (${Date.now() - started} ms)`);
      throw mapped;
    } finally {
      lifetime.dispose();
    }
    this.log('debug', `${method} ${display} → ${response.status} (${Date.now() - started} ms)`);
    return this.interpret(response, text, `${method} ${display}`);
  }

  /** The body as text, within `limit` bytes; never a compressed body (none was asked for). */
  private async readApiBody(response: WireResponse, limit: number, label: string): Promise<string> {
    const encoding = response.header('content-encoding')?.trim().toLowerCase();
    if (encoding && encoding !== 'identity') {
      response.body.destroy();
      throw new BadResponseError(
        l10n.t('{service} answered {request} with a compressed ({encoding}) body it was not asked for. Check the {address} and any proxy in between.', {
          service: this.service.name,
          request: label,
          encoding: sanitizeServerText(encoding).slice(0, 40),
          address: this.service.address,
        }),
        response.status,
      );
    }
    if (response.status < 200 || response.status >= 300) {
      // An error answer is only quoted: its first few KB say why, the rest is not read.
      return readBodyPrefix(response, BODY_LIMITS.error);
    }
    try {
      return (await readBody(response, limit)).toString('utf8');
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        throw new ResponseTooLargeError(
          l10n.t(
            '{service} answered {request} with more than {size}, the most this client reads for it. Check the {address}; if it is right, narrow the request ({narrow}) and try again.',
            { service: this.service.name, request: label, size: formatBytes(limit), address: this.service.address, narrow: this.service.narrow },
          ),
          limit,
          response.status,
        );
      }
      throw error;
    }
  }

  private interpret(response: WireResponse, text: string, label: string): unknown {
    const status = response.status;
    if (status >= 300 && status < 400) {
      const location = response.header('location');
      const words = { service: this.service.name, request: label, status, address: this.service.address, baseUrl: this.options.baseUrl };
      return this.fail(
        new BadResponseError(
          location
            ? l10n.t('{service} answered {request} with a redirect ({status}) to {location}. Check the {address} ({baseUrl}).', {
                ...words,
                location: withoutQuery(location, l10n.t('another address')),
              })
            : l10n.t('{service} answered {request} with a redirect ({status}). Check the {address} ({baseUrl}).', words),
          status,
        ),
      );
    }
    const parsed = parseJson(text);
    // An error body cut at its limit is no longer valid JSON: quote the start of its message.
    const serverMessage = this.messageOf(parsed.ok ? parsed.value : { message: messageOfTruncatedJson(text) });
    const name = this.service.name;
    // Every api.audio answer, errors included, is JSON; an HTML page means something else
    // answered (wrong base URL, proxy or gateway page).
    if (!parsed.ok && looksLikeHtml(text, response.header('content-type') ?? null)) {
      return this.fail(
        new BadResponseError(
          l10n.t(
            '{service} answered {request} with an HTML page ({status}) instead of JSON. Check the {address} ({baseUrl}): it may not point to the {service} API. If it is right, the service may be down; try again later.',
            { service: name, request: label, status, address: this.service.address, baseUrl: this.options.baseUrl },
          ),
          status,
        ),
      );
    }
    if (status === 401 || status === 403) {
      const message = this.options.assumeOrgId
        ? l10n.t("{0} rejected the API key ({1}). Check the key with 'api.audio: Set API Key…' and the organisation id to assume.", name, status)
        : l10n.t("{0} rejected the API key ({1}). Check the key with 'api.audio: Set API Key…'.", name, status);
      return this.fail(new AuthenticationError(message, status));
    }
    if (status === 404) {
      const message = serverMessage
        ? l10n.t('{0} found nothing for {1} (404): {2}. Refresh the list and try again.', name, label, serverMessage)
        : l10n.t('{0} found nothing for {1} (404). Refresh the list and try again.', name, label);
      return this.fail(new NotFoundError(message, status));
    }
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.header('retry-after'));
      const message =
        retryAfterMs !== undefined
          ? l10n.t('{0} is limiting the request rate (429) (it asks to wait {1} s). Wait a moment and try again.', name, Math.ceil(retryAfterMs / 1000))
          : l10n.t('{0} is limiting the request rate (429). Wait a moment and try again.', name);
      return this.fail(new RateLimitedError(message, retryAfterMs));
    }
    if (status >= 500) {
      const message = serverMessage
        ? l10n.t('{0} had a server error ({1}): {2}. Try again later.', name, status, serverMessage)
        : l10n.t('{0} had a server error ({1}). Try again later.', name, status);
      return this.fail(new ServerError(message, status));
    }
    if (status >= 400) {
      const message = serverMessage
        ? l10n.t('{0} refused {1} ({2}): {3}.', name, label, status, serverMessage)
        : l10n.t('{0} refused {1} ({2}): no reason given.', name, label, status);
      return this.fail(new BadRequestError(message, status));
    }
    if (status < 200 || status >= 300) {
      return this.fail(new BadResponseError(l10n.t('{0} answered {1} with an unexpected status {2}.', name, label, status), status));
    }
    if (text.trim() === '') {
      return undefined;
    }
    if (!parsed.ok) {
      return this.fail(
        new BadResponseError(
          l10n.t(
            '{service} answered {request} with a truncated or invalid JSON body. Check the {address} ({baseUrl}): it may not point to the {service} API.',
            { service: name, request: label, address: this.service.address, baseUrl: this.options.baseUrl },
          ),
          status,
        ),
      );
    }
    return parsed.value;
  }

  /** The server's `message`, redacted first and only then cut, so no secret is left half-cut. */
  private messageOf(body: unknown): string | undefined {
    const message = messageOf(body);
    return message === undefined ? undefined : this.clean(sanitizeServerText(message)).slice(0, MAX_SERVER_MESSAGE_LENGTH);
  }

  private fail(error: ApiAudioError): never {
    // Server-provided text may echo anything back; errors leave the client redacted.
    error.message = this.clean(error.message);
    throw error;
  }

  private apiHeaders(): Record<string, string> {
    const headers: Record<string, string> = {
      'x-api-key': this.options.apiKey,
      'User-Agent': this.options.userAgent,
      Accept: 'application/json',
      // Nothing compressed: a small gzip body can inflate to gigabytes.
      'Accept-Encoding': 'identity',
    };
    if (this.options.assumeOrgId) {
      headers['x-assume-org'] = this.options.assumeOrgId;
    }
    return headers;
  }

  private apiUrl(path: string, query: Query = {}): string {
    const pairs = Object.entries(query)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      // Commas stay literal, as in `tags=a,b`; everything else is percent-encoded.
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value).replace(/%2C/gi, ',')}`);
    return `${this.options.baseUrl}${path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
  }

  /**
   * Logs `Warning` and `x-sdk-latest` once per distinct value, at most a handful per
   * response and per client (a server could send thousands); never fails on them.
   */
  private noteHeaders(response: WireResponse): void {
    try {
      const warning = response.header('warning');
      if (warning) {
        let logged = 0;
        for (const raw of parseWarnings(warning.slice(0, BODY_LIMITS.error))) {
          const text = sanitizeServerText(raw).slice(0, MAX_SERVER_MESSAGE_LENGTH);
          if (text === '' || this.seenWarnings.has(text)) {
            continue;
          }
          if (logged >= MAX_WARNINGS_PER_RESPONSE || this.seenWarnings.size >= MAX_WARNINGS_PER_CLIENT) {
            if (!this.warningsSuppressed) {
              this.warningsSuppressed = true;
              this.log('warn', `${this.service.name} sent more warnings than are logged; further ones are not shown.`);
            }
            break;
          }
          this.seenWarnings.add(text);
          logged++;
          this.log('warn', `${this.service.name} warning: ${text}`);
        }
      }
      const latest = sanitizeServerText(response.header('x-sdk-latest') ?? '').slice(0, 40);
      if (latest && !this.seenSdkLatest.has(latest) && this.seenSdkLatest.size < MAX_WARNINGS_PER_CLIENT) {
        this.seenSdkLatest.add(latest);
        this.log('info', `${this.service.name} reports ${latest} as the latest SDK version.`);
      }
    } catch {
      // Informational headers only.
    }
  }

  private retryDelay(attemptIndex: number, error: unknown): number | undefined {
    if (error instanceof RateLimitedError && error.retryAfterMs !== undefined) {
      return error.retryAfterMs > MAX_RETRY_AFTER_MS ? undefined : error.retryAfterMs;
    }
    const base = this.options.retryBaseDelayMs;
    const exponential = Math.min(base * 2 ** attemptIndex, MAX_BACKOFF_MS);
    return Math.round(exponential + Math.random() * base);
  }
}

export function isTransientError(error: unknown): boolean {
  return error instanceof NetworkError || error instanceof ServerError || error instanceof RateLimitedError;
}

/** Retry-After as delta-seconds or an HTTP date, in ms (never negative). */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Math.round(Number(trimmed) * 1000);
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Each quoted string of a `Warning` header is one warning (`299 - "text", 299 - "more"`). */
export function parseWarnings(header: string): string[] {
  const quoted = [...header.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1].replace(/\\(.)/g, '$1').trim());
  if (quoted.length > 0) {
    return quoted.filter((text) => text !== '');
  }
  return header.trim() ? [header.trim()] : [];
}

/** `<Code>` and `<Message>` of an S3 XML error, by regex (the body is not JSON). */
export function parseS3Error(body: string): { code?: string; message?: string } {
  const pick = (tag: string): string | undefined => {
    const match = new RegExp(`<${tag}>([^<]{0,500})</${tag}>`).exec(body);
    return match ? sanitizeServerText(decodeXmlEntities(match[1])) || undefined : undefined;
  };
  return { code: pick('Code'), message: pick('Message') };
}

function decodeXmlEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function parseJson(text: string): { ok: boolean; value?: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function messageOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['message', 'Message']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') {
      parts.push(value.trim());
      break;
    }
  }
  // AudioStack adds `errors` (a list) or `details` (a list or text) to its message.
  const extra = Array.isArray(record.errors) ? record.errors : Array.isArray(record.details) ? record.details : record.details !== undefined ? [record.details] : [];
  for (const entry of extra.slice(0, MAX_ERROR_DETAILS)) {
    const detail = typeof entry === 'string' ? entry : detailOf(entry);
    if (detail && detail.trim() !== '' && !parts.includes(detail.trim())) parts.push(detail.trim());
  }
  return parts.length ? parts.join('; ') : undefined;
}

const MAX_ERROR_DETAILS = 5;

function detailOf(entry: unknown): string | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const record = entry as Record<string, unknown>;
  const value = typeof record.message === 'string' ? record.message : record.msg;
  return typeof value === 'string' ? value : undefined;
}

/** The start of the `message` (or `Message`) string of a JSON body cut short, if it has one. */
export function messageOfTruncatedJson(text: string): string | undefined {
  const match = /^\s*\{\s*(?:"[^"\\]{0,40}"\s*:\s*(?:"(?:[^"\\]|\\.){0,200}"|[\d.eE+-]{1,30}|true|false|null)\s*,\s*){0,8}"[Mm]essage"\s*:\s*"((?:[^"\\]|\\.)*)/.exec(text);
  if (!match) return undefined;
  // Drop a cut escape sequence (`\`, `\u00`) at the end, then decode the string as JSON does.
  const body = match[1].replace(/\\(?:u[0-9a-fA-F]{0,3})?$/, '');
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return undefined;
  }
}

function looksLikeHtml(text: string, contentType: string | null): boolean {
  return /html/i.test(contentType ?? '') || /^\s*<(!doctype|html)/i.test(text);
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { type?: string }).type === 'aborted');
}

function errorCode(error: unknown): string | undefined {
  if (error && typeof error === 'object') {
    const record = error as { code?: unknown; errno?: unknown; cause?: unknown };
    if (typeof record.code === 'string') {
      return record.code;
    }
    if (typeof record.errno === 'string') {
      return record.errno;
    }
    if (record.cause) {
      return errorCode(record.cause);
    }
  }
  return undefined;
}

function describeNetworkFailure(code: string | undefined, host: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return l10n.t('Could not connect to {0}: the connection was refused (ECONNREFUSED).', host);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return l10n.t('Could not find {0}: the name does not resolve ({1}).', host, code);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return l10n.t('The connection to {0} was dropped ({1}).', host, code);
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return l10n.t('Could not reach {0} ({1}).', host, code);
    default:
      return code ? l10n.t('Could not talk to {0} ({1}).', host, code) : l10n.t('Could not talk to {0}.', host);
  }
}

/** The host of `url`, named in messages (in words when it has none). */
/** Whether a URL carries a user name or password (`https://user:secret@host/…`). */
export function hasUserInfo(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return l10n.t('the server');
  }
}

/**
 * `https://host/path` of a (possibly relative or invalid) URL: never its query or fragment.
 * `fallback` for one that does not parse (a message passes it in words; a key keeps the default).
 */
export function withoutQuery(url: string, fallback = 'another address'): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return fallback;
  }
}

/** `/file/customaudio?tags=x` for an API URL; presigned URLs are logged whole but redacted. */
function displayPath(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * Where a storage redirect may go: https:, or http: on a loopback host (the local
 * emulator). Anything else (plain http: elsewhere, file:, data:) is refused.
 */
export function resolveRedirect(from: string, location: string): string | undefined {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    return undefined;
  }
  if (next.protocol === 'https:') return next.toString();
  if (next.protocol === 'http:' && isLoopbackHost(next.hostname)) return next.toString();
  return undefined;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

