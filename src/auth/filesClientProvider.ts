import * as vscode from 'vscode';
import { validateBaseUrl, type Logger } from '../api';
import { AudioStackFilesClient, DEFAULT_FILES_BASE_URL } from '../api/files/client';
import { SETTINGS_SECTION } from '../constants';
import { readSettings } from '../util/config';
import { NoApiKeyError, SettingsError } from '../util/errors';
import type { ApiKeyService } from './apiKeyService';
import type { BaseUrlTrust } from './baseUrlTrust';
import { connectionIdOf } from './connectionId';

const FILES_SETTING = 'apiAudio.filesBaseUrl';
/** Settings that change which AudioStack server the client talks to, or how long it waits. */
const CONNECTION_SETTINGS = ['filesBaseUrl', 'requestTimeoutSeconds'].map((name) => `${SETTINGS_SECTION}.${name}`);

/**
 * Hands out an AudioStackFilesClient for the one stored key and apiAudio.filesBaseUrl,
 * with the same rules as the api.audio client: an unusable address is a SettingsError (its
 * message offers Open Settings), and a server that is not AudioStack's (`*.api.audio` over
 * https, or loopback) is confirmed by the person before the key goes there.
 */
export class FilesClientProvider implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when the key or the Files address changed: listings on screen may be stale. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private cached: { signature: string; client: AudioStackFilesClient } | undefined;

  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly trust: BaseUrlTrust,
    private readonly logger: Logger,
    private readonly userAgent: string,
  ) {
    this.disposables.push(
      apiKeys.onDidChange(() => this.changed()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (CONNECTION_SETTINGS.some((name) => event.affectsConfiguration(name))) this.changed();
      }),
    );
  }

  async get(): Promise<AudioStackFilesClient> {
    const client = await this.resolve(true);
    if (!client) throw new NoApiKeyError();
    return client;
  }

  /**
   * The client when it can be used without a question: a stored key, a valid address, and a
   * server that is AudioStack's, loopback, or already confirmed. Otherwise undefined: never
   * the trust question (background lookups must not pop a modal), never an error.
   */
  async getWithoutAsking(): Promise<AudioStackFilesClient | undefined> {
    try {
      return await this.resolve(false);
    } catch {
      return undefined;
    }
  }

  /** `ask`: whether a server that is not AudioStack's may be confirmed now (else: undefined). */
  private async resolve(ask: boolean): Promise<AudioStackFilesClient | undefined> {
    const resolved = await this.apiKeys.get();
    if (!resolved) throw new NoApiKeyError();
    const settings = readSettings();
    const signature = JSON.stringify([resolved.key, settings.filesBaseUrl, settings.requestTimeoutMs]);
    if (this.cached?.signature === signature) return this.cached.client;
    const problem = validateBaseUrl(settings.filesBaseUrl, FILES_SETTING, DEFAULT_FILES_BASE_URL);
    if (problem) throw new SettingsError(problem);
    if (!ask && !this.trust.isTrusted(settings.filesBaseUrl)) return undefined;
    await this.trust.ensureTrusted(settings.filesBaseUrl, FILES_SETTING);
    const client = new AudioStackFilesClient({
      apiKey: resolved.key,
      redactor: this.apiKeys.redactor,
      baseUrl: settings.filesBaseUrl,
      userAgent: this.userAgent,
      logger: this.logger,
      timeoutMs: settings.requestTimeoutMs,
    });
    this.cached = { signature, client };
    return client;
  }

  /**
   * Identifies whose files a listing shows (the Files address and the key's fingerprint,
   * never the key), undefined without a key: what the cached listing is kept under.
   */
  async connectionId(): Promise<string | undefined> {
    const resolved = await this.apiKeys.get();
    if (!resolved) return undefined;
    return connectionIdOf(resolved.key, readSettings().filesBaseUrl, undefined);
  }

  private changed(): void {
    this.cached = undefined;
    this.changeEmitter.fire();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
