// Small text helpers shared by the messages, the tree's tooltips and the code hover.
// Pure: no `vscode` import (messages through @vscode/l10n, see src/api/l10n.ts).
import * as l10n from '@vscode/l10n';
import { displayLanguage } from '../api/l10n';
import { plural } from './l10nFormat';

/** The first sentence of `text` (up to the first `.`, `!` or `?` followed by a space or the end). */
export function firstSentence(text: string): string {
  return /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
}

/** `text` with every Markdown-significant character escaped, for a MarkdownString. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (char) => `\\${char}`);
}

/** "1 file", "3 files" ("1 Datei", "3 Dateien"): every count of files a person reads, in the display language. */
export function fileCount(count: number): string {
  return plural(displayLanguage(), count, {
    one: (n) => l10n.t('{0} file', n),
    other: (n) => l10n.t('{0} files', n),
  });
}

/** "1 folder", "3 folders" ("1 Ordner", "3 Ordner"), in the display language. */
export function folderCount(count: number): string {
  return plural(displayLanguage(), count, {
    one: (n) => l10n.t('{0} folder', n),
    other: (n) => l10n.t('{0} folders', n),
  });
}
