// Shared setup for the client suites. `useClientSuite()` registers the hooks every suite
// needs (one in-process emulator per suite, reset before each test; a fresh temp folder
// per test; sinon restored) and gives each test its own recording of what its clients
// logged and threw. After every test, that recording is checked: no line and no error may
// carry the API key or a secret of a presigned URL the test handled. Nothing is shared
// between tests or files.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { ApiAudioClient, type ClientOptions, type Logger } from '../../src/api';
import { AudioStackFilesClient } from '../../src/api/audiostack/client';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator';

/** One key for the whole run; long and random so a leak is unambiguous. */
export const TEST_KEY = `test-key-${randomBytes(24).toString('hex')}`;
export const OTHER_KEY = `other-key-${randomBytes(24).toString('hex')}`;

/** Query parameters of a presigned URL whose values are secrets. */
const SECRET_QUERY = /^(signature|awsaccesskeyid|x-amz-security-token|x-amz-signature|x-amz-credential)$/i;

/** What one test's clients said and threw, and the secrets none of it may contain. */
export class Recording {
  readonly logLines: string[] = [];
  readonly errorMessages: string[] = [];
  /** Secrets besides the two keys: added by the test, or seen in the emulator's requests. */
  readonly secrets = new Set<string>();

  recordError(error: unknown): void {
    if (error instanceof Error) {
      this.errorMessages.push(error.message, String(error), error.stack ?? '');
    } else {
      this.errorMessages.push(String(error));
    }
  }

  /** Adds the secret query values of the requests `emulator` received. */
  harvest(emulator: RunningEmulator): void {
    for (const request of emulator.control.requests) {
      for (const [name, value] of Object.entries(request.query)) {
        if (SECRET_QUERY.test(name) && value) this.secrets.add(value);
      }
    }
  }

  /** Every text recorded that contains a key or a secret, plain or percent-encoded (none expected). */
  leaks(): string[] {
    const secrets = [TEST_KEY, OTHER_KEY, ...this.secrets];
    return [...this.logLines, ...this.errorMessages].filter(
      (text) =>
        secrets.some((secret) => text.includes(secret) || text.includes(encodeURIComponent(secret))) ||
        /(Signature|AWSAccessKeyId|x-amz-security-token|X-Amz-Credential)(=|%3D)(?!REDACTED)[^&\s]/i.test(text),
    );
  }
}

export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: keyof Logger; message: string }> = [];
  constructor(private readonly recording?: Recording) {}
  trace(message: string): void {
    this.add('trace', message);
  }
  debug(message: string): void {
    this.add('debug', message);
  }
  info(message: string): void {
    this.add('info', message);
  }
  warn(message: string): void {
    this.add('warn', message);
  }
  error(message: string): void {
    this.add('error', message);
  }
  text(): string {
    return this.lines.map((line) => `${line.level}: ${line.message}`).join('\n');
  }
  private add(level: keyof Logger, message: string): void {
    this.lines.push({ level, message });
    this.recording?.logLines.push(message);
  }
}

/** A client whose method rejections are recorded before they reach the test. */
function instrument<T extends object>(client: T, recording: Recording | undefined): T {
  if (!recording) return client;
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') {
        return value;
      }
      return (...args: unknown[]) => {
        try {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (result instanceof Promise) {
            return result.catch((error: unknown) => {
              recording.recordError(error);
              throw error;
            });
          }
          return result;
        } catch (error) {
          recording.recordError(error);
          throw error;
        }
      };
    },
  });
}

/** Options of a test client of `server`: the test key, short retry delays, a recording logger. */
function testClientOptions(server: { url: string }, overrides: Partial<ClientOptions>, logger: RecordingLogger): ClientOptions {
  return {
    apiKey: TEST_KEY,
    baseUrl: server.url,
    userAgent: 'apiaudio-media-tests/1.0',
    logger,
    retryBaseDelayMs: 10,
    timeoutMs: 5_000,
    ...overrides,
  };
}

/** A client of `server` with short retry delays; its log and errors go to `recording`. */
export function makeClient(
  server: { url: string },
  overrides: Partial<ClientOptions> = {},
  recording?: Recording,
): { client: ApiAudioClient; logger: RecordingLogger } {
  const logger = new RecordingLogger(recording);
  return { client: instrument(new ApiAudioClient(testClientOptions(server, overrides, logger)), recording), logger };
}

/** An AudioStack Files client of `server`, set up and recorded like makeClient's. */
export function makeFilesClient(
  server: { url: string },
  overrides: Partial<ClientOptions> = {},
  recording?: Recording,
): { client: AudioStackFilesClient; logger: RecordingLogger } {
  const logger = new RecordingLogger(recording);
  return { client: instrument(new AudioStackFilesClient(testClientOptions(server, overrides, logger)), recording), logger };
}

/** Awaits a rejection and returns the error (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>, recording?: Recording): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    recording?.recordError(error);
    return error as Error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

export async function makeTempDir(prefix = 'apiaudio-client-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function writeTempFile(dir: string, name: string, bytes: Buffer): Promise<string> {
  const filePath = path.join(dir, name);
  await fs.writeFile(filePath, bytes);
  return filePath;
}

/** Names in `dir` that look like our temporary download files, their resume records and locks. */
export async function partFiles(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).filter((name) => /\.part(\.json|\.lock)?$/.test(name));
}

/** What a test of a client suite works with; valid inside tests and hooks only. */
export interface ClientSuite {
  /** The suite's emulator (reset before each test). */
  readonly emulator: RunningEmulator;
  /** An empty temp folder of this test, removed after it. */
  readonly dir: string;
  /** What this test's clients logged and threw. */
  readonly recording: Recording;
  /** Secrets this test handles that must appear nowhere in the recording. */
  readonly secrets: Set<string>;
  /** `makeClient` recording into this test's recording. */
  makeClient(server: { url: string }, overrides?: Partial<ClientOptions>): { client: ApiAudioClient; logger: RecordingLogger };
  /** `makeFilesClient` recording into this test's recording. */
  makeFilesClient(server: { url: string }, overrides?: Partial<ClientOptions>): { client: AudioStackFilesClient; logger: RecordingLogger };
  /** `rejection` recording the error into this test's recording. */
  rejection(promise: Promise<unknown>): Promise<Error>;
}

/**
 * Registers the hooks of a client suite in the calling `describe`: the emulator (started
 * once with `emulatorOptions`), a temp folder and a recording per test, sinon restored,
 * and the check that the test leaked no secret into its log or errors.
 */
export function useClientSuite(emulatorOptions: Partial<EmulatorOptions> = {}): ClientSuite {
  let emulator: RunningEmulator | undefined;
  let dir: string | undefined;
  let recording: Recording | undefined;
  const live = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only available inside a test of the suite`);
    return value;
  };
  before(async () => {
    emulator = await startEmulator({ apiKeys: [TEST_KEY], ...emulatorOptions });
  });
  after(async () => {
    await emulator?.close();
    emulator = undefined;
  });
  beforeEach(async () => {
    live(emulator, 'the emulator').control.reset();
    dir = await makeTempDir();
    recording = new Recording();
  });
  afterEach(async function () {
    sinon.restore();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
    dir = undefined;
    const done = recording;
    recording = undefined;
    if (done && emulator && this.currentTest?.state === 'passed') {
      done.harvest(emulator);
      const leaks = done.leaks();
      if (leaks.length > 0) {
        throw new Error(`a key or presigned-URL secret reached the log or an error: ${leaks[0].slice(0, 300)}`);
      }
    }
  });
  return {
    get emulator() {
      return live(emulator, 'the emulator');
    },
    get dir() {
      return live(dir, 'the temp folder');
    },
    get recording() {
      return live(recording, 'the recording');
    },
    get secrets() {
      return live(recording, 'the recording').secrets;
    },
    makeClient(server, overrides = {}) {
      return makeClient(server, overrides, live(recording, 'the recording'));
    },
    makeFilesClient(server, overrides = {}) {
      return makeFilesClient(server, overrides, live(recording, 'the recording'));
    },
    rejection(promise) {
      return rejection(promise, live(recording, 'the recording'));
    },
  };
}

/** A throwaway local server (for answers the emulator does not give), recording every request. */
export interface AdHocServer {
  url: string;
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/** Starts an AdHocServer answering with `handler` on `host` (default 127.0.0.1), ephemeral port. */
export async function adHocServer(handler: http.RequestListener, host = '127.0.0.1'): Promise<AdHocServer> {
  const requests: AdHocServer['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}
