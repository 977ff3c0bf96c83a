import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JsonFileCache } from '../../src/model/jsonFileCache';

describe('JsonFileCache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'json-cache-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads back what it wrote, creating the folder, and leaves no temporary file', async () => {
    const cache = new JsonFileCache<{ items: number[] }>(path.join(dir, 'nested', 'listing.json'));
    await cache.write({ items: [1, 2, 3] });
    await cache.write({ items: [4] });
    assert.deepEqual(await cache.read(), { items: [4] });
    assert.deepEqual(await fs.readdir(path.join(dir, 'nested')), ['listing.json']);
  });

  it('reads a missing or corrupt file as undefined', async () => {
    const file = path.join(dir, 'listing.json');
    const cache = new JsonFileCache(file);
    assert.equal(await cache.read(), undefined);
    await fs.writeFile(file, '{"items": [1, 2');
    assert.equal(await cache.read(), undefined);
  });

  it('keeps the previous file when a write fails, and cleans up', async () => {
    const file = path.join(dir, 'listing.json');
    const cache = new JsonFileCache<unknown>(file);
    await cache.write({ ok: true });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await assert.rejects(cache.write(circular));
    assert.deepEqual(await cache.read(), { ok: true });
    assert.deepEqual(await fs.readdir(dir), ['listing.json']);
  });
});
