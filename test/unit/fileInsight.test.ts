// AudioStack file IDs in code: where the analysis finds them in each language, and the rule
// that decides whether an ID is known, unknown or not yet decided (judgeId).
import * as assert from 'node:assert/strict';
import type { StackFile } from '../../src/api/audiostack/model';
import { analyzeDocument, contextAt, mediaIdValues, type LanguageKind } from '../../src/language/documentAnalysis';
import { closeFileMatches, judgeId, looksLikeFileId, StackFileIndex, type IdFacts, type KnownStackFile } from '../../src/language/fileInsight';
import { dropShape } from '../../src/language/mediaIndex';

const ID_A = '3f2b8c1e-5d4a-5b6c-8d7e-9f0a1b2c3d4e';
const ID_B = '0a1b2c3d-4e5f-5a6b-9c7d-8e9f0a1b2c3d';

/** `role key=value` for every value in an ID position, in document order. */
function idPositions(text: string, language: LanguageKind): string[] {
  return mediaIdValues(analyzeDocument(text, language)).map((value) => `${value.role}${value.key ? ` ${value.key}` : ''}=${value.value}`);
}

function stackFile(fileId: string, fileName: string, overrides: Partial<StackFile> = {}): StackFile {
  return {
    fileId,
    fileName,
    folderId: undefined,
    status: 'uploaded',
    size: 1000,
    duration: 3,
    fileType: 'audio',
    createdAt: undefined,
    updatedAt: undefined,
    category: undefined,
    accessControl: undefined,
    url: undefined,
    ...overrides,
  };
}

describe('language: AudioStack file IDs', () => {
  describe('positions in each language', () => {
    it('Python: file_id= and fileId= keyword arguments, and a "file_id" dict key', () => {
      const text = [
        'import audiostack',
        `audiostack.Files.get(file_id="${ID_A}")`,
        `audiostack.Files.get(fileId='${ID_B}')`,
        `params = {"file_id": "${ID_A}", "name": "${ID_B}"}`,
        `other(file="${ID_B}")  # file_id="${ID_A}" in a comment`,
      ].join('\n');
      assert.deepEqual(idPositions(text, 'python'), [`fileId file_id=${ID_A}`, `fileId fileId=${ID_B}`, `fileId file_id=${ID_A}`]);
    });

    it('JavaScript/TypeScript: fileId keys, quoted or bare, and mediaFiles values beside them', () => {
      const text = `const a = { fileId: "${ID_A}" };\nawait files.get({ 'file_id': \`${ID_B}\` });\nscript({ mediaFiles: { bed: "${ID_B}" } });\nconst fileIdLabel = "${ID_A}";\n`;
      assert.deepEqual(idPositions(text, 'js'), [`fileId fileId=${ID_A}`, `fileId file_id=${ID_B}`, `mediaFiles bed=${ID_B}`]);
    });

    it('JSON: "fileId" and "file_id" in nested objects, a mediaFiles entry, and not a value equal to "fileId"', () => {
      const text = `{"steps": [{"fileId": "${ID_A}"}, {"file_id": "${ID_B}"}], "mediaFiles": {"bed": "${ID_A}"}, "key": "fileId"}`;
      assert.deepEqual(idPositions(text, 'json'), [`fileId fileId=${ID_A}`, `fileId file_id=${ID_B}`, `mediaFiles bed=${ID_A}`]);
    });

    it('YAML: plain and quoted fileId / file_id values, in block maps and lists', () => {
      const text = [`fileId: ${ID_A}`, 'steps:', `  - file_id: "${ID_B}"`, `  - name: x`, `    fileId: '${ID_A}'`, 'mediaFiles:', `  bed: ${ID_B}`].join('\n');
      assert.deepEqual(idPositions(text, 'yaml'), [`fileId fileId=${ID_A}`, `fileId file_id=${ID_B}`, `fileId fileId=${ID_A}`, `mediaFiles bed=${ID_B}`]);
    });

    it('plain text: `file_id:` and `fileId=` on the same line only', () => {
      const text = `file_id: ${ID_A}\nfileId=${ID_B}\nfileId:\n${ID_A}\n`;
      assert.deepEqual(idPositions(text, 'text'), [`fileId file_id=${ID_A}`, `fileId fileId=${ID_B}`]);
    });

    it('the cursor inside file_id="…" (typed or empty) is a fileId position; a drop there inserts the bare ID', () => {
      const typed = 'audiostack.Files.get(file_id="3f2b';
      const inside = contextAt(`${typed}")`, 'python', typed.length);
      assert.equal(inside.role, 'fileId');
      assert.equal(inside.value?.value, '3f2b');
      assert.equal(dropShape(inside, 'python'), 'bare');
      const empty = contextAt('get(fileId: ', 'js', 'get(fileId: '.length);
      assert.equal(empty.role, 'fileId');
      assert.equal(dropShape(empty, 'js'), 'quoted');
      assert.equal(contextAt('fileId: ', 'yaml', 'fileId: '.length).role, 'fileId');
    });
  });

  describe('the rule (judgeId)', () => {
    const loaded: KnownStackFile = { file: stackFile(ID_A, 'theme.mp3'), folderPath: 'Music' };
    const facts = (overrides: Partial<IdFacts>): IdFacts => ({ mediaKnown: false, mediaComplete: true, loaded: undefined, lookup: undefined, ...overrides });

    it('fileId: known when loaded or found; unknown only after a 404; a lookup asked for otherwise', () => {
      assert.deepEqual(judgeId(ID_A, 'fileId', facts({ loaded })), { kind: 'stackFile', entry: loaded });
      const found = judgeId(ID_B, 'fileId', facts({ lookup: { kind: 'found', file: stackFile(ID_B, 'b.wav', { folderId: 'f1' }) }, folderPathOf: () => 'Voice' }));
      assert.equal(found.kind === 'stackFile' && found.entry.folderPath, 'Voice');
      assert.deepEqual(judgeId(ID_B, 'fileId', facts({})), { kind: 'undecided', lookUp: true });
      for (const lookup of ['pending', { kind: 'failed' }, { kind: 'unavailable' }] as const) {
        assert.deepEqual(judgeId(ID_B, 'fileId', facts({ lookup })), { kind: 'undecided', lookUp: false }, JSON.stringify(lookup));
      }
      assert.deepEqual(judgeId(ID_B, 'fileId', facts({ lookup: { kind: 'notFound' } })), { kind: 'unknown', services: 'files' });
      // A v1 media ID with the same text does not make a fileId known.
      assert.deepEqual(judgeId(ID_B, 'fileId', facts({ mediaKnown: true, lookup: { kind: 'notFound' } })), { kind: 'unknown', services: 'files' });
      assert.deepEqual(judgeId('not an id', 'fileId', facts({})), { kind: 'unknown', services: 'files' });
      assert.deepEqual(judgeId('theme-song', 'fileId', facts({})), { kind: 'unknown', services: 'files' });
    });

    it('mediaFiles: known to either service is known; unknown only when v1 is complete and AudioStack cannot have it', () => {
      assert.deepEqual(judgeId(ID_A, 'mediaFiles', facts({ mediaKnown: true })), { kind: 'mediaItem' });
      assert.equal(judgeId(ID_A, 'mediaFiles', facts({ loaded })).kind, 'stackFile');
      assert.equal(judgeId(ID_B, 'mediaFiles', facts({ lookup: { kind: 'found', file: stackFile(ID_B, 'b.wav') } })).kind, 'stackFile');
      // A UUID v1 lacks: ask AudioStack first, warn on its 404 (naming both), not while it is asked or failed.
      assert.deepEqual(judgeId(ID_B, 'mediaFiles', facts({})), { kind: 'undecided', lookUp: true });
      assert.deepEqual(judgeId(ID_B, 'mediaFiles', facts({ lookup: 'pending' })), { kind: 'undecided', lookUp: false });
      assert.deepEqual(judgeId(ID_B, 'mediaFiles', facts({ lookup: { kind: 'failed' } })), { kind: 'undecided', lookUp: false });
      assert.deepEqual(judgeId(ID_B, 'mediaFiles', facts({ lookup: { kind: 'notFound' } })), { kind: 'unknown', services: 'both' });
      // AudioStack cannot be asked (no usable client, key rejected): v1's word stands.
      assert.deepEqual(judgeId(ID_B, 'mediaFiles', facts({ lookup: { kind: 'unavailable' } })), { kind: 'unknown', services: 'media' });
      // Not a UUID: never an AudioStack file ID, v1 decides alone (as before AudioStack).
      assert.deepEqual(judgeId('a788990d', 'mediaFiles', facts({})), { kind: 'unknown', services: 'media' });
      // A partial v1 listing proves nothing.
      assert.deepEqual(judgeId('a788990d', 'mediaFiles', facts({ mediaComplete: false })), { kind: 'undecided', lookUp: false });
      assert.deepEqual(judgeId(ID_B, 'mediaFiles', facts({ mediaComplete: false, lookup: { kind: 'notFound' } })), { kind: 'undecided', lookUp: false });
    });

    it('mediaId stays v1 only', () => {
      assert.deepEqual(judgeId(ID_A, 'mediaId', facts({ loaded })), { kind: 'unknown', services: 'media' });
      assert.deepEqual(judgeId(ID_A, 'mediaId', facts({ mediaComplete: false })), { kind: 'undecided', lookUp: false });
    });

    it('tells UUIDs from other values', () => {
      assert.equal(looksLikeFileId(ID_A), true);
      assert.equal(looksLikeFileId(ID_A.toUpperCase()), true);
      assert.equal(looksLikeFileId('a788990d'), false);
      assert.equal(looksLikeFileId(`${ID_A}x`), false);
    });
  });

  describe('replacements', () => {
    const entries: KnownStackFile[] = [
      { file: stackFile(ID_A, 'theme-song.mp3'), folderPath: 'Music' },
      { file: stackFile(ID_B, 'welcome-en.mp3'), folderPath: 'Voice' },
    ];

    it('offers a loaded file whose name is close to the value, or whose ID is a typo away', () => {
      assert.deepEqual(
        closeFileMatches('theme-sogn', entries).map((match) => match.file.fileName),
        ['theme-song.mp3'],
      );
      const typo = `${ID_B.slice(0, -1)}e`;
      assert.deepEqual(
        closeFileMatches(typo, entries).map((match) => match.file.fileId),
        [ID_B],
      );
      assert.deepEqual(closeFileMatches('something else entirely', entries), []);
      assert.deepEqual(closeFileMatches(ID_A, entries), []);
    });

    it('indexes loaded files by ID, the first listing of an ID winning', () => {
      const index = new StackFileIndex([...entries, { file: stackFile(ID_A, 'copy.mp3'), folderPath: 'Other' }]);
      assert.equal(index.size, 2);
      assert.equal(index.get(ID_A)?.file.fileName, 'theme-song.mp3');
      assert.equal(index.get('nope'), undefined);
    });
  });
});
