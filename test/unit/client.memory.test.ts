// Constant memory: a 200 MB upload and download must not grow this process's RSS by
// 64 MB or more. The emulator runs in a child process so its buffers do not count.

import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { startChildEmulator, type ChildEmulator } from '../../bench/childEmulator';
import { MB, RssSampler, generateFile, makeWorkDir, sha256File } from '../../bench/transferFixture';
import { TEST_KEY, makeClient } from './clientHarness';

const SIZE = 200 * MB;
const LIMIT = 64 * MB;

describe('ApiAudioClient memory on large transfers (child-process emulator)', function () {
  this.timeout(120_000);
  let work: string;
  let emulator: ChildEmulator;
  let source: string;
  let sourceHash: string;
  let mediaId: string;

  before(async () => {
    work = await makeWorkDir('apiaudio-memory-');
    await fs.mkdir(path.join(work, 'emulator'));
    await fs.mkdir(path.join(work, 'downloads'));
    source = path.join(work, 'big.wav');
    [emulator, sourceHash] = await Promise.all([
      startChildEmulator(TEST_KEY, path.join(work, 'emulator')),
      generateFile(source, SIZE),
    ]);
  });
  after(async () => {
    await emulator?.close();
    await fs.rm(work, { recursive: true, force: true });
  });

  it('uploads 200 MB with RSS growth under 64 MB', async () => {
    const { client } = makeClient(emulator, { timeoutMs: 30_000 });
    const sampler = new RssSampler();
    ({ mediaId } = await client.upload(source, { onProgress: () => sampler.sample() }));
    const growth = sampler.stop();
    assert.ok(growth < LIMIT, `RSS grew by ${(growth / MB).toFixed(1)} MB`);
  });

  it('downloads it back with RSS growth under 64 MB, byte-identical', async () => {
    assert.ok(mediaId, 'needs the upload above');
    const { client } = makeClient(emulator, { timeoutMs: 30_000 });
    const sampler = new RssSampler();
    const result = await client.download(mediaId, path.join(work, 'downloads'), { onProgress: () => sampler.sample() });
    const growth = sampler.stop();
    assert.ok(growth < LIMIT, `RSS grew by ${(growth / MB).toFixed(1)} MB`);
    assert.equal((await fs.stat(result)).size, SIZE);
    assert.equal(await sha256File(result), sourceHash);
  });
});
