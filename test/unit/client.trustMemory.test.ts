// Memory stays bounded whatever the server sends (issue 8): each hostile answer below
// would have pushed the process past 1–2.5 GB when bodies were read without a cap. The
// emulator generates these bodies as it sends them, so its own memory stays flat and the
// growth measured here is the client's.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { MB, RssSampler } from '../../bench/transferFixture';
import { BadResponseError, PresignedUrlError, ResponseTooLargeError } from '../../src/api';
import { makeClient, makeTempDir, rejection, startTestEmulator, type TestEmulator } from './clientHarness';

const LIMIT = 100 * MB;

describe('ApiAudioClient memory against hostile answers (issue 8)', function () {
  this.timeout(120_000);
  let emulator: TestEmulator;
  let dir: string;

  before(async () => {
    emulator = await startTestEmulator();
    dir = await makeTempDir();
  });
  after(async () => {
    await emulator.close();
    await fs.rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => emulator.control.reset());

  async function growthOf(run: () => Promise<unknown>): Promise<number> {
    const sampler = new RssSampler();
    await run();
    const growth = sampler.stop();
    console.log(`      RSS growth ${(growth / MB).toFixed(1)} MB`);
    return growth;
  }

  it('a gzip bomb (1 GiB inflated): refused, RSS growth under 100 MB', async () => {
    const { client } = makeClient(emulator, { maxRetries: 0, timeoutMs: 60_000 });
    emulator.control.respondHostile('gzip-bomb', { bytes: 1024 * MB });
    const growth = await growthOf(async () => {
      assert.ok((await rejection(client.listMedia())) instanceof BadResponseError);
    });
    assert.ok(growth < LIMIT, `RSS grew by ${(growth / MB).toFixed(1)} MB`);
  });

  it('an endless JSON body: cut at the listing cap, RSS growth under 100 MB', async () => {
    const { client } = makeClient(emulator, { maxRetries: 0, timeoutMs: 60_000 });
    emulator.control.respondHostile('endless-json');
    const growth = await growthOf(async () => {
      assert.ok((await rejection(client.listMedia())) instanceof ResponseTooLargeError);
    });
    assert.ok(growth < LIMIT, `RSS grew by ${(growth / MB).toFixed(1)} MB`);
  });

  it('a 300 MB listing without Content-Length: cut at the cap, RSS growth under 100 MB', async () => {
    const { client } = makeClient(emulator, { maxRetries: 0, timeoutMs: 60_000 });
    emulator.control.respondHostile('huge-listing', { bytes: 300 * MB });
    const growth = await growthOf(async () => {
      assert.ok((await rejection(client.listMedia())) instanceof ResponseTooLargeError);
    });
    assert.ok(growth < LIMIT, `RSS grew by ${(growth / MB).toFixed(1)} MB`);
  });

  it('a 1.5 GB XML body on a download 403: RSS growth under 100 MB', async () => {
    const { client } = makeClient(emulator, { maxRetries: 0, timeoutMs: 60_000 });
    const mediaId = emulator.control.addMedia({ filename: 'xml403.mp3', bytes: randomBytes(1000) });
    emulator.control.objectHostile('huge-xml-403', { bytes: 1536 * MB });
    const growth = await growthOf(async () => {
      assert.ok((await rejection(client.download(mediaId, dir))) instanceof PresignedUrlError);
    });
    assert.ok(growth < LIMIT, `RSS grew by ${(growth / MB).toFixed(1)} MB`);
  });
});
