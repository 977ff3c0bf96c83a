// What a person reads about an AudioStack file, in one place: the Files view's row
// description, its tooltip and its screen-reader label. A parallel of describe.ts: a
// StackFile has a folder, a size, a duration and a status where v1's MediaItem has tags and
// free metadata, so it does not fit LocatedMedia. Pure: no `vscode` import; words through
// @vscode/l10n, sizes, durations and dates through Intl in the display language.
import * as l10n from '@vscode/l10n';
import { stackFileState, type StackFile } from '../../api/audiostack/model';

export { stackFileState, type StackFileState } from '../../api/audiostack/model';
import { displayLanguage } from '../../api/l10n';
import { formatDate, formatDuration, formatSize } from '../../util/l10nFormat';
import { escapeMarkdown } from '../../util/text';
import { codeSpan } from '../markdown';

/** The status as a person reads it: "processing…", "failed", or the service's own word. */
export function stackFileStatusLabel(file: Pick<StackFile, 'status'>): string | undefined {
  switch (stackFileState(file)) {
    case 'ready':
      return undefined;
    case 'failed':
      return file.status.toLowerCase() === 'failed'
        ? l10n.t({ message: 'failed', comment: ['the state of an AudioStack file that could not be processed'] })
        : l10n.t({ message: 'failed ({0})', args: [file.status], comment: ["{0} is AudioStack's own word for the file's status"] });
    case 'processing':
      return file.status.toLowerCase() === 'processing'
        ? l10n.t({ message: 'processing…', comment: ['the state of an AudioStack file the service is still processing'] })
        : `${file.status}…`;
  }
}

/** What the file's state means for a person, and what to do: the tooltip's Status row. */
export function stackFileStatusSentence(file: Pick<StackFile, 'status'>): string {
  const own = file.status.toLowerCase();
  switch (stackFileState(file)) {
    case 'ready':
      return l10n.t('uploaded: ready to play and download');
    case 'processing':
      return own === 'processing'
        ? l10n.t('processing: AudioStack is still working on it; it can be played and downloaded once it is done. Refresh the folder in a while.')
        : l10n.t({
            message: '{0}: AudioStack is still working on it; it can be played and downloaded once it is done. Refresh the folder in a while.',
            args: [file.status],
            comment: ["{0} is AudioStack's own word for the file's status"],
          });
    case 'failed':
      return own === 'failed'
        ? l10n.t('failed: AudioStack could not process it, so it cannot be played. Check that it is an audio file, then upload it again.')
        : l10n.t({
            message: '{0}: AudioStack could not process it, so it cannot be played. Check that it is an audio file, then upload it again.',
            args: [file.status],
            comment: ["{0} is AudioStack's own word for the file's status"],
          });
  }
}

/** The row's description: size and duration, then the state when the file is not ready ("1.2 MB · 3.5 sec", "processing…"). */
export function stackFileSummary(file: StackFile): string {
  const language = displayLanguage();
  return [
    file.size !== undefined ? formatSize(language, file.size) : undefined,
    file.duration !== undefined ? formatDuration(language, file.duration) : undefined,
    stackFileStatusLabel(file),
  ]
    .filter((part): part is string => Boolean(part))
    .join(' · ');
}

/** The row's tooltip: name and file ID, then size, duration, type, category, status, dates. Markdown, server text escaped. */
export function stackFileMarkdown(file: StackFile, folderPath?: string): string {
  const language = displayLanguage();
  const rows: Array<[string, string | undefined]> = [
    [l10n.t('Folder'), folderPath],
    [l10n.t('Size'), file.size !== undefined ? formatSize(language, file.size) : undefined],
    [l10n.t('Duration'), file.duration !== undefined ? formatDuration(language, file.duration) : undefined],
    [l10n.t('Type'), file.fileType],
    [l10n.t('Category'), file.category],
    [l10n.t('Status'), stackFileStatusSentence(file)],
    [l10n.t('Created'), file.createdAt && (formatDate(language, file.createdAt) ?? file.createdAt)],
    [l10n.t('Updated'), file.updatedAt && (formatDate(language, file.updatedAt) ?? file.updatedAt)],
  ];
  const table = rows
    .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
    .map(([label, value]) => `| ${label} | ${escapeMarkdown(value.replace(/\s+/g, ' '))} |`);
  const heading = l10n.t({ message: 'AudioStack file {0}', args: [codeSpan(file.fileId)], comment: ['{0} is a file ID as Markdown inline code'] });
  const parts = [`**${escapeMarkdown(file.fileName)}** · ${heading}`];
  if (table.length) parts.push(['| | |', '|---|---|', ...table].join('\n'));
  return `${parts.join('\n\n')}\n\n`;
}

/** A screen reader's line for the row. */
export function stackFileAccessibleLabel(file: StackFile): string {
  const summary = stackFileSummary(file);
  return summary
    ? l10n.t({
        message: '{0}, {1}, file ID {2}',
        args: [file.fileName, summary.replace(/ · /g, ', '), file.fileId],
        comment: ['a screen reader\'s line for a file: {0} is its name, {1} its size, duration and state, {2} its file ID'],
      })
    : l10n.t({ message: '{0}, file ID {1}', args: [file.fileName, file.fileId], comment: ["a screen reader's line for a file: {0} is its name, {1} its file ID"] });
}

/** The played-media key of an AudioStack file (its local copy and `apiaudio-media:` address), apart from v1's media IDs. */
export function stackFileMediaKey(fileId: string): string {
  return `audiostack-${fileId}`;
}

/**
 * An AudioStack file as a command argument outside the Files view (a code hover's links):
 * its ID and name only, never its presigned link. The Files commands accept it like a row.
 */
export interface StackFileReference {
  readonly audiostackFileId: string;
  readonly fileName: string;
}

export function stackFileReference(file: Pick<StackFile, 'fileId' | 'fileName'>): StackFileReference {
  return { audiostackFileId: file.fileId, fileName: file.fileName };
}

export function isStackFileReference(value: unknown): value is StackFileReference {
  if (typeof value !== 'object' || value === null) return false;
  const { audiostackFileId, fileName } = value as Record<string, unknown>;
  return typeof audiostackFileId === 'string' && typeof fileName === 'string';
}
