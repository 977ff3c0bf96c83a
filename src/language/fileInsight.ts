// AudioStack file IDs in code: what the Files view has loaded, as the language features
// look things up in it, and the one rule that says whether an ID in a document is known,
// unknown, or not yet decided. Pure: no `vscode` import.
import type { StackFile } from '../api/audiostack/model';
import type { ValueRole } from './documentAnalysis';
import { looksLikeFileId, type FileLookupResult } from './fileLookup';
export { looksLikeFileId } from './fileLookup';
import { editDistance } from './mediaIndex';

/** A file the language features know of, with its folder's path when that is known ('/' for the root). */
export interface KnownStackFile {
  readonly file: StackFile;
  readonly folderPath: string | undefined;
}

/** The loaded AudioStack files by ID. */
export class StackFileIndex {
  private readonly byId = new Map<string, KnownStackFile>();

  constructor(readonly entries: readonly KnownStackFile[]) {
    for (const entry of entries) if (!this.byId.has(entry.file.fileId)) this.byId.set(entry.file.fileId, entry);
  }

  get(fileId: string): KnownStackFile | undefined {
    return this.byId.get(fileId);
  }

  get size(): number {
    return this.byId.size;
  }
}

/**
 * What a value in an ID position is:
 * - `mediaItem`: an api.audio (v1) media ID in the listing;
 * - `stackFile`: an AudioStack file, loaded or found by the lookup;
 * - `unknown`: neither service has it, as far as the services that can answer say
 *   (`services`: which ones the warning may name);
 * - `undecided`: not known yet; `lookUp` when a lookup of the ID would decide it.
 */
export type IdVerdict =
  | { kind: 'mediaItem' }
  | { kind: 'stackFile'; entry: KnownStackFile }
  | { kind: 'unknown'; services: 'media' | 'files' | 'both' }
  | { kind: 'undecided'; lookUp: boolean };

export interface IdFacts {
  /** The v1 listing has it. */
  mediaKnown: boolean;
  /** The v1 listing is the organisation's whole library (an ID missing from it is missing). */
  mediaComplete: boolean;
  /** The Files view has it loaded. */
  loaded: KnownStackFile | undefined;
  /** The lookup's answer so far (undefined: never asked, or expired). */
  lookup: FileLookupResult | 'pending' | undefined;
  /** The found file's folder path, when the lookup found it. */
  folderPathOf?: (file: StackFile) => string | undefined;
}

/**
 * The rule, by where the value is written:
 * - `mediaId`: a v1 media ID only; unknown when the complete v1 listing lacks it (as before).
 * - `fileId` / `file_id`: an AudioStack file ID only; known when loaded or found; unknown only
 *   when the lookup answered 404, or the value is no UUID (AudioStack's IDs are). Not loaded is never
 *   enough: the Files view lists folders as they are opened, so what is loaded is partial.
 * - a `mediaFiles` value: api.audio scripts take either service's ID there, so a value either
 *   service knows is known. It is unknown only when the complete v1 listing lacks it AND
 *   AudioStack cannot have it: the value is no UUID, the lookup answered 404, or AudioStack
 *   cannot be asked without a question (no usable client, a key it rejects), where v1's word
 *   stands as it did before AudioStack. While the lookup waits, runs or failed: undecided.
 */
export function judgeId(value: string, role: ValueRole, facts: IdFacts): IdVerdict {
  const found = (): IdVerdict | undefined => {
    if (facts.loaded) return { kind: 'stackFile', entry: facts.loaded };
    if (facts.lookup !== undefined && facts.lookup !== 'pending' && facts.lookup.kind === 'found') {
      const file = facts.lookup.file;
      return { kind: 'stackFile', entry: { file, folderPath: facts.folderPathOf?.(file) } };
    }
    return undefined;
  };
  const lookupKind = facts.lookup === undefined ? 'never' : facts.lookup === 'pending' ? 'pending' : facts.lookup.kind;
  switch (role) {
    case 'mediaId':
      if (facts.mediaKnown) return { kind: 'mediaItem' };
      return facts.mediaComplete ? { kind: 'unknown', services: 'media' } : { kind: 'undecided', lookUp: false };
    case 'fileId': {
      const file = found();
      if (file) return file;
      if (!looksLikeFileId(value)) return { kind: 'unknown', services: 'files' };
      if (lookupKind === 'notFound') return { kind: 'unknown', services: 'files' };
      return { kind: 'undecided', lookUp: lookupKind === 'never' };
    }
    case 'mediaFiles': {
      if (facts.mediaKnown) return { kind: 'mediaItem' };
      const file = found();
      if (file) return file;
      const candidate = looksLikeFileId(value);
      if (!facts.mediaComplete) return { kind: 'undecided', lookUp: candidate && lookupKind === 'never' };
      if (!candidate) return { kind: 'unknown', services: 'media' };
      if (lookupKind === 'notFound') return { kind: 'unknown', services: 'both' };
      if (lookupKind === 'unavailable') return { kind: 'unknown', services: 'media' };
      return { kind: 'undecided', lookUp: lookupKind === 'never' };
    }
    case 'other':
      return { kind: 'undecided', lookUp: false };
  }
}

function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Loaded files a wrong value probably meant: a file whose name (with or without its
 * extension, any case) is the value or a few typos away, or an ID a typo or two away.
 * Closest first, at most `limit`.
 */
export function closeFileMatches(value: string, entries: readonly KnownStackFile[], limit = 3): Array<KnownStackFile & { distance: number }> {
  const wanted = value.trim().toLowerCase();
  if (wanted === '' || wanted.length > 200) return [];
  const nameLimit = Math.max(1, Math.floor(wanted.length / 4));
  const idLimit = Math.max(1, Math.floor(wanted.length / 6));
  const seen = new Set<string>();
  const matches: Array<KnownStackFile & { distance: number }> = [];
  for (const entry of entries) {
    const { fileName, fileId } = entry.file;
    if (seen.has(fileId) || fileId === value) continue;
    const name = fileName.toLowerCase();
    const byName = Math.min(editDistance(wanted, stem(name), nameLimit), editDistance(wanted, name, nameLimit));
    const byId = editDistance(wanted, fileId.toLowerCase(), idLimit);
    if (byName <= nameLimit || byId <= idLimit) {
      seen.add(fileId);
      matches.push({ ...entry, distance: Math.min(byName, byId) });
    }
  }
  return matches.sort((a, b) => a.distance - b.distance || a.file.fileName.localeCompare(b.file.fileName)).slice(0, limit);
}
