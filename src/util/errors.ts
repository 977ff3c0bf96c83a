// Errors the extension raises itself (the client's live in src/api/errors.ts).

/** No key in secret storage nor in the environment. */
export class NoApiKeyError extends Error {
  constructor() {
    super('No api.audio API key is set. Run "api.audio: Set API Key…".');
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
      `Your API key was not sent to ${origin}, which is not an api.audio server. Refresh to be asked again and confirm the server, or change the setting ${setting}.`,
    );
    this.name = 'ServerNotTrustedError';
  }
}
