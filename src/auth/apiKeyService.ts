import * as vscode from 'vscode';
import { API_KEY_ENV_VARS, ContextKeys, SECRET_API_KEY } from '../constants';
import type { Logger, Redactor } from '../api';

export type ApiKeySource = 'secretStorage' | 'environment';

export interface ResolvedApiKey {
  key: string;
  source: ApiKeySource;
  /** For `environment`: the variable's name. */
  variable?: string;
}

const ENV_OFFER_STATE = 'apiAudio.envKeyOffered';

/**
 * The API key: SecretStorage first, then the SDK's environment variables. Keeps the
 * `apiAudio.hasApiKey` context key true while either gives a key, and fires onDidChange
 * when the key changes here or in another window. Owns what redacts keys: every key it
 * reads (and every key checked before storing) is added to `redactor` and stays there for
 * the window's lifetime, so a replaced or removed key is still never written anywhere.
 */
export class ApiKeyService implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly globalState: vscode.Memento,
    readonly redactor: Redactor,
    private readonly logger: Logger,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.disposables.push(
      secrets.onDidChange((event) => {
        if (event.key === SECRET_API_KEY) {
          this.logger.info('The stored API key changed.');
          this.updateContextKey().then(
            () => this.changeEmitter.fire(),
            (error: unknown) => this.logger.error(`Reading the stored API key failed: ${error instanceof Error ? error.message : String(error)}`),
          );
        }
      }),
    );
  }

  async get(): Promise<ResolvedApiKey | undefined> {
    const stored = await this.storedKey();
    if (stored) return { key: stored, source: 'secretStorage' };
    return this.environmentKey();
  }

  /**
   * Where keys are found now, without the keys: whether secret storage holds one, and the
   * environment variable that holds one (the SDK's, first that is set). Remove API Key asks.
   */
  async sources(): Promise<{ stored: boolean; environmentVariable: string | undefined }> {
    return { stored: (await this.storedKey()) !== undefined, environmentVariable: this.environmentKey()?.variable };
  }

  private async storedKey(): Promise<string | undefined> {
    const stored = (await this.secrets.get(SECRET_API_KEY))?.trim();
    this.redactor.add(stored);
    return stored || undefined;
  }

  private environmentKey(): ResolvedApiKey | undefined {
    for (const variable of API_KEY_ENV_VARS) {
      const value = this.env[variable]?.trim();
      this.redactor.add(value);
      if (value) return { key: value, source: 'environment', variable };
    }
    return undefined;
  }

  async store(key: string): Promise<void> {
    this.redactor.add(key);
    await this.secrets.store(SECRET_API_KEY, key.trim());
    await this.updateContextKey();
    this.changeEmitter.fire();
  }

  async remove(): Promise<void> {
    await this.secrets.delete(SECRET_API_KEY);
    await this.updateContextKey();
    this.changeEmitter.fire();
  }

  async updateContextKey(): Promise<boolean> {
    const hasKey = (await this.get()) !== undefined;
    await vscode.commands.executeCommand('setContext', ContextKeys.hasApiKey, hasKey);
    return hasKey;
  }

  /**
   * When the key comes from an environment variable, offers once (ever) to keep it in
   * secret storage, so it survives a VS Code started without that variable.
   */
  async offerToStoreEnvironmentKey(): Promise<void> {
    const resolved = await this.get();
    if (resolved?.source !== 'environment' || this.globalState.get<boolean>(ENV_OFFER_STATE)) return;
    await this.globalState.update(ENV_OFFER_STATE, true);
    const store = vscode.l10n.t('Store Key');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t({
        message: "api.audio is using the API key from the environment variable {0}. Keep it in VS Code's secret storage?",
        args: [resolved.variable ?? ''],
        comment: ['{0} is an environment variable name, e.g. apiaudio_key'],
      }),
      store,
      vscode.l10n.t('Not Now'),
    );
    if (answer === store) {
      await this.store(resolved.key);
      void vscode.window.showInformationMessage(vscode.l10n.t('The api.audio API key is now kept in secret storage.'));
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
