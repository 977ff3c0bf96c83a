import * as vscode from 'vscode';
import { Commands } from '../constants';
import { mediaNodeId, type MediaNode } from '../tree/nodes';
import { friendlyMetadata, type IndexedMedia } from '../language/mediaIndex';
import { escapeMarkdown } from '../util/text';

/** The commands a hover's links may run (a trusted markdown string allows only these). */
export const HOVER_COMMANDS = [Commands.open, Commands.download, Commands.revealMedia, Commands.copyDownloadUrl];

/**
 * The Media view's node for an item, as the item commands (Open, Download…, Copy Download
 * URL) take it. Metadata is left out: the commands do not read it and the link stays short.
 */
export function mediaNodeFor({ scope, item }: IndexedMedia): MediaNode {
  const tag = item.tags[0];
  return { kind: 'media', id: mediaNodeId(scope, tag, item.mediaId), scope, tag, item: { mediaId: item.mediaId, filename: item.filename, tags: [...item.tags], metadata: {} } };
}

export function commandLink(command: string, args: unknown[]): string {
  // Parentheses would end the markdown link early: encode them too.
  return `command:${command}?${encodeURIComponent(JSON.stringify(args)).replace(/\(/g, '%28').replace(/\)/g, '%29')}`;
}


/**
 * File name, ID, tags and metadata of a listed item; with `links`, a row of command links
 * (Play, Download…, Reveal in Media View, Copy Download URL).
 */
export function mediaMarkdown(entry: IndexedMedia, options: { links: boolean; via?: string }): vscode.MarkdownString {
  const { item, scope } = entry;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMarkdown(item.filename)}** · api.audio media \`${item.mediaId}\`${scope === 'public' ? ' · api.audio Library' : ''}\n\n`);
  if (options.via) md.appendMarkdown(`${escapeMarkdown(options.via)}\n\n`);
  md.appendMarkdown(`Tags: ${item.tags.length ? item.tags.map((tag) => `\`${tag.replace(/`/g, "'")}\``).join(' ') : '_none_'}\n\n`);
  const rows = friendlyMetadata(item.metadata);
  if (rows.length) {
    md.appendMarkdown('| | |\n|---|---|\n');
    for (const row of rows) md.appendMarkdown(`| ${escapeMarkdown(row.label)} | ${escapeMarkdown(row.value)} |\n`);
    md.appendMarkdown('\n');
  }
  if (options.links) {
    const node = mediaNodeFor(entry);
    md.appendMarkdown(
      [
        `[$(play) Play](${commandLink(Commands.open, [node])} "Play ${escapeMarkdown(item.filename)} in VS Code")`,
        `[$(cloud-download) Download…](${commandLink(Commands.download, [node])} "Save a copy to a folder")`,
        `[$(list-tree) Reveal in Media View](${commandLink(Commands.revealMedia, [item.mediaId, scope])})`,
        `[$(link) Copy Download URL](${commandLink(Commands.copyDownloadUrl, [node])} "A presigned link that expires")`,
      ].join(' · '),
    );
    md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  }
  return md;
}
