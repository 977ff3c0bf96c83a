// What a person reads about an item, in one place: the Media view's tooltip, the code
// hover and completion documentation, the completion row's detail and the inlay hint's
// label all come from here, so they cannot drift apart. Pure: no `vscode` import (the
// views wrap the Markdown text in a MarkdownString); words through @vscode/l10n.
import * as l10n from '@vscode/l10n';
import { escapeMarkdown } from '../../util/text';
import { sourceLabel, type LocatedMedia } from './location';
import { friendlyMetadata, type MetadataRow } from './metadata';
import { codeSpan } from '../markdown';

/** The parts of an item's description, before they are laid out. */
export interface MediaDescription {
  filename: string;
  mediaId: string;
  /** Where the item lives, when that is not the organisation's own library. */
  source: string | undefined;
  tags: readonly string[];
  rows: MetadataRow[];
}

/** Longest metadata value shown in a tooltip or hover; the rest is cut with "…". */
const MAX_CELL_LENGTH = 300;

export function describeMedia(entry: LocatedMedia): MediaDescription {
  const { item } = entry;
  return { filename: item.filename, mediaId: item.mediaId, source: sourceLabel(entry.scope), tags: item.tags, rows: friendlyMetadata(item.metadata) };
}

/** `text` as one table cell: on one line, `|` and Markdown escaped, at most MAX_CELL_LENGTH characters. */
function tableCell(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return escapeMarkdown(line.length > MAX_CELL_LENGTH ? `${line.slice(0, MAX_CELL_LENGTH - 1)}…` : line);
}

/**
 * File name, media ID and source, tags, then the metadata as a table: the tree's tooltip
 * and the code hover. `via` adds a line saying how the item was reached (a mediaFiles
 * entry). Markdown text, every server-given part escaped.
 */
export function mediaMarkdown(entry: LocatedMedia, options: { via?: string } = {}): string {
  const { filename, mediaId, source, tags, rows } = describeMedia(entry);
  const media = l10n.t({ message: 'api.audio media {0}', args: [codeSpan(mediaId)], comment: ['{0} is a media ID as Markdown inline code'] });
  const parts = [`**${escapeMarkdown(filename)}** · ${media}${source ? ` · ${escapeMarkdown(source)}` : ''}`];
  if (options.via) parts.push(escapeMarkdown(options.via));
  parts.push(
    tags.length
      ? l10n.t({ message: 'Tags: {0}', args: [tags.map(codeSpan).join(' ')], comment: ['{0} is the tags, each as Markdown inline code'] })
      : l10n.t({ message: 'Tags: _none_', comment: ['Markdown: the underscores set "none" in italics'] }),
  );
  if (rows.length) parts.push(['| | |', '|---|---|', ...rows.map(({ label, value }) => `| ${tableCell(label)} | ${tableCell(value)} |`)].join('\n'));
  return `${parts.join('\n\n')}\n\n`;
}

/** The tags as one line of text ("music, intro"; empty when untagged). */
export function tagSummary(tags: readonly string[]): string {
  return tags.join(', ');
}

/** Where the item lives and its tags, on one line: a completion row's description. */
export function placeSummary(entry: LocatedMedia): string {
  return [sourceLabel(entry.scope), tagSummary(entry.item.tags)].filter(Boolean).join(' · ');
}

/** The short name beside a media ID in code (the inlay hint) and in a completion row. */
export function mediaLabel(entry: LocatedMedia): string {
  return entry.item.filename;
}
