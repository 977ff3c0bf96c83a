// How a folder's files are paged (`GET /folders/{id}/files?limit=&offset=`): the one rule
// for every listing of them, the Files view's Show more… and Delete…'s count of what a
// folder holds. A server may send fewer files a page than asked and say so in
// `pagination.limit`, so a page is full when it holds what the server said it would send,
// the next page starts after the entries received, and the listing ends at a page shorter
// than that, an empty one, or one with no file not listed before (a server that does not
// advance). Pure Node (no `vscode` import).

import type { FilesPage, StackFile } from './model';

/** The most files one page asks for (the paged listing's `limit`). */
export const MAX_PAGE_SIZE = 1000;

/** The `limit` sent for a page of `limit` files: a whole number from 1 to MAX_PAGE_SIZE. */
export function pageLimit(limit: number): number {
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(limit)));
}

/** One page as read by the paging rule. */
export interface FilesPageRead {
  /** The page's files not listed before, in the order sent. */
  readonly files: StackFile[];
  /** The entries the page held, unusable ones (FilesPage.skipped) and repeats included. */
  readonly received: number;
  /** Where the next page starts: the offset asked plus `received`. */
  readonly nextOffset: number;
  /** False when this page ends the listing. */
  readonly hasMore: boolean;
}

/**
 * Reads a page asked for with `asked` (the limit and offset requested; the limit is taken as
 * pageLimit sends it), given the ids of the files already listed. The page size that makes
 * a page full is the server's `pagination.limit` when it reports one from 1 up to the limit
 * asked; a larger one (it cannot send more than asked), 0 or none leaves the limit asked.
 * A server that does not say it cuts pages short cannot be told from the end of the folder.
 */
export function readFilesPage(asked: { limit: number; offset: number }, page: FilesPage, listed: ReadonlySet<string> = new Set()): FilesPageRead {
  const received = page.files.length + page.skipped;
  const files: StackFile[] = [];
  const inPage = new Set<string>();
  for (const file of page.files) {
    if (listed.has(file.fileId) || inPage.has(file.fileId)) continue;
    inPage.add(file.fileId);
    files.push(file);
  }
  const limit = pageLimit(asked.limit);
  const said = page.limit !== undefined && page.limit >= 1 ? Math.min(Math.floor(page.limit), limit) : limit;
  // Only files already listed: the server answered another offset with the same files.
  const repeated = page.files.length > 0 && files.length === 0;
  return { files, received, nextOffset: asked.offset + received, hasMore: received > 0 && received >= said && !repeated };
}

/** The call paging makes: AudioStackFilesClient.listFolderFiles (named here, not imported: the client imports this file). */
export interface FilesPager {
  listFolderFiles(folderId: string, page: { limit: number; offset: number; signal?: AbortSignal }): Promise<FilesPage>;
}

/**
 * Every page of a folder's files by readFilesPage's rule, from the first (pages of
 * `pageSize`, default MAX_PAGE_SIZE). A server may never send a short page: the caller
 * bounds how many entries it takes.
 */
export async function* folderFilePages(api: FilesPager, folderId: string, options: { pageSize?: number; signal?: AbortSignal } = {}): AsyncGenerator<FilesPageRead> {
  const limit = options.pageSize ?? MAX_PAGE_SIZE;
  const listed = new Set<string>();
  for (let offset = 0; ; ) {
    const read = readFilesPage({ limit, offset }, await api.listFolderFiles(folderId, { limit, offset, signal: options.signal }), listed);
    for (const file of read.files) listed.add(file.fileId);
    yield read;
    if (!read.hasMore) return;
    offset = read.nextOffset;
  }
}
