import * as vscode from 'vscode';
import { Commands } from '../constants';
import { isKnownApiAudioServer, originOf } from '../util/baseUrl';
import { ServerNotTrustedError } from '../util/errors';

/** globalState key of the servers the person confirmed (origins). Machine-local, never synced. */
const TRUSTED_ORIGINS = 'apiAudio.trustedServers';

/**
 * Asks once before the API key goes to a server that is not api.audio's (nor a local
 * emulator). apiAudio.baseUrl cannot come from a workspace (machine scope), but another
 * tool, a synced profile or a copied settings file can still change it: the person decides.
 */
export class BaseUrlTrust {
  /** One question per origin at a time, however many requests are waiting. */
  private readonly pending = new Map<string, Promise<boolean>>();

  constructor(private readonly state: vscode.Memento) {}

  /** Resolves when the key may be sent to `baseUrl` (named by `setting`); throws ServerNotTrustedError when the person declined. */
  async ensureTrusted(baseUrl: string, setting = 'apiAudio.baseUrl'): Promise<void> {
    if (isKnownApiAudioServer(baseUrl)) return;
    const origin = originOf(baseUrl);
    if (this.trustedOrigins().includes(origin)) return;
    let question = this.pending.get(origin);
    if (!question) {
      question = this.ask(origin, setting).finally(() => this.pending.delete(origin));
      this.pending.set(origin, question);
    }
    if (!(await question)) {
      throw new ServerNotTrustedError(origin, setting);
    }
  }

  /** Whether the key may go to `baseUrl` without asking: an api.audio server, loopback, or one the person confirmed. Never asks. */
  isTrusted(baseUrl: string): boolean {
    return isKnownApiAudioServer(baseUrl) || this.trustedOrigins().includes(originOf(baseUrl));
  }

  /** Forgets every confirmed server (they will be asked about again). */
  async forgetAll(): Promise<void> {
    await this.state.update(TRUSTED_ORIGINS, undefined);
  }

  private trustedOrigins(): string[] {
    const value = this.state.get<unknown>(TRUSTED_ORIGINS);
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  }

  /**
   * A modal whose default button (the first: Enter, and the one focused) is the harmless
   * Open Settings. VS Code always puts its Cancel (the close affordance) last, so Cancel
   * itself cannot be the default; Enter must never send the key.
   */
  private async ask(origin: string, setting: string): Promise<boolean> {
    const trust = vscode.l10n.t('Send Key to This Server');
    const settings = vscode.l10n.t('Open Settings');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t({ message: 'Send your api.audio API key to {0}?', args: [origin], comment: ['{0} is a server address, e.g. https://example.com'] }),
      {
        modal: true,
        detail: vscode.l10n.t({
          message:
            'The setting {0} points to {1}, which is not an api.audio server. It will receive your API key with every request. Continue only if you run or trust this server; you are asked once per server.',
          args: [setting, origin],
          comment: ['{0} is a setting id (apiAudio.baseUrl), {1} a server address'],
        }),
      },
      settings,
      trust,
    );
    if (answer === settings) void vscode.commands.executeCommand(Commands.openSettings);
    if (answer !== trust) return false;
    await this.state.update(TRUSTED_ORIGINS, [...this.trustedOrigins(), origin]);
    return true;
  }
}
