// Errors the extension raises itself (the client's live in src/api/errors.ts). Their
// messages are shown to a person: in the display language (@vscode/l10n, see src/api/l10n.ts).
import * as l10n from '@vscode/l10n';

/** No key in secret storage nor in the environment. */
export class NoApiKeyError extends Error {
  constructor() {
    super(l10n.t('No api.audio API key is set. Run "api.audio: Set API Key…".'));
    this.name = 'NoApiKeyError';
  }
}

/** A setting has a value the extension cannot use. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** The person did not confirm the server `setting` (apiAudio.baseUrl or apiAudio.filesBaseUrl) points to: the key was not sent. */
export class ServerNotTrustedError extends SettingsError {
  constructor(
    readonly origin: string,
    setting = 'apiAudio.baseUrl',
  ) {
    super(
      l10n.t({
        message: 'Your API key was not sent to {0}, which is not an api.audio server. Refresh to be asked again and confirm the server, or change the setting {1}.',
        args: [origin, setting],
        comment: ['{0} is a server address (https://example.com), {1} a setting id (apiAudio.baseUrl)'],
      }),
    );
    this.name = 'ServerNotTrustedError';
  }
}
