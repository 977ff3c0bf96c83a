// The temporary files a download writes next to its destination (`.<name>.<hex>.part`),
// and the sweep that removes the ones a window reload or crash left behind.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** A part file untouched this long belongs to no running download (one in progress writes every few seconds). */
export const STALE_PART_FILE_AGE_MS = 60 * 60 * 1000;

/** Our own pattern only: a leading dot, the file name, 12 hex digits, `.part`. */
const PART_FILE_PATTERN = /^\..+\.[0-9a-f]{12}\.part$/;

export function partFileName(fileName: string): string {
  return `.${fileName}.${randomBytes(6).toString('hex')}.part`;
}

export function isPartFileName(name: string): boolean {
  return PART_FILE_PATTERN.test(name);
}

/**
 * Removes our part files in `dir` not modified for `olderThanMs`: regular files only
 * (never a link or folder), never anything else. Returns the names removed; never throws.
 */
export async function sweepStalePartFiles(dir: string, olderThanMs = STALE_PART_FILE_AGE_MS, now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!isPartFileName(name)) continue;
    const full = path.join(dir, name);
    try {
      const stat = await fs.lstat(full);
      if (!stat.isFile() || now - stat.mtimeMs < olderThanMs) continue;
      await fs.rm(full);
      removed.push(name);
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}
