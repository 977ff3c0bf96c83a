// The one rule for paging a folder's files (src/api/audiostack/paging.ts): what Delete… counts in
// a folder and what Show more… pages by. Against the emulator over real sockets, with the
// pages a server may send: smaller than asked, with a limit of 0, a huge one or none, or
// never advancing; and the rule itself on pages no emulator call sends.
import * as assert from 'node:assert/strict';
import type { FilesPage, StackFile } from '../../src/api/audiostack/model';
import { folderFilePages, MAX_PAGE_SIZE, readFilesPage, type FilesPageRead } from '../../src/api/audiostack/paging';
import { useClientSuite } from './clientHarness';

describe('Paging a folder\'s files', function () {
  this.timeout(30_000);
  const env = useClientSuite();
  const client = () => env.makeFilesClient(env.emulator).client;
  const folderOf = (count: number) => {
    const folderId = env.emulator.control.files.addFolder({ folderName: 'Paged' });
    return { folderId, ids: env.emulator.control.files.addFilesBulk(count, { folderId, prefix: 'p' }) };
  };
  /** What was asked of the emulator for `folderId`'s files: `offset/limit`. */
  const asked = (folderId: string) =>
    env.emulator.control.requests.filter((request) => request.path === `/folders/${folderId}/files`).map((request) => `${request.query.offset}/${request.query.limit}`);
  const everyPage = async (folderId: string, pageSize?: number): Promise<FilesPageRead[]> => {
    const pages: FilesPageRead[] = [];
    for await (const page of folderFilePages(client(), folderId, { pageSize })) pages.push(page);
    return pages;
  };
  const idsOf = (pages: readonly FilesPageRead[]) => pages.flatMap((page) => page.files.map((file) => file.fileId));

  it(`reads every file of a folder whose pages AudioStack caps below the ${MAX_PAGE_SIZE.toLocaleString('en')} asked, by the page size it reports`, async () => {
    env.emulator.control.files.capPageSize(100);
    const { folderId, ids } = folderOf(250);
    const pages = await everyPage(folderId);
    assert.deepEqual(idsOf(pages), ids, 'all 250, in order, none twice');
    assert.deepEqual(asked(folderId), ['0/1000', '100/1000', '200/1000'], 'each page starts after the files received; 50 of 100 ends it');
    assert.deepEqual(pages.map((page) => page.hasMore), [true, true, false]);
  });

  it('asks once more after a page exactly as full as reported, and ends at the empty one', async () => {
    env.emulator.control.files.capPageSize(100);
    const { folderId, ids } = folderOf(200);
    assert.deepEqual(idsOf(await everyPage(folderId)), ids);
    assert.deepEqual(asked(folderId), ['0/1000', '100/1000', '200/1000']);
  });

  it('takes the page size asked when AudioStack reports a limit of 0, a huge one or none', async () => {
    for (const report of [0, 1_000_000_000, 'none'] as const) {
      env.emulator.control.reset();
      env.emulator.control.files.capPageSize(10, { report });
      const { folderId, ids } = folderOf(25);
      assert.deepEqual(idsOf(await everyPage(folderId, 10)), ids, String(report));
      assert.deepEqual(asked(folderId), ['0/10', '10/10', '20/10'], String(report));
    }
  });

  it('stops when a page brings only files already read (a server whose pages never advance nor run short)', async () => {
    env.emulator.control.files.capPageSize(10, { ignoreOffset: true });
    const { folderId, ids } = folderOf(25);
    const pages = await everyPage(folderId, 10);
    assert.deepEqual(idsOf(pages), ids.slice(0, 10));
    assert.deepEqual(asked(folderId), ['0/10', '10/10']);
    assert.equal(pages[1].received, 10, 'the repeats are counted as received (what a caller bounds)');
  });

  it('sends at most MAX_PAGE_SIZE and pages on from there when a larger page size is asked', async () => {
    const { folderId, ids } = folderOf(1_005);
    assert.deepEqual(idsOf(await everyPage(folderId, 5_000)), ids);
    assert.deepEqual(asked(folderId), ['0/1000', '1000/1000']);
  });

  describe('readFilesPage', () => {
    const file = (fileId: string): StackFile => ({
      fileId,
      fileName: `${fileId}.mp3`,
      folderId: 'f',
      status: 'uploaded',
      size: 1,
      duration: undefined,
      fileType: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      category: undefined,
      accessControl: undefined,
      url: undefined,
    });
    const page = (ids: string[], extra: Partial<FilesPage> = {}): FilesPage => ({ files: ids.map(file), limit: undefined, offset: undefined, skipped: 0, ...extra });

    it('counts unusable entries in the next offset and in a full page', () => {
      const read = readFilesPage({ limit: 4, offset: 8 }, page(['a', 'b'], { skipped: 2, limit: 4 }));
      assert.deepEqual(read.files.map((f) => f.fileId), ['a', 'b']);
      assert.equal(read.received, 4);
      assert.equal(read.nextOffset, 12);
      assert.equal(read.hasMore, true);
    });

    it('lists a file sent twice once, and a file listed before not again', () => {
      const read = readFilesPage({ limit: 4, offset: 0 }, page(['a', 'b', 'a', 'c']), new Set(['c']));
      assert.deepEqual(read.files.map((f) => f.fileId), ['a', 'b']);
      assert.equal(read.nextOffset, 4);
      assert.equal(read.hasMore, true);
    });

    it('ends at an empty page whatever limit is reported, and reads a fractional limit as the whole files it allows', () => {
      for (const limit of [undefined, 0, 3]) assert.equal(readFilesPage({ limit: 10, offset: 5 }, page([], { limit })).hasMore, false, String(limit));
      assert.equal(readFilesPage({ limit: 10, offset: 0 }, page(['a', 'b'], { limit: 2.5 })).hasMore, true);
      assert.equal(readFilesPage({ limit: 10, offset: 0 }, page(['a'], { limit: 2.5 })).hasMore, false);
      assert.equal(readFilesPage({ limit: 10, offset: 0 }, page(['a'], { limit: 0.5 })).hasMore, false, 'under 1: the limit asked');
    });
  });
});
