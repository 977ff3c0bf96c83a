// One way to hand out a service's client, for both services: the stored key, the service's
// settings checked once (an unusable address is a SettingsError, whose message offers Open
// Settings), a server that is not the service's own confirmed by the person before the key
// goes there, one client per key and settings, and one change event that fires only when
// the connection (server, organisation, key) really changed.
import * as vscode from 'vscode';
import type { ClientOptions, Logger } from '../api';
import { SETTINGS_SECTION } from '../constants';
import { readSettings, type Settings } from '../util/config';
import { originOf } from '../util/baseUrl';
import { NoApiKeyError, ServerNotTrustedError, SettingsError } from '../util/errors';
import type { ApiKeyService } from './apiKeyService';
import type { BaseUrlTrust } from './baseUrlTrust';
import { ConnectionWatcher } from './connectionWatcher';
import { connectionIdOf } from './connectionId';

/** What differs between the services: their settings, address, rules and client class. */
export interface ServiceConnection<T> {
  /** Settings (under `apiAudio.`) that change the server, organisation or the client's options. */
  readonly settings: readonly string[];
  /** The address the key goes to, and the setting that holds it (for the trust question). */
  address(settings: Settings): { url: string; setting: string };
  /** The organisation the client acts for, if the service has one. */
  organisation(settings: Settings): string | undefined;
  /** Why these settings cannot be used, in words a person reads; undefined when they can. */
  problem(settings: Settings): string | undefined;
  create(options: ClientOptions, settings: Settings): T;
}

export class ServiceClientProvider<T> implements vscode.Disposable {
  private readonly watcher: ConnectionWatcher;
  /** Fires when the key, server or organisation really changed: what is on screen may be stale. */
  readonly onDidChange: ConnectionWatcher['onDidChange'];
  private readonly disposables: vscode.Disposable[] = [];
  private cached: { signature: string; client: T } | undefined;

  constructor(
    private readonly service: ServiceConnection<T>,
    private readonly apiKeys: ApiKeyService,
    private readonly trust: BaseUrlTrust,
    private readonly logger: Logger,
    private readonly userAgent: string,
  ) {
    // Created here, after the parameters are set: its first read happens at once.
    this.watcher = new ConnectionWatcher(() => this.connectionId());
    this.onDidChange = this.watcher.onDidChange;
    const names = service.settings.map((name) => `${SETTINGS_SECTION}.${name}`);
    this.disposables.push(
      this.watcher,
      apiKeys.onDidChange(() => this.recheck()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (names.some((name) => event.affectsConfiguration(name))) this.recheck();
      }),
    );
  }

  /**
   * The client for the current key and settings; throws NoApiKeyError or SettingsError.
   * `ask: false` (work nobody asked for just now: a start, a change of settings) never puts
   * the trust question: a server not confirmed yet is a ServerNotTrustedError, and the view
   * offers the question on a button.
   */
  async get(options: { ask?: boolean } = {}): Promise<T> {
    return (await this.connect(options)).client;
  }

  /** The client and the connectionId() it talks to, from one read of the key and settings. */
  async connect(options: { ask?: boolean } = {}): Promise<{ client: T; connectionId: string }> {
    const ask = options.ask ?? true;
    const connected = await this.resolve(ask);
    if (connected) return connected;
    if (ask) throw new NoApiKeyError();
    const address = this.service.address(readSettings());
    throw new ServerNotTrustedError(originOf(address.url), address.setting);
  }

  /**
   * The client when it can be used without a question: a stored key, usable settings, and a
   * server that is the service's own, loopback, or already confirmed. Otherwise undefined:
   * never the trust question (background lookups must not pop a modal), never an error.
   */
  async getWithoutAsking(): Promise<T | undefined> {
    try {
      return (await this.resolve(false))?.client;
    } catch {
      return undefined;
    }
  }

  /**
   * A client for `apiKey` with the current settings (also used to check a key before storing
   * it). Refuses unusable settings, and asks before the key goes to a server that is not
   * the service's own, before anything is sent.
   */
  async create(apiKey: string): Promise<T> {
    const settings = readSettings();
    this.checkSettings(settings);
    const address = this.service.address(settings);
    await this.trust.ensureTrusted(address.url, address.setting);
    return this.build(apiKey, settings);
  }

  /** Identifies whose library a listing shows (server, organisation, key fingerprint; never the key). */
  async connectionId(): Promise<string | undefined> {
    const resolved = await this.apiKeys.get();
    if (!resolved) return undefined;
    return this.idOf(resolved.key, readSettings());
  }

  /** Resolves once every key or settings change seen so far has been checked (and announced). */
  settled(): Promise<void> {
    return this.watcher.settled();
  }

  /**
   * Drops the cached client and announces a change when the connection differs from the one
   * read after the previous event: storing a key fires both our own event and
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

  /** `ask`: whether a server that is not the service's own may be confirmed now (else: undefined). */
  private async resolve(ask: boolean): Promise<{ client: T; connectionId: string } | undefined> {
    const resolved = await this.apiKeys.get();
    if (!resolved) throw new NoApiKeyError();
    const settings = readSettings();
    const connectionId = this.idOf(resolved.key, settings);
    const signature = JSON.stringify([connectionId, resolved.key, settings.requestTimeoutMs]);
    if (this.cached?.signature === signature) return { client: this.cached.client, connectionId };
    this.checkSettings(settings);
    const address = this.service.address(settings);
    if (!ask && !this.trust.isTrusted(address.url)) return undefined;
    await this.trust.ensureTrusted(address.url, address.setting);
    const client = this.build(resolved.key, settings);
    this.cached = { signature, client };
    return { client, connectionId };
  }

  private idOf(key: string, settings: Settings): string {
    return connectionIdOf(key, this.service.address(settings).url, this.service.organisation(settings));
  }

  private checkSettings(settings: Settings): void {
    // The client's own rules, checked here once so that a bad value is a SettingsError (its
    // message offers Open Settings), never the client's InvalidInputError.
    const problem = this.service.problem(settings);
    if (problem) throw new SettingsError(problem);
  }

  private build(apiKey: string, settings: Settings): T {
    const options: ClientOptions = {
      apiKey,
      redactor: this.apiKeys.redactor,
      baseUrl: this.service.address(settings).url,
      userAgent: this.userAgent,
      logger: this.logger,
      timeoutMs: settings.requestTimeoutMs,
    };
    return this.service.create(options, settings);
  }
}
