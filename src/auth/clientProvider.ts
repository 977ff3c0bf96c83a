import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { ApiAudioClient, type Logger } from '../api';
import { SETTINGS_SECTION } from '../constants';
import { checkBaseUrl, readSettings } from '../util/config';
import { NoApiKeyError, SettingsError } from '../util/errors';
import type { ApiKeyService } from './apiKeyService';

/** Settings that change which server or organisation the client talks to. */
const CONNECTION_SETTINGS = ['baseUrl', 'assumeOrgId', 'requestTimeoutSeconds'].map((name) => `${SETTINGS_SECTION}.${name}`);

/**
 * Hands out an ApiAudioClient for the current key and settings, and builds a new one when
 * either changes (here, in settings, or in another window).
 */
export class ClientProvider implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when the key or a connection setting changed: cached data may be stale. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private cached: { signature: string; client: ApiAudioClient } | undefined;
  /** The connection the last change event, or the last get(), was for. */
  private announced: string | undefined;
  private invalidation: Promise<void> = Promise.resolve();

  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly logger: Logger,
    private readonly userAgent: string,
  ) {
    this.disposables.push(
      apiKeys.onDidChange(() => this.invalidate()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (CONNECTION_SETTINGS.some((name) => event.affectsConfiguration(name))) this.invalidate();
      }),
    );
  }

  /** The client for the current key and settings; throws NoApiKeyError or SettingsError. */
  async get(): Promise<ApiAudioClient> {
    return (await this.connect()).client;
  }

  /** The client and the connectionId() it talks to, from one read of the key. */
  async connect(): Promise<{ client: ApiAudioClient; connectionId: string }> {
    const resolved = await this.apiKeys.get();
    if (!resolved) {
      this.announced = undefined;
      throw new NoApiKeyError();
    }
    const settings = readSettings();
    const connectionId = connectionIdOf(resolved.key, settings.baseUrl, settings.assumeOrgId);
    this.announced = connectionId;
    const signature = JSON.stringify([resolved.key, settings.baseUrl, settings.assumeOrgId, settings.requestTimeoutMs]);
    if (this.cached?.signature !== signature) this.cached = { signature, client: this.create(resolved.key) };
    return { client: this.cached.client, connectionId };
  }

  /** A client for `apiKey` with the current settings (used to check a key before storing it). */
  create(apiKey: string): ApiAudioClient {
    const settings = readSettings();
    const problem = checkBaseUrl(settings.baseUrl);
    if (problem) throw new SettingsError(problem);
    return new ApiAudioClient({
      apiKey,
      baseUrl: settings.baseUrl,
      assumeOrgId: settings.assumeOrgId,
      userAgent: this.userAgent,
      logger: this.logger,
      timeoutMs: settings.requestTimeoutMs,
    });
  }

  /**
   * Identifies the library a listing belongs to (server, organisation, key) without
   * holding the key itself: used to key the cached listing.
   */
  async connectionId(): Promise<string | undefined> {
    const resolved = await this.apiKeys.get();
    if (!resolved) return undefined;
    const settings = readSettings();
    return connectionIdOf(resolved.key, settings.baseUrl, settings.assumeOrgId);
  }

  /**
   * Drops the cached client and announces a change only when the connection really
   * changed: storing a key fires both our own event and SecretStorage's, and a new
   * timeout needs a new client but not a new listing.
   */
  private invalidate(): void {
    this.cached = undefined;
    this.invalidation = this.invalidation.then(async () => {
      const current = await this.connectionId().catch(() => undefined);
      if (current === this.announced) return;
      this.announced = current;
      this.changeEmitter.fire();
    });
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function connectionIdOf(key: string, baseUrl: string, assumeOrgId: string | undefined): string {
  const keyFingerprint = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return `${baseUrl}|${assumeOrgId ?? ''}|${keyFingerprint}`;
}
