import * as vscode from 'vscode';
import { ApiAudioClient, validateAssumeOrgId, validateBaseUrl, type Logger } from '../api';
import type { LibraryConnection } from '../model/mediaLibrary';
import { SETTINGS_SECTION } from '../constants';
import { readSettings } from '../util/config';
import { NoApiKeyError, SettingsError } from '../util/errors';
import type { ApiKeyService } from './apiKeyService';
import type { BaseUrlTrust } from './baseUrlTrust';
import { ConnectionWatcher } from './connectionWatcher';
import { connectionIdOf } from './connectionId';

/** Settings that change which server or organisation the client talks to. */
const CONNECTION_SETTINGS = ['baseUrl', 'assumeOrgId', 'requestTimeoutSeconds'].map((name) => `${SETTINGS_SECTION}.${name}`);

/**
 * Hands out an ApiAudioClient for the current key and settings, and builds a new one when
 * either changes (here, in settings, or in another window). Reading has no side effect on
 * the change event: only the key and settings events feed it.
 */
export class ClientProvider implements vscode.Disposable {
  private readonly watcher: ConnectionWatcher;
  /** Fires when the key, server or organisation really changed: cached data may be stale. */
  readonly onDidChange: ConnectionWatcher['onDidChange'];
  private readonly disposables: vscode.Disposable[] = [];
  private cached: { signature: string; client: ApiAudioClient } | undefined;

  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly trust: BaseUrlTrust,
    private readonly logger: Logger,
    private readonly userAgent: string,
  ) {
    // Created here, after the parameters are set: its first read happens at once.
    this.watcher = new ConnectionWatcher(() => this.connectionId());
    this.onDidChange = this.watcher.onDidChange;
    this.disposables.push(
      this.watcher,
      apiKeys.onDidChange(() => this.recheck()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (CONNECTION_SETTINGS.some((name) => event.affectsConfiguration(name))) this.recheck();
      }),
    );
  }

  /** The client for the current key and settings; throws NoApiKeyError or SettingsError. */
  async get(): Promise<ApiAudioClient> {
    return (await this.connect()).client;
  }

  /** The client and the connectionId() it talks to, from one read of the key and settings. */
  async connect(): Promise<LibraryConnection & { client: ApiAudioClient }> {
    const resolved = await this.apiKeys.get();
    if (!resolved) throw new NoApiKeyError();
    const settings = readSettings();
    const connectionId = connectionIdOf(resolved.key, settings.baseUrl, settings.assumeOrgId);
    const signature = JSON.stringify([resolved.key, settings.baseUrl, settings.assumeOrgId, settings.requestTimeoutMs]);
    if (this.cached?.signature !== signature) this.cached = { signature, client: await this.create(resolved.key) };
    return { client: this.cached.client, connectionId };
  }

  /**
   * A client for `apiKey` with the current settings (also used to check a key before storing
   * it). Refuses unusable settings, and asks before the key goes to a server that is not
   * api.audio's, before anything is sent.
   */
  async create(apiKey: string): Promise<ApiAudioClient> {
    const settings = readSettings();
    // The client's own rules, checked here once so that a bad value is a SettingsError
    // (its message offers Open Settings), never the client's InvalidInputError.
    const problem = validateBaseUrl(settings.baseUrl) ?? validateAssumeOrgId(settings.assumeOrgId);
    if (problem) throw new SettingsError(problem);
    await this.trust.ensureTrusted(settings.baseUrl);
    return new ApiAudioClient({
      apiKey,
      redactor: this.apiKeys.redactor,
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

  /** Resolves once every key or settings change seen so far has been checked (and announced). */
  settled(): Promise<void> {
    return this.watcher.settled();
  }

  /**
   * Drops the cached client and announces a change when the connection differs from the
   * one read after the previous event: storing a key fires both our own event and
   * SecretStorage's, and a new timeout needs a new client but not a new listing. Called on
   * every key and settings event; call it too when the key may have changed unseen (the
   * SDK's environment variables, which tests change in-process).
   */
  recheck(): void {
    this.cached = undefined;
    this.watcher.recheck();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
