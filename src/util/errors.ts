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
