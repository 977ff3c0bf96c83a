// Small text helpers shared by the messages, the tree's tooltips and the code hover.
// Pure: no `vscode` import.

/** The first sentence of `text` (up to the first `.`, `!` or `?` followed by a space or the end). */
export function firstSentence(text: string): string {
  return /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
}

/** `text` with every Markdown-significant character escaped, for a MarkdownString. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (char) => `\\${char}`);
}

/** "1 file", "3 files": every count of files a person reads. */
export function fileCount(count: number): string {
  return `${count} file${count === 1 ? '' : 's'}`;
}
