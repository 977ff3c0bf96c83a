// Shared setup for the client suites: an in-process emulator, clients whose every log
// line and error message is recorded (clientSecrets.test.ts checks them at the end), and
// the presigned-URL secrets the emulator handed out.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiAudioClient, type ClientOptions, type Logger } from '../../src/api';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator';

/** One key for the whole run; long and random so a leak is unambiguous. */
export const TEST_KEY = `test-key-${randomBytes(24).toString('hex')}`;
export const OTHER_KEY = `other-key-${randomBytes(24).toString('hex')}`;

/** Everything the client said or threw during the run. */
export const recorded: { logLines: string[]; errorMessages: string[]; secrets: Set<string> } = {
  logLines: [],
  errorMessages: [],
  secrets: new Set<string>(),
};

export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: keyof Logger; message: string }> = [];
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
    recorded.logLines.push(message);
  }
}

export function recordError(error: unknown): void {
  if (error instanceof Error) {
    recorded.errorMessages.push(error.message, String(error), error.stack ?? '');
  } else {
    recorded.errorMessages.push(String(error));
  }
}

/** A client whose method rejections are recorded before they reach the test. */
export function instrument(client: ApiAudioClient): ApiAudioClient {
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
              recordError(error);
              throw error;
            });
          }
          return result;
        } catch (error) {
          recordError(error);
          throw error;
        }
      };
    },
  });
}

export interface TestEmulator extends RunningEmulator {
  /** Adds the presigned-URL secrets seen in recorded requests to `recorded.secrets`. */
  harvest(): void;
}

export async function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ apiKeys: [TEST_KEY], ...options });
  const harvest = (): void => {
    for (const request of emulator.control.requests) {
      for (const [name, value] of Object.entries(request.query)) {
        if (/^(signature|awsaccesskeyid|x-amz-security-token|x-amz-signature|x-amz-credential)$/i.test(name) && value) {
          recorded.secrets.add(value);
        }
      }
    }
  };
  const close = emulator.close.bind(emulator);
  return Object.assign(emulator, {
    harvest,
    async close() {
      harvest();
      await close();
    },
  });
}

export function makeClient(
  emulator: { url: string },
  overrides: Partial<ClientOptions> = {},
): { client: ApiAudioClient; logger: RecordingLogger } {
  const logger = new RecordingLogger();
  const client = new ApiAudioClient({
    apiKey: TEST_KEY,
    baseUrl: emulator.url,
    userAgent: 'apiaudio-media-tests/1.0',
    logger,
    retryBaseDelayMs: 10,
    timeoutMs: 5_000,
    ...overrides,
  });
  return { client: instrument(client), logger };
}

/** Awaits a rejection and returns the error (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    recordError(error);
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
