import * as assert from 'node:assert/strict';
import {
  checkStackId,
  normaliseFile,
  normaliseFilesPage,
  normaliseFolder,
  normaliseFolderListing,
} from '../../src/api/audiostack/model';

const FILE_ID = '3f2b8c1e-9d4a-4e6b-8a2f-1c0d5e7f9a31';
const FOLDER_ID = '0b7e6d5c-4a3b-4c2d-9e1f-a0b1c2d3e4f5';

function wireFile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fileId: FILE_ID,
    fileName: 'jingle.wav',
    folderId: FOLDER_ID,
    createdBy: 'someone',
    fileType: { name: 'audio', mimeType: 'audio/wav' },
    size: 48_000,
    createdAt: '2026-03-01T10:00:00Z',
    status: 'uploaded',
    duration: 1.5,
    url: 'https://storage.example/jingle.wav?X-Amz-Signature=abc',
    ...overrides,
  };
}

describe('AudioStack Files answers', () => {
  it('reads a file with the fields the SDK documents', () => {
    assert.deepEqual(normaliseFile(wireFile({ fileCategory: { name: 'music' }, accessControl: 'private', updatedAt: '2026-03-02T00:00:00Z' })), {
      fileId: FILE_ID,
      fileName: 'jingle.wav',
      folderId: FOLDER_ID,
      status: 'uploaded',
      size: 48_000,
      duration: 1.5,
      fileType: 'audio',
      createdAt: '2026-03-01T10:00:00Z',
      updatedAt: '2026-03-02T00:00:00Z',
      category: 'music',
      accessControl: 'private',
      url: 'https://storage.example/jingle.wav?X-Amz-Signature=abc',
    });
  });

  it('drops an entry whose id could reach outside its path, and cleans names a person will read', () => {
    for (const fileId of ['../../folders', 'a/b', '', 'id with space', 42, undefined, 'x'.repeat(129), '%2e%2e']) {
      assert.equal(normaliseFile(wireFile({ fileId })), undefined, String(fileId));
    }
    const file = normaliseFile(wireFile({ fileName: '\u001b[31mred\u001b[0m\r\nforged.wav\u202e' }));
    assert.equal(file?.fileName, 'red forged.wav');
    assert.equal(normaliseFile(wireFile({ fileName: '' }))?.fileName, FILE_ID, 'no name: the id stands in');
  });

  it('bounds a hostile file name to what AudioStack allows, keeping its extension and whole characters', () => {
    const read = (fileName: string) => normaliseFile(wireFile({ fileName }))?.fileName ?? '';
    const long = read(`${'n'.repeat(9996)}.mp3`);
    assert.equal(long, `${'n'.repeat(251)}.mp3`);
    assert.equal(read(`${'n'.repeat(1_000_000)}.wav`), `${'n'.repeat(251)}.wav`, 'a megabyte of name too');
    const emoji = read(`${'🎵'.repeat(5000)}.mp3`);
    assert.ok(emoji.length <= 255 && emoji.endsWith('.mp3'), `${emoji.length} characters`);
    assert.doesNotMatch(emoji, /[\ud800-\udbff](?![\udc00-\udfff])/, 'no half of a surrogate pair');
    assert.equal(read('x'.repeat(300)).length, 255, 'no extension: cut at the limit');
    assert.equal(read(`${'x'.repeat(300)}.${'e'.repeat(20)}`), 'x'.repeat(255), 'an extension too long to be one is not kept');
    assert.equal(read(`${'x'.repeat(255)}`), 'x'.repeat(255), 'a name AudioStack allows is kept as it is');
    assert.equal(read(`\u001b[31m${'r'.repeat(5000)}\u202e.mp3`).slice(-8), 'rrrr.mp3', 'cleaned, then bounded');
  });

  it('ignores values of the wrong type instead of trusting them', () => {
    const file = normaliseFile(wireFile({ size: '12', duration: -3, status: 7, url: 'javascript:alert(1)', accessControl: 'everyone', folderId: '../x' }));
    assert.equal(file?.size, undefined);
    assert.equal(file?.duration, undefined);
    assert.equal(file?.status, 'unknown');
    assert.equal(file?.url, undefined);
    assert.equal(file?.accessControl, undefined);
    assert.equal(file?.folderId, undefined);
  });

  it('reads folders; the root has no parent', () => {
    assert.deepEqual(normaliseFolder({ folderId: FOLDER_ID, folderName: 'Podcasts', parentFolderId: null, createdAt: '2026-01-01T00:00:00Z' }), {
      folderId: FOLDER_ID,
      folderName: 'Podcasts',
      parentFolderId: undefined,
      createdAt: '2026-01-01T00:00:00Z',
    });
    assert.equal(normaliseFolder({ folderName: 'no id' }), undefined);
  });

  it('reads a folder listing wrapped in data or not, and counts what it dropped', () => {
    const listing = {
      folders: [{ folderId: 'child-1', folderName: 'Ads', parentFolderId: FOLDER_ID }, { folderName: 'broken' }],
      files: [wireFile(), { fileId: 'a/b' }],
      currentPathChain: [
        { folderId: FOLDER_ID, folderName: 'Podcasts', parentFolderId: 'root-id' },
        { folderId: 'root-id', folderName: 'root' },
      ],
    };
    for (const body of [listing, { data: listing, pagination: { limit: 10, offset: 0 } }]) {
      const read = normaliseFolderListing(body);
      assert.equal(read?.folder?.folderId, FOLDER_ID);
      assert.deepEqual(read?.ancestors.map((folder) => folder.folderId), ['root-id']);
      assert.deepEqual(read?.folders.map((folder) => folder.folderName), ['Ads']);
      assert.deepEqual(read?.files.map((file) => file.fileId), [FILE_ID]);
      assert.equal(read?.skipped, 2);
    }
  });

  it('does not take an error answer for an empty folder', () => {
    assert.equal(normaliseFolderListing({ statusCode: 404, message: 'Folder not found' }), undefined);
    assert.equal(normaliseFolderListing([]), undefined);
    assert.equal(normaliseFolderListing('<html>'), undefined);
  });

  it('reads a page of files, bare or wrapped', () => {
    const wrapped = normaliseFilesPage({ data: [wireFile(), wireFile({ fileId: 'b2' })], pagination: { limit: 2, offset: 4 } });
    assert.deepEqual(
      wrapped && { ids: wrapped.files.map((file) => file.fileId), limit: wrapped.limit, offset: wrapped.offset },
      { ids: [FILE_ID, 'b2'], limit: 2, offset: 4 },
    );
    assert.equal(normaliseFilesPage([wireFile()])?.files.length, 1);
    assert.equal(normaliseFilesPage({ message: 'nope' }), undefined);
  });

  it('keeps only ids that are safe in a path', () => {
    assert.equal(checkStackId(FILE_ID), FILE_ID);
    assert.equal(checkStackId('..'), undefined);
    assert.equal(checkStackId('a?b'), undefined);
    assert.equal(checkStackId({ toString: () => FILE_ID }), undefined);
  });
});
