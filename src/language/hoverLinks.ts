import * as vscode from 'vscode';
import { Commands } from '../constants';
import { mediaMarkdown } from '../media/describe';
import { mediaReference, type LocatedMedia } from '../media/location';
import { escapeMarkdown } from '../util/text';

/** The commands a hover's links may run (a trusted markdown string allows only these). */
export const HOVER_COMMANDS = [Commands.open, Commands.download, Commands.revealMedia, Commands.copyDownloadUrl];

export function commandLink(command: string, args: unknown[]): string {
  // Parentheses would end the markdown link early: encode them too.
  return `command:${command}?${encodeURIComponent(JSON.stringify(args)).replace(/\(/g, '%28').replace(/\)/g, '%29')}`;
}

/**
 * The code hover: the item as media/describe words it (`via`: how it was reached), then a
 * row of command links (Play, Download…, Reveal in Media View, Copy Download URL). The item
 * commands take the item itself (a media reference), not a tree node.
 */
export function hoverMarkdown(entry: LocatedMedia, via?: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(mediaMarkdown(entry, { via }), true);
  const target = mediaReference(entry);
  const { filename, mediaId } = entry.item;
  md.appendMarkdown(
    [
      `[$(play) Play](${commandLink(Commands.open, [target])} "Play ${escapeMarkdown(filename)} in VS Code")`,
      `[$(cloud-download) Download…](${commandLink(Commands.download, [target])} "Save a copy to a folder")`,
      `[$(list-tree) Reveal in Media View](${commandLink(Commands.revealMedia, [mediaId, entry.scope])})`,
      `[$(link) Copy Download URL](${commandLink(Commands.copyDownloadUrl, [target])} "A presigned link that expires")`,
    ].join(' · '),
  );
  md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  return md;
}
