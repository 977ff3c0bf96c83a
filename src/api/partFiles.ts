// The temporary files a download writes next to its destination, and the sweep that
// removes the ones a window reload or crash left behind.
//
// A download of one item to one target has one part file, `.<name>.<12 hex>.part`, the hex
// a hash of the item and the target: the next download of that item into that folder finds
// what a killed one left. Beside it, `<part>.json` records the version the bytes belong to
// (so a resume can prove it continues the same object) and `<part>.lock` says a download
// is filling it. A download that cannot take the lock (another one is running) uses a
// random name instead, as every download did before.

import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ObjectVersion } from './resume';

/** A part file untouched this long belongs to no running download (one in progress writes every few seconds). */
export const STALE_PART_FILE_AGE_MS = 60 * 60 * 1000;

/** Our own pattern only: a leading dot, the file name, 12 hex digits, `.part`, and its two companions. */
const PART_FILE_PATTERN = /^\..+\.[0-9a-f]{12}\.part(\.json|\.lock)?$/;

export const RESUME_RECORD_SUFFIX = '.json';
export const LOCK_SUFFIX = '.lock';
/** A resume record or lock longer than this is not ours: it is ignored (and replaced). */
const MAX_RECORD_BYTES = 1024;

/** `.<name>.<12 hex>.part`: derived from `key` (the item and its target) when given, else random. */
export function partFileName(fileName: string, key?: string): string {
  const hex = key === undefined ? randomBytes(6).toString('hex') : createHash('sha256').update(key).digest('hex').slice(0, 12);
  return `.${fileName}.${hex}.part`;
}

/** True for a part file, its resume record or its lock. */
export function isPartFileName(name: string): boolean {
  return PART_FILE_PATTERN.test(name);
}

/**
 * Removes our part files (and their records and locks) in `dir` not modified for
 * `olderThanMs`: regular files only (never a link or folder), never anything else, never
 * the names in `keep`. A record or lock goes only with its part file (a running download
 * writes its part, not its record). Returns the names removed; never throws.
 */
export async function sweepStalePartFiles(
  dir: string,
  olderThanMs = STALE_PART_FILE_AGE_MS,
  now = Date.now(),
  keep: readonly string[] = [],
): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const isStale = async (name: string): Promise<boolean | undefined> => {
    try {
      const stat = await fs.lstat(path.join(dir, name));
      return stat.isFile() ? now - stat.mtimeMs >= olderThanMs : undefined;
    } catch {
      return undefined;
    }
  };
  const removed: string[] = [];
  for (const name of names) {
    if (!isPartFileName(name) || keep.includes(name)) continue;
    if ((await isStale(name)) !== true) continue;
    const companion = /\.part\.(json|lock)$/.test(name);
    if (companion && (await isStale(name.replace(/\.(json|lock)$/, ''))) === false) continue;
    try {
      await fs.rm(path.join(dir, name));
      removed.push(name);
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}

/** Where a part file left by an earlier download stands: bytes on disk and their version. */
export interface ResumePoint {
  received: number;
  total: number | undefined;
  version: ObjectVersion;
}

/**
 * The resume point of `partPath`, or undefined when it cannot be resumed: no regular part
 * file, empty or already complete, no record, or a record that is too long, not JSON, or
 * names no valid validator. Never throws.
 */
export async function readResumePoint(partPath: string): Promise<ResumePoint | undefined> {
  try {
    const stat = await fs.lstat(partPath);
    if (!stat.isFile() || stat.size === 0) return undefined;
    const record = await readSmallJson(partPath + RESUME_RECORD_SUFFIX);
    if (!record) return undefined;
    const etag = typeof record.etag === 'string' && /^"[^"\r\n]{0,200}"$/.test(record.etag) ? record.etag : undefined;
    const lastModified =
      typeof record.lastModified === 'string' && record.lastModified.length <= 100 && !Number.isNaN(Date.parse(record.lastModified))
        ? record.lastModified
        : undefined;
    const total = Number.isSafeInteger(record.total) && (record.total as number) >= 0 ? (record.total as number) : undefined;
    if (!etag && !lastModified) return undefined;
    if (record.total !== undefined && total === undefined) return undefined;
    if (total !== undefined && stat.size >= total) return undefined;
    return { received: stat.size, total, version: { etag, lastModified } };
  } catch {
    return undefined;
  }
}

/** Records the version `partPath` holds bytes of (or removes the record when none can be proved). */
export async function writeResumeRecord(partPath: string, version: ObjectVersion | undefined, total: number | undefined): Promise<void> {
  const recordPath = partPath + RESUME_RECORD_SUFFIX;
  if (!version?.etag && !version?.lastModified) {
    await fs.rm(recordPath, { force: true });
    return;
  }
  await fs.writeFile(recordPath, JSON.stringify({ etag: version.etag, lastModified: version.lastModified, total }));
}

/**
 * Locks held by downloads of this process. Process-wide on purpose: a lock file names the
 * process that wrote it, and one of this process's locks is alive only while a download
 * here holds it (several clients may live in one extension host).
 */
const heldLocks = new Set<string>();

/** A claim on a part file; `release` removes the lock (never throws). */
export interface PartLock {
  release(): Promise<void>;
}

/**
 * Takes the lock of `partPath`, or undefined when another running download holds it (or
 * it cannot be taken here). A lock whose process is gone (a reloaded window), or one of
 * this process that no download holds (a download that was stopped), is taken over.
 */
export async function lockPartFile(partPath: string): Promise<PartLock | undefined> {
  const lockPath = partPath + LOCK_SUFFIX;
  if (heldLocks.has(lockPath)) return undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await createWithContent(lockPath, JSON.stringify({ pid: process.pid }))) {
      heldLocks.add(lockPath);
      return {
        release: async () => {
          heldLocks.delete(lockPath);
          await fs.rm(lockPath, { force: true }).catch(() => undefined);
        },
      };
    }
    if (heldLocks.has(lockPath) || !(await isAbandoned(lockPath))) return undefined;
    await fs.rm(lockPath, { force: true }).catch(() => undefined);
  }
  return undefined;
}

/**
 * True while a running download (of this process or another window's) holds the lock of
 * `partPath`; false when there is no lock or its download is gone. Never throws.
 */
export async function isPartFileInUse(partPath: string): Promise<boolean> {
  const lockPath = partPath + LOCK_SUFFIX;
  if (heldLocks.has(lockPath)) return true;
  try {
    await fs.lstat(lockPath);
  } catch {
    return false;
  }
  return !(await isAbandoned(lockPath));
}

/**
 * Removes the part file `partPath` with its record and lock, unless a running download
 * holds it: regular files only, and only names of our own pattern. Returns the names
 * removed; never throws.
 */
export async function removePartFile(partPath: string): Promise<string[]> {
  if (!isPartFileName(path.basename(partPath)) || !partPath.endsWith('.part') || (await isPartFileInUse(partPath))) return [];
  const removed: string[] = [];
  for (const file of [partPath, partPath + RESUME_RECORD_SUFFIX, partPath + LOCK_SUFFIX]) {
    try {
      if (!(await fs.lstat(file)).isFile()) continue;
      await fs.rm(file);
      removed.push(path.basename(file));
    } catch {
      // Gone meanwhile: nothing to remove.
    }
  }
  return removed;
}

/** Creates `target` with `content` only if it does not exist; false if it does (or cannot be made). */
async function createWithContent(target: string, content: string): Promise<boolean> {
  // Written aside and linked in: the lock never exists without its content.
  const aside = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(aside, content, { flag: 'wx' });
    try {
      await fs.link(aside, target);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'EEXIST') return false;
      // No hard links here: an exclusive create, then the content.
      const handle = await fs.open(target, 'wx');
      try {
        await handle.writeFile(content);
      } finally {
        await handle.close();
      }
      return true;
    }
  } catch {
    return false;
  } finally {
    await fs.rm(aside, { force: true }).catch(() => undefined);
  }
}

/** True when the process that wrote the lock is gone, or is this one and no download here holds it. */
async function isAbandoned(lockPath: string): Promise<boolean> {
  const record = await readSmallJson(lockPath);
  const pid = record?.pid;
  if (!Number.isSafeInteger(pid) || (pid as number) <= 0) return true;
  if (pid === process.pid) return !heldLocks.has(lockPath);
  try {
    process.kill(pid as number, 0);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH';
  }
}

/** A small JSON object file, or undefined (missing, too long, not a JSON object). */
async function readSmallJson(filePath: string): Promise<Record<string, unknown> | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    if (!(await fs.lstat(filePath)).isFile()) return undefined;
    handle = await fs.open(filePath, 'r');
    const buffer = Buffer.alloc(MAX_RECORD_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_RECORD_BYTES) return undefined;
    const value: unknown = JSON.parse(buffer.subarray(0, bytesRead).toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
