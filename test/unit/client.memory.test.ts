// Constant memory. A 200 MB upload and download must not grow this process's RSS by 64 MB
// or more (the emulator runs in a child process so its buffers do not count); and each
// hostile answer below would have pushed the process past 1–2.5 GB if bodies were read
// without a cap (the in-process emulator generates them as it sends them, so its own
// memory stays flat and the growth measured is the client's).

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { startChildEmulator, type ChildEmulator } from '../../bench/childEmulator';
import { MB, RssSampler, generateFile, makeWorkDir, sha256File } from '../../bench/transferFixture';
import { BadResponseError, PresignedUrlError, ResponseTooLargeError } from '../../src/api';
import { TEST_KEY, makeClient, useClientSuite } from './clientHarness';

describe('ApiAudioClient memory on large transfers (child-process emulator)', function () {
  this.timeout(120_000);
  const SIZE = 200 * MB;
  const LIMIT = 64 * MB;
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

describe('ApiAudioClient memory against hostile answers', function () {
  this.timeout(120_000);
  const LIMIT = 100 * MB;
  const env = useClientSuite();

  async function growthOf(run: () => Promise<unknown>): Promise<number> {
    const sampler = new RssSampler();
    await run();
    const growth = sampler.stop();
    console.log(`      RSS growth ${(growth / MB).toFixed(1)} MB`);
    return growth;
  }

  it('a gzip bomb (1 GiB inflated): refused, RSS growth under 100 MB', async () => {
    const { client } = env.makeClient(env.emulator, { maxRetries: 0, timeoutMs: 60_000 });
    env.emulator.control.respondHostile('gzip-bomb', { bytes: 1024 * MB });
    const growth = await growthOf(async () => {
      assert.ok((await env.rejection(client.listMedia())) instanceof BadResponseError);
    });
    assert.ok(growth < LIMIT, `RSS grew by ${(growth / MB).toFixed(1)} MB`);
  });

  it('an endless JSON body: cut at the listing cap, RSS growth under 100 MB', async () => {
    const { client } = env.makeClient(env.emulator, { maxRetries: 0, timeoutMs: 60_000 });
    env.emulator.control.respondHostile('endless-json');
    const growth = await growthOf(async () => {
      assert.ok((await env.rejection(client.listMedia())) instanceof ResponseTooLargeError);
    });
    assert.ok(growth < LIMIT, `RSS grew by ${(growth / MB).toFixed(1)} MB`);
  });

  it('a 300 MB listing without Content-Length: cut at the cap, RSS growth under 100 MB', async () => {
    const { client } = env.makeClient(env.emulator, { maxRetries: 0, timeoutMs: 60_000 });
    env.emulator.control.respondHostile('huge-listing', { bytes: 300 * MB });
    const growth = await growthOf(async () => {
      assert.ok((await env.rejection(client.listMedia())) instanceof ResponseTooLargeError);
    });
    assert.ok(growth < LIMIT, `RSS grew by ${(growth / MB).toFixed(1)} MB`);
  });

  it('a 1.5 GB XML body on a download 403: RSS growth under 100 MB', async () => {
    const { client } = env.makeClient(env.emulator, { maxRetries: 0, timeoutMs: 60_000 });
    const mediaId = env.emulator.control.addMedia({ filename: 'xml403.mp3', bytes: randomBytes(1000) });
    env.emulator.control.objectHostile('huge-xml-403', { bytes: 1536 * MB });
    const growth = await growthOf(async () => {
      assert.ok((await env.rejection(client.download(mediaId, env.dir))) instanceof PresignedUrlError);
    });
    assert.ok(growth < LIMIT, `RSS grew by ${(growth / MB).toFixed(1)} MB`);
  });
});
