// The seed library. Tests derive their expectations from SEED / PUBLIC_SEED instead of
// repeating filenames and ids; mediaIds are a hash of (library, filename), so they are
// the same on every run and every machine.
import { createHash } from 'node:crypto';
import { makeSilentMp3, makeWavTone } from './audio';

/** The organisation every configured API key belongs to. */
export const DEFAULT_ORG = 'org-default';
/**
 * Internal library name of api.audio's shared public library (`public=true`). The `@`
 * keeps it apart from any organisation id a test passes in `x-assume-org`.
 */
export const PUBLIC_LIBRARY = '@public';

export type SeedAudio =
  | { kind: 'wav'; frequencyHz: number; durationMs: number }
  | { kind: 'mp3'; frames: number };

export interface SeedItem {
  readonly mediaId: string;
  readonly filename: string;
  readonly tags: readonly string[];
  /** Extra wire fields the item carries besides mediaId/filename/tags. */
  readonly extra?: Readonly<Record<string, unknown>>;
  readonly audio: SeedAudio;
}

/** Stable 8-char lowercase hex id, shaped like the real service's ids. */
export function seedMediaId(library: string, filename: string): string {
  return createHash('sha256').update(`seed:${library}:${filename}`).digest('hex').slice(0, 8);
}

function item(library: string, filename: string, tags: string[], audio: SeedAudio, extra?: Record<string, unknown>): SeedItem {
  return Object.freeze({
    mediaId: seedMediaId(library, filename),
    filename,
    tags: Object.freeze([...tags]),
    ...(extra ? { extra: Object.freeze({ ...extra }) } : {}),
    audio,
  });
}

/**
 * The default organisation's library: 7 files, wav and mp3, exactly one untagged
 * (`scratch-take.wav`), exactly one under three tags (`podcast-theme.mp3`), two with
 * extra metadata fields.
 */
export const SEED: readonly SeedItem[] = Object.freeze([
  item(DEFAULT_ORG, 'podcast-theme.mp3', ['music', 'intro', 'outro'], { kind: 'mp3', frames: 48 }, {
    createdAt: '2023-03-14T09:26:53.000Z',
    durationSeconds: 1.25,
  }),
  item(DEFAULT_ORG, 'intro-sting.mp3', ['intro', 'music'], { kind: 'mp3', frames: 24 }),
  item(DEFAULT_ORG, 'outro-sting.wav', ['outro'], { kind: 'wav', frequencyHz: 330, durationMs: 600 }),
  item(DEFAULT_ORG, 'ambient-bed.wav', ['background', 'music'], { kind: 'wav', frequencyHz: 220, durationMs: 1000 }, {
    durationSeconds: 1,
    createdAt: '2023-05-02T16:00:00.000Z',
  }),
  item(DEFAULT_ORG, 'voice-welcome.wav', ['voice', 'intro'], { kind: 'wav', frequencyHz: 523.25, durationMs: 700 }),
  item(DEFAULT_ORG, 'voice-goodbye.mp3', ['voice', 'outro'], { kind: 'mp3', frames: 32 }),
  item(DEFAULT_ORG, 'scratch-take.wav', [], { kind: 'wav', frequencyHz: 440, durationMs: 500 }),
]);

/** api.audio's shared public library (`public=true`), the same for every organisation. */
export const PUBLIC_SEED: readonly SeedItem[] = Object.freeze([
  item(PUBLIC_LIBRARY, 'lofi-beat.mp3', ['music', 'lofi'], { kind: 'mp3', frames: 40 }),
  item(PUBLIC_LIBRARY, 'corporate-upbeat.mp3', ['music', 'corporate'], { kind: 'mp3', frames: 36 }),
  item(PUBLIC_LIBRARY, 'rain-ambience.wav', ['ambience', 'nature'], { kind: 'wav', frequencyHz: 196, durationMs: 900 }),
  item(PUBLIC_LIBRARY, 'notification-chime.wav', ['sfx'], { kind: 'wav', frequencyHz: 880, durationMs: 500 }),
  item(PUBLIC_LIBRARY, 'whoosh.wav', ['sfx', 'transition'], { kind: 'wav', frequencyHz: 660, durationMs: 550 }),
]);

export function seedBytes(seed: SeedItem): Buffer {
  return seed.audio.kind === 'wav'
    ? makeWavTone(seed.audio.frequencyHz, seed.audio.durationMs)
    : makeSilentMp3(seed.audio.frames);
}
