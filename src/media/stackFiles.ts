// What a person reads about an AudioStack file, in one place: the Files view's row
// description, its tooltip and its screen-reader label. A parallel of describe.ts: a
// StackFile has a folder, a size, a duration and a status where v1's MediaItem has tags and
// free metadata, so it does not fit LocatedMedia. Pure: no `vscode` import.
import { formatBytes } from '../api/format';
import { FILE_STATUS_UPLOADED, type StackFile } from '../api/files/model';
import { escapeMarkdown } from '../util/text';
import { codeSpan } from './describe';
import { formatDate } from './metadata';

/** Where a file's state shows: ready to play, still being processed, or failed for good. */
export type StackFileState = 'ready' | 'processing' | 'failed';

/** Statuses that will never become `uploaded` (*inferred*, as the client's). */
const FAILED_STATUSES = new Set(['failed', 'error', 'rejected', 'invalid']);

export function stackFileState(file: Pick<StackFile, 'status'>): StackFileState {
  const status = file.status.toLowerCase();
  if (status === FILE_STATUS_UPLOADED) return 'ready';
  return FAILED_STATUSES.has(status) ? 'failed' : 'processing';
}

/** "1.5 s", "42 s", "3:05", "1:02:03". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 10) return `${Math.round(seconds * 10) / 10} s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

/** The status as a person reads it: "processing…", "failed", or the service's own word. */
export function stackFileStatusLabel(file: Pick<StackFile, 'status'>): string | undefined {
  switch (stackFileState(file)) {
    case 'ready':
      return undefined;
    case 'failed':
      return file.status.toLowerCase() === 'failed' ? 'failed' : `failed (${file.status})`;
    case 'processing':
      return file.status.toLowerCase() === 'processing' ? 'processing…' : `${file.status}…`;
  }
}

/** The row's description: size and duration, then the state when the file is not ready ("1.2 MB · 3.5 s", "processing…"). */
export function stackFileSummary(file: StackFile): string {
  return [
    file.size !== undefined ? formatBytes(file.size) : undefined,
    file.duration !== undefined ? formatDuration(file.duration) : undefined,
    stackFileStatusLabel(file),
  ]
    .filter((part): part is string => Boolean(part))
    .join(' · ');
}

/** The row's tooltip: name and file ID, then size, duration, type, category, status, dates. Markdown, server text escaped. */
export function stackFileMarkdown(file: StackFile, folderPath?: string): string {
  const rows: Array<[string, string | undefined]> = [
    ['Folder', folderPath],
    ['Size', file.size !== undefined ? formatBytes(file.size) : undefined],
    ['Duration', file.duration !== undefined ? formatDuration(file.duration) : undefined],
    ['Type', file.fileType],
    ['Category', file.category],
    ['Status', stackFileState(file) === 'ready' ? file.status : `${file.status} — it can be played and downloaded once it is uploaded`],
    ['Created', file.createdAt && (formatDate(file.createdAt) ?? file.createdAt)],
    ['Updated', file.updatedAt && (formatDate(file.updatedAt) ?? file.updatedAt)],
  ];
  const table = rows
    .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
    .map(([label, value]) => `| ${label} | ${escapeMarkdown(value.replace(/\s+/g, ' '))} |`);
  const parts = [`**${escapeMarkdown(file.fileName)}** · AudioStack file ${codeSpan(file.fileId)}`];
  if (table.length) parts.push(['| | |', '|---|---|', ...table].join('\n'));
  return `${parts.join('\n\n')}\n\n`;
}

/** A screen reader's line for the row. */
export function stackFileAccessibleLabel(file: StackFile): string {
  const summary = stackFileSummary(file);
  return `${file.fileName}${summary ? `, ${summary.replace(/ · /g, ', ')}` : ''}, file ID ${file.fileId}`;
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
