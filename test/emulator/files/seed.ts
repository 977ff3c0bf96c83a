// The AudioStack Files demo tree of the default organisation. Tests derive their
// expectations from FILES_SEED instead of repeating names and ids; every id is a UUID
// (RFC 4122 version 5) of the item's path, so it is the same on every run and machine.
import { createHash } from 'node:crypto';
import { MP3_FRAME_SECONDS, makeSilentMp3, makeWavTone } from '../audio';
import { DEFAULT_ORG, type SeedAudio } from '../seed';

/** A fixed namespace for the emulator's name-based UUIDs. */
const NAMESPACE = Buffer.from('6f1c2a4e8d3b4f0a9e7c5b1d2a3f4e5d', 'hex');

/** RFC 4122 version 5 UUID of `name` in the emulator's namespace. */
export function uuidFromName(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The root folder of an organisation (every organisation has one, created on first use). */
export function rootFolderIdFor(org: string): string {
  return uuidFromName(`files:${org}:root`);
}

/** A seeded folder's id: `path` is `Music/Beds`, without the root. */
export function filesSeedFolderId(path: string, org = DEFAULT_ORG): string {
  return uuidFromName(`files:${org}:folder:${path}`);
}

/** A seeded file's id: `path` is `Music/Beds/corporate-bed.mp3`, or `jingle.mp3` at the root. */
export function filesSeedFileId(path: string, org = DEFAULT_ORG): string {
  return uuidFromName(`files:${org}:file:${path}`);
}

/** Who created every seeded item (and, in the emulator, every item a key creates). */
export const FILES_USER_ID = uuidFromName('files:user:demo');
export const ROOT_FOLDER_NAME = 'root';

export interface FileCategory {
  readonly fileCategoryId: string;
  readonly name: string;
}
export interface FileType {
  readonly fileTypeId: string;
  readonly name: string;
  readonly fileCategories: readonly FileCategory[];
}

const category = (type: string, name: string): FileCategory => Object.freeze({ fileCategoryId: uuidFromName(`files:category:${type}:${name}`), name });

/** What `GET /files/file-categories` answers (`{"fileTypes": FILE_TYPES}`). */
export const FILE_TYPES: readonly FileType[] = Object.freeze([
  Object.freeze({
    fileTypeId: uuidFromName('files:type:audio'),
    name: 'audio',
    fileCategories: Object.freeze(['music', 'sound effect', 'voice recording', 'sound design'].map((n) => category('audio', n))),
  }),
  Object.freeze({
    fileTypeId: uuidFromName('files:type:video'),
    name: 'video',
    fileCategories: Object.freeze([category('video', 'footage')]),
  }),
]);

/** The types the emulator takes, by file name extension. */
export const MIME_TYPES: Readonly<Record<string, string>> = Object.freeze({
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  mp4: 'video/mp4',
});

/** `take-01.WAV` → `audio/wav`; undefined for a type the service does not take. */
export function mimeTypeFor(fileName: string): string | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext ? MIME_TYPES[ext] : undefined;
}

export function fileTypeFor(mimeType: string): FileType {
  return FILE_TYPES.find((t) => mimeType.startsWith(`${t.name}/`)) ?? FILE_TYPES[0];
}

export function findCategory(by: { id?: string; name?: string }): FileCategory | undefined {
  for (const type of FILE_TYPES) {
    for (const c of type.fileCategories) {
      if ((by.id !== undefined && c.fileCategoryId === by.id) || (by.name !== undefined && c.name.toLowerCase() === by.name.toLowerCase())) return c;
    }
  }
  return undefined;
}

export type SeedStatus = 'uploaded' | 'processing' | 'failed';

export interface FilesSeedFolder {
  readonly folderId: string;
  /** `Music/Beds`, without the root. */
  readonly path: string;
  readonly folderName: string;
  /** The root's id for a top-level folder. */
  readonly parentFolderId: string;
  readonly createdAt: string;
}

export interface FilesSeedFile {
  readonly fileId: string;
  readonly path: string;
  readonly fileName: string;
  readonly folderId: string;
  readonly mimeType: string;
  readonly status: SeedStatus;
  readonly audio: SeedAudio;
  /** Bytes of the generated audio. */
  readonly size: number;
  /** Seconds, as the service reports it (only for processed files). */
  readonly duration?: number;
  readonly categoryId: string | null;
  readonly createdAt: string;
}

const FOLDER_PATHS = ['Music', 'Music/Beds', 'Music/Beds/Ambient', 'Voice', 'Voice/Takes', 'Sound Effects', 'Empty'];

const FILE_SPECS: Array<{ path: string; audio: SeedAudio; status?: SeedStatus; category?: string }> = [
  { path: 'jingle.mp3', audio: { kind: 'mp3', frames: 40 }, category: 'music' },
  { path: 'Music/theme-song.mp3', audio: { kind: 'mp3', frames: 96 }, category: 'music' },
  { path: 'Music/Beds/corporate-bed.mp3', audio: { kind: 'mp3', frames: 64 }, category: 'music' },
  { path: 'Music/Beds/upbeat-bed.wav', audio: { kind: 'wav', frequencyHz: 392, durationMs: 1200 }, category: 'music' },
  { path: 'Music/Beds/Ambient/calm-pad.wav', audio: { kind: 'wav', frequencyHz: 174.61, durationMs: 1500 }, category: 'sound design' },
  { path: 'Music/Beds/Ambient/night-drone.mp3', audio: { kind: 'mp3', frames: 80 } },
  { path: 'Voice/welcome-en.mp3', audio: { kind: 'mp3', frames: 48 }, category: 'voice recording' },
  { path: 'Voice/welcome-de.mp3', audio: { kind: 'mp3', frames: 52 }, category: 'voice recording' },
  { path: 'Voice/Takes/take-01.wav', audio: { kind: 'wav', frequencyHz: 261.63, durationMs: 800 } },
  { path: 'Voice/Takes/take-02.wav', audio: { kind: 'wav', frequencyHz: 293.66, durationMs: 900 } },
  // Never finishes processing, and one that failed: the states a person must be shown.
  { path: 'Voice/Takes/take-03.wav', audio: { kind: 'wav', frequencyHz: 329.63, durationMs: 700 }, status: 'processing' },
  { path: 'Voice/Takes/broken-take.mp3', audio: { kind: 'mp3', frames: 8 }, status: 'failed' },
  { path: 'Sound Effects/whoosh.wav', audio: { kind: 'wav', frequencyHz: 660, durationMs: 550 }, category: 'sound effect' },
  { path: 'Sound Effects/chime.wav', audio: { kind: 'wav', frequencyHz: 880, durationMs: 500 }, category: 'sound effect' },
];

const parentPath = (path: string) => path.split('/').slice(0, -1).join('/');
const baseName = (path: string) => path.split('/').pop() ?? path;
/** Fixed, increasing creation times: 2025-11-01 09:00 UTC plus `i` hours. */
const seedTime = (i: number) => new Date(Date.UTC(2025, 10, 1, 9 + i, 0, 0)).toISOString();

export function seedAudioBytes(audio: SeedAudio): Buffer {
  return audio.kind === 'wav' ? makeWavTone(audio.frequencyHz, audio.durationMs) : makeSilentMp3(audio.frames);
}

function seedDuration(audio: SeedAudio): number {
  return audio.kind === 'wav' ? audio.durationMs / 1000 : Math.round(audio.frames * MP3_FRAME_SECONDS * 1000) / 1000;
}

export const FILES_ROOT_ID = rootFolderIdFor(DEFAULT_ORG);

/**
 * The default organisation's tree: 7 folders, three deep (`Music/Beds/Ambient`), one empty
 * (`Empty`), 14 files of which one stays `processing` and one is `failed`.
 */
export const FILES_SEED: Readonly<{ folders: readonly FilesSeedFolder[]; files: readonly FilesSeedFile[] }> = Object.freeze({
  folders: Object.freeze(
    FOLDER_PATHS.map((path, i) =>
      Object.freeze({
        folderId: filesSeedFolderId(path),
        path,
        folderName: baseName(path),
        parentFolderId: parentPath(path) === '' ? FILES_ROOT_ID : filesSeedFolderId(parentPath(path)),
        createdAt: seedTime(i),
      }),
    ),
  ),
  files: Object.freeze(
    FILE_SPECS.map((spec, i) => {
      const status = spec.status ?? 'uploaded';
      const mimeType = mimeTypeFor(spec.path) ?? 'audio/mpeg';
      return Object.freeze({
        fileId: filesSeedFileId(spec.path),
        path: spec.path,
        fileName: baseName(spec.path),
        folderId: parentPath(spec.path) === '' ? FILES_ROOT_ID : filesSeedFolderId(parentPath(spec.path)),
        mimeType,
        status,
        audio: spec.audio,
        size: seedAudioBytes(spec.audio).length,
        ...(status === 'uploaded' ? { duration: seedDuration(spec.audio) } : {}),
        categoryId: spec.category ? (findCategory({ name: spec.category })?.fileCategoryId ?? null) : null,
        createdAt: seedTime(FOLDER_PATHS.length + i),
      });
    }),
  ),
});
