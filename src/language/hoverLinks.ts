import * as vscode from 'vscode';
import { Commands, FilesCommands } from '../constants';
import { mediaMarkdown } from '../media/apiaudio/describe';
import { mediaReference, type LocatedMedia } from '../media/apiaudio/location';
import { stackFileMarkdown, stackFileReference, stackFileState } from '../media/audiostack/stackFiles';
import { escapeMarkdown } from '../util/text';
import type { KnownStackFile } from './fileInsight';

/** The commands a hover's links may run (a trusted markdown string allows only these). */
export const HOVER_COMMANDS = [Commands.open, Commands.download, Commands.revealMedia, Commands.copyDownloadUrl];
/** The commands an AudioStack file's hover links may run. */
export const FILE_HOVER_COMMANDS = [FilesCommands.open, FilesCommands.download, FilesCommands.copyFileId];

export function commandLink(command: string, args: unknown[]): string {
  // Parentheses would end the markdown link early: encode them too.
  return `command:${command}?${encodeURIComponent(JSON.stringify(args)).replace(/\(/g, '%28').replace(/\)/g, '%29')}`;
}

/** A translated word as a Markdown link's text: a `[` or `]` in a translation must not end it. */
function linkText(text: string): string {
  return text.replace(/[[\]\\]/g, '\\$&');
}

/** A text as a Markdown link's "title": a `"` in a translation or a file name must not end it. */
function linkTitle(text: string): string {
  return text.replace(/"/g, '\\"');
}

/** The Play link's title: "Play <file name> in VS Code", the name escaped. */
function playTitle(fileName: string): string {
  return linkTitle(vscode.l10n.t({ message: 'Play {0} in VS Code', args: [escapeMarkdown(fileName)], comment: ['{0} is a file name'] }));
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
      `[$(play) ${linkText(vscode.l10n.t('Play'))}](${commandLink(Commands.open, [target])} "${playTitle(filename)}")`,
      `[$(cloud-download) ${linkText(vscode.l10n.t('Download…'))}](${commandLink(Commands.download, [target])} "${linkTitle(vscode.l10n.t('Save a copy to a folder'))}")`,
      `[$(list-tree) ${linkText(vscode.l10n.t('Reveal in Media View'))}](${commandLink(Commands.revealMedia, [mediaId, entry.scope])})`,
      `[$(link) ${linkText(vscode.l10n.t('Copy Download URL'))}](${commandLink(Commands.copyDownloadUrl, [target])} "${linkTitle(vscode.l10n.t('A presigned link that expires'))}")`,
    ].join(' · '),
  );
  md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  return md;
}

/**
 * The hover of an AudioStack file ID: the file as the Files view's tooltip words it
 * (media/stackFiles), then Play (when it is ready), Download… and Copy File ID. The links
 * carry a reference (ID and name), never the file's presigned link.
 */
export function fileHoverMarkdown(entry: KnownStackFile): vscode.MarkdownString {
  const { file, folderPath } = entry;
  const md = new vscode.MarkdownString(stackFileMarkdown(file, folderPath), true);
  const target = stackFileReference(file);
  const links = [
    `[$(cloud-download) ${linkText(vscode.l10n.t('Download…'))}](${commandLink(FilesCommands.download, [target])} "${linkTitle(vscode.l10n.t('Save a copy to a folder'))}")`,
    `[$(copy) ${linkText(vscode.l10n.t('Copy File ID'))}](${commandLink(FilesCommands.copyFileId, [target])})`,
  ];
  if (stackFileState(file) === 'ready') links.unshift(`[$(play) ${linkText(vscode.l10n.t('Play'))}](${commandLink(FilesCommands.open, [target])} "${playTitle(file.fileName)}")`);
  md.appendMarkdown(links.join(' · '));
  md.isTrusted = { enabledCommands: FILE_HOVER_COMMANDS };
  return md;
}
