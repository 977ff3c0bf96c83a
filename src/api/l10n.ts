// Localisation for the layers without `vscode` (api, util, model, media): they import
// `* as l10n from '@vscode/l10n'` and call `l10n.t('…', …)` exactly as the extension's
// modules call `vscode.l10n.t` — the same placeholders, and @vscode/l10n-dev's extractor
// (`npm run l10n`) reads both (it recognises only imports of 'vscode' and '@vscode/l10n').
//
// Each bundle (dist/extension.js, dist/language.js) holds its own copy of @vscode/l10n and
// of this module, so each calls useDisplayLanguage at activation with what VS Code loaded
// (vscode.l10n.bundle, vscode.env.language). Unconfigured — plain Node: unit tests,
// benchmarks — messages stay English with their placeholders filled in.
import * as l10n from '@vscode/l10n';

let language = 'en';

/** What VS Code loaded for the display language: its bundle (undefined for English) and its id. */
export interface DisplayLanguage {
  language: string;
  bundle: Record<string, string | { message: string; comment: string[] }> | undefined;
}

/** Makes this bundle's l10n.t and displayLanguage() answer in the display language. */
export function useDisplayLanguage(display: DisplayLanguage): void {
  language = display.language || 'en';
  if (display.bundle) l10n.config({ contents: display.bundle });
}

/** VS Code's display language ("en", "de", "zh-cn"), for l10nFormat's helpers; "en" until configured. */
export function displayLanguage(): string {
  return language;
}
