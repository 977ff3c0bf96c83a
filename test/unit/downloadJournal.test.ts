import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DownloadJournal,
  DownloadJournalFile,
  MAX_JOURNAL_BYTES,
  MAX_JOURNAL_ENTRIES,
  parseJournal,
  type JournalEntry,
  type PartFileState,
} from '../../src/model/downloadJournal';

describe('DownloadJournal', () => {
  let dir: string;
  let file: string;
  let errors: string[];
  const journal = () => new DownloadJournal(new DownloadJournalFile(file), (message) => errors.push(message));
  const entry = (n: number, overrides: Partial<JournalEntry> = {}): JournalEntry => {
    const fileName = overrides.fileName ?? `take-${n}.wav`;
    const folder = overrides.dir ?? path.join(dir, 'downloads');
    return {
      service: 'apiaudio',
      id: `media-${n}`,
      fileName,
      dir: folder,
      partFile: path.join(folder, `.${fileName}.${n.toString(16).padStart(12, '0')}.part`),
      startedAt: 1_700_000_000_000 + n,
      ...overrides,
    };
  };

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'download-journal-'));
    file = path.join(dir, 'storage', 'downloads.json');
    errors = [];
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('remembers a download from add until remove, in a file other instances read', async () => {
    const first = journal();
    await first.add(entry(1));
    await first.add(entry(2, { service: 'audiostack', id: 'file-2' }));
    assert.deepEqual(await journal().entries(), [entry(1), entry(2, { service: 'audiostack', id: 'file-2' })]);
    await first.remove(entry(1).partFile);
    assert.deepEqual(await journal().entries(), [entry(2, { service: 'audiostack', id: 'file-2' })]);
    assert.deepEqual(await fs.readdir(path.dirname(file)), ['downloads.json'], 'no temporary file is left');
    assert.deepEqual(errors, []);
  });

  it('keeps one entry per part file, and changes made by another window are not lost', async () => {
    const mine = journal();
    const theirs = journal();
    await mine.add(entry(1));
    await theirs.add(entry(2));
    await mine.add({ ...entry(1), startedAt: 5 });
    assert.deepEqual(await journal().entries(), [entry(2), { ...entry(1), startedAt: 5 }]);
  });

  it(`remembers at most ${MAX_JOURNAL_ENTRIES} downloads, dropping the oldest`, async () => {
    const many = Array.from({ length: MAX_JOURNAL_ENTRIES + 20 }, (_, n) => entry(n));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify(many));
    const kept = await journal().entries();
    assert.equal(kept.length, MAX_JOURNAL_ENTRIES);
    assert.deepEqual(kept[0], entry(20));
    const added = journal();
    await added.add(entry(999));
    const after = await journal().entries();
    assert.equal(after.length, MAX_JOURNAL_ENTRIES);
    assert.deepEqual(after.at(-1), entry(999));
    assert.deepEqual(after[0], entry(21));
  });

  it('takes out the interrupted downloads (told once), drops those whose part file is gone, keeps those still running', async () => {
    const states: Record<string, PartFileState> = { [entry(1).partFile]: 'interrupted', [entry(2).partFile]: 'gone', [entry(3).partFile]: 'running' };
    const downloads = journal();
    for (const n of [1, 2, 3]) await downloads.add(entry(n));
    const interrupted = await downloads.takeInterrupted(async (partFile) => states[partFile]);
    assert.deepEqual(interrupted, [entry(1)]);
    assert.deepEqual(await journal().entries(), [entry(3)]);
    assert.deepEqual(await journal().takeInterrupted(async () => 'interrupted'), [entry(3)]);
    assert.deepEqual(await journal().takeInterrupted(async () => 'interrupted'), [], 'each is told once');
  });

  it('a failing check counts as a part file that is gone', async () => {
    const downloads = journal();
    await downloads.add(entry(1));
    assert.deepEqual(await downloads.takeInterrupted(() => Promise.reject(new Error('EACCES'))), []);
    assert.deepEqual(await journal().entries(), []);
  });

  it('reads garbage, a missing file, or a file too large as empty, and never throws', async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    for (const content of ['', 'not json', '{"entries": []}', 'null', '42', '"text"', '[1, null, "x", [], {}]']) {
      await fs.writeFile(file, content);
      assert.deepEqual(await journal().entries(), [], content);
      assert.deepEqual(await journal().takeInterrupted(async () => 'interrupted'), [], content);
    }
    await fs.writeFile(file, JSON.stringify([entry(1), 'x'.repeat(MAX_JOURNAL_BYTES)]));
    assert.deepEqual(await journal().entries(), [], 'a file too large is not read');
    await fs.rm(file);
    await fs.mkdir(file);
    assert.deepEqual(await journal().entries(), [], 'a folder in its place');
    await journal().add(entry(1));
    assert.equal(errors.length, 1, 'a write that fails is reported, not thrown');
  });

  it('without a store it does nothing', async () => {
    const none = new DownloadJournal(undefined, (message) => errors.push(message));
    await none.add(entry(1));
    assert.deepEqual(await none.entries(), []);
    assert.deepEqual(await none.takeInterrupted(async () => 'interrupted'), []);
  });

  describe('parseJournal', () => {
    it('keeps entries of the right shape', () => {
      const good = entry(1, { service: 'audiostack', id: 'f-1' });
      const publicOne = entry(2, { publicLibrary: true });
      assert.deepEqual(parseJournal([good, publicOne]), [good, publicOne]);
      assert.deepEqual(parseJournal([{ ...entry(3), publicLibrary: false }]), [entry(3)], 'publicLibrary: false reads as absent');
      assert.deepEqual(parseJournal([{ ...entry(4), url: 'https://x/?X-Amz-Signature=s' }]), [entry(4)], 'unknown fields are not kept');
    });

    it('leaves out entries that could point Discard at anything but our part file in its folder', () => {
      const base = entry(1);
      const bad: Array<Partial<Record<keyof JournalEntry, unknown>>> = [
        { service: 'other' },
        { id: '' },
        { id: 42 },
        { id: 'x'.repeat(201) },
        { id: 'a\nb' },
        { fileName: '../take-1.wav' },
        { fileName: 'a/b.wav' },
        { dir: 'relative/folder' },
        { dir: `${base.dir}/../elsewhere` },
        { partFile: path.join(dir, 'elsewhere', path.basename(base.partFile)) },
        { partFile: path.join(base.dir, 'take-1.wav') },
        { partFile: `${base.partFile}.json` },
        { partFile: path.join(base.dir, '.other.wav.000000000001.part') },
        { partFile: path.join(base.dir, 'sub', path.basename(base.partFile)) },
        { publicLibrary: 'yes' },
        { startedAt: 'now' },
        { startedAt: Number.NaN },
      ];
      for (const change of bad) {
        assert.deepEqual(parseJournal([{ ...base, ...change }]), [], JSON.stringify(change));
      }
      const { service: _service, ...noService } = base;
      assert.deepEqual(parseJournal([noService]), []);
    });

    it('reads anything but an array as empty', () => {
      for (const value of [undefined, null, 0, 'x', {}, { 0: entry(1) }]) assert.deepEqual(parseJournal(value), []);
    });
  });
});
