// The downloads this extension has started and not seen end, kept in one JSON file in the
// extension's global storage: what a window reload or crash in the middle of a download
// leaves behind, so the next start can say so (shared by both services). Pure Node: no
// `vscode` import.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isPartFileName } from '../api';
import { JsonFileCache } from './jsonFileCache';

/** One download: which item (an id, never a link), where it goes, and its part file. */
export interface JournalEntry {
  service: 'apiaudio' | 'audiostack';
  /** The api.audio media ID or the AudioStack file ID. */
  id: string;
  /** api.audio Media: the item is in the public library (its link is asked for differently). */
  publicLibrary?: boolean;
  /** The name the file is saved under. */
  fileName: string;
  /** The folder it is saved into (absolute). */
  dir: string;
  /** The resumable part file in `dir`: `.<fileName>.<12 hex>.part`. */
  partFile: string;
  /** When the download started (ms since the epoch). */
  startedAt: number;
}

/** At most this many downloads are remembered; the oldest go first. */
export const MAX_JOURNAL_ENTRIES = 100;
/** A journal file larger than this is not ours: it reads as empty. */
export const MAX_JOURNAL_BYTES = 256 * 1024;
const MAX_ID_LENGTH = 200;
const MAX_NAME_LENGTH = 255;
const MAX_PATH_LENGTH = 4096;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Where a part file stands when the journal is checked. */
export type PartFileState = 'interrupted' | 'running' | 'gone';

/** Where the journal is kept (a DownloadJournalFile; tests pass an object of the same shape). */
export interface JournalStore {
  read(): Promise<unknown>;
  write(value: unknown): Promise<void>;
}

/** The journal's file: a JsonFileCache that reads nothing larger than MAX_JOURNAL_BYTES. */
export class DownloadJournalFile extends JsonFileCache<unknown> {
  override async read(): Promise<unknown> {
    try {
      const stat = await fs.lstat(this.file);
      if (!stat.isFile() || stat.size > MAX_JOURNAL_BYTES) return undefined;
    } catch {
      return undefined;
    }
    return super.read();
  }
}

/**
 * The entries of a journal file's content that have the right shape; anything else (not
 * an array, a wrong field, a part file outside its folder or not of our pattern) is left
 * out. At most MAX_JOURNAL_ENTRIES, the newest; one entry per part file (the last).
 */
export function parseJournal(value: unknown): JournalEntry[] {
  if (!Array.isArray(value)) return [];
  const byPartFile = new Map<string, JournalEntry>();
  for (const candidate of value.slice(-MAX_JOURNAL_ENTRIES * 2)) {
    const entry = toEntry(candidate);
    if (!entry) continue;
    byPartFile.delete(entry.partFile);
    byPartFile.set(entry.partFile, entry);
  }
  return [...byPartFile.values()].slice(-MAX_JOURNAL_ENTRIES);
}

function toEntry(value: unknown): JournalEntry | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const { service, id, publicLibrary, fileName, dir, partFile, startedAt } = record;
  if (service !== 'apiaudio' && service !== 'audiostack') return undefined;
  if (!isText(id, MAX_ID_LENGTH) || !isText(fileName, MAX_NAME_LENGTH) || !isText(dir, MAX_PATH_LENGTH) || !isText(partFile, MAX_PATH_LENGTH)) {
    return undefined;
  }
  if (/[/\\]/.test(fileName) || fileName === '.' || fileName === '..') return undefined;
  if (publicLibrary !== undefined && typeof publicLibrary !== 'boolean') return undefined;
  if (typeof startedAt !== 'number' || !Number.isFinite(startedAt)) return undefined;
  if (!path.isAbsolute(dir) || path.normalize(dir) !== dir) return undefined;
  // The part file lies directly in the folder, is named after the file, and is of our pattern.
  const base = path.basename(partFile);
  if (path.join(dir, base) !== partFile || !isPartFileName(base) || !base.endsWith('.part') || !base.startsWith(`.${fileName}.`)) return undefined;
  return { service, id, ...(publicLibrary === true ? { publicLibrary } : {}), fileName, dir, partFile, startedAt };
}

function isText(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength && !CONTROL.test(value);
}

/**
 * The journal: `add` when a download holds its part file, `remove` when it ends (however
 * it ends), `takeInterrupted` at the next start. Changes run one after another and each
 * reads the file first (other windows share it). Failures go to `onError` and never reach
 * the caller: the journal is a convenience, a download never fails because of it.
 */
export class DownloadJournal {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: JournalStore | undefined,
    private readonly onError: (message: string) => void,
  ) {}

  /** Remembers `entry` (replacing one with the same part file); the oldest go past MAX_JOURNAL_ENTRIES. */
  add(entry: JournalEntry): Promise<void> {
    return this.change((entries) => [...entries.filter((other) => other.partFile !== entry.partFile), entry].slice(-MAX_JOURNAL_ENTRIES));
  }

  /** Forgets the downloads of these part files. */
  remove(...partFiles: string[]): Promise<void> {
    return this.change((entries) => entries.filter((entry) => !partFiles.includes(entry.partFile)));
  }

  /**
   * The downloads an earlier window left unfinished: their part file is there and no
   * running download holds it. They are taken out of the journal (told once), as are those
   * whose part file is gone; the ones still running stay.
   */
  async takeInterrupted(stateOf: (partFile: string) => Promise<PartFileState>): Promise<JournalEntry[]> {
    const interrupted: JournalEntry[] = [];
    await this.change(async (entries) => {
      const kept: JournalEntry[] = [];
      for (const entry of entries) {
        const state = await stateOf(entry.partFile).catch((): PartFileState => 'gone');
        if (state === 'interrupted') interrupted.push(entry);
        else if (state === 'running') kept.push(entry);
      }
      return kept;
    });
    return interrupted;
  }

  /** What the journal holds now (validated). */
  async entries(): Promise<JournalEntry[]> {
    let result: JournalEntry[] = [];
    await this.run(async (store) => {
      result = parseJournal(await store.read());
    });
    return result;
  }

  /** Resolves when every change queued so far has finished. */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private change(update: (entries: JournalEntry[]) => JournalEntry[] | Promise<JournalEntry[]>): Promise<void> {
    return this.run(async (store) => {
      const before = parseJournal(await store.read());
      const after = await update(before);
      if (after.length !== before.length || after.some((entry, index) => entry !== before[index])) await store.write(after);
    });
  }

  private run(step: (store: JournalStore) => Promise<void>): Promise<void> {
    const store = this.store;
    if (!store) return Promise.resolve();
    const run = this.queue.then(() => step(store)).catch((error: unknown) => {
      this.onError(error instanceof Error ? error.message : String(error));
    });
    this.queue = run;
    return run;
  }
}
