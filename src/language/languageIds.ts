// Which VS Code languages the media-ID features work in. Tiny on purpose: the main bundle
// imports it to decide when to load the rest of src/language/ (dist/language.js).

/** The syntaxes the analysis knows. */
export type LanguageKind = 'python' | 'js' | 'json' | 'yaml' | 'text';

export const LANGUAGE_KINDS: Readonly<Record<string, LanguageKind>> = Object.freeze({
  python: 'python',
  javascript: 'js',
  javascriptreact: 'js',
  typescript: 'js',
  typescriptreact: 'js',
  json: 'json',
  jsonc: 'json',
  yaml: 'yaml',
  plaintext: 'text',
});

/** VS Code language ids the media-ID features work in. */
export const SUPPORTED_LANGUAGE_IDS: readonly string[] = Object.freeze(Object.keys(LANGUAGE_KINDS));
