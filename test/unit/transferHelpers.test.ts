import * as assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { useDisplayLanguage } from '../../src/api/l10n';
import { LocalMediaStore } from '../../src/model/localMediaStore';
import { mapWithConcurrency } from '../../src/util/concurrency';
import { formatBytes } from '../../src/api/format';
import { TransferProgressReporter, type ProgressStep } from '../../src/util/progress';

describe('mapWithConcurrency', () => {
  it('never runs more than the limit at once and keeps the input order', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([30, 10, 20, 5, 15], 2, async (ms, index) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return index;
    });
    assert.equal(peak, 2);
    assert.deepEqual(results, [0, 1, 2, 3, 4].map((value) => ({ status: 'fulfilled', value })));
  });

  it('keeps going after a failure and reports it in place', async () => {
    const results = await mapWithConcurrency(['a', 'b', 'c'], 3, async (value) => {
      if (value === 'b') throw new Error('boom');
      return value.toUpperCase();
    });
    assert.deepEqual(results.map((result) => result.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.equal((results[1] as { reason: Error }).reason.message, 'boom');
  });

  it('starts nothing more once the signal is aborted', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const results = await mapWithConcurrency([1, 2, 3, 4], 1, async (value) => {
      started.push(value);
      if (value === 2) controller.abort();
    }, controller.signal);
    assert.deepEqual(started, [1, 2]);
    assert.deepEqual(results.map((result) => result.status), ['fulfilled', 'fulfilled', 'skipped', 'skipped']);
  });
});

describe('formatBytes', () => {
  it('formats bytes the way the progress messages show them', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(1024), '1.0 KB');
    assert.equal(formatBytes(3.14 * 1024 * 1024), '3.1 MB');
    assert.equal(formatBytes(12 * 1024 * 1024), '12 MB');
    assert.equal(formatBytes(9.99 * 1024 * 1024), '10 MB');
    assert.equal(formatBytes(5 * 1024 ** 3), '5.0 GB');
  });
});

describe('TransferProgressReporter', () => {
  it('reports bytes for one file and increments that add up to 100', () => {
    const steps: ProgressStep[] = [];
    let now = 0;
    const reporter = new TransferProgressReporter((step) => steps.push(step), 1, 100, () => now);
    reporter.update('0', 'a.wav', 0, 4 * 1024 * 1024);
    now += 50;
    reporter.update('0', 'a.wav', 1024 * 1024, 4 * 1024 * 1024); // throttled
    now += 100;
    reporter.update('0', 'a.wav', 2 * 1024 * 1024, 4 * 1024 * 1024);
    reporter.finish('0');
    assert.deepEqual(steps.map((step) => step.message), ['0 byte of 4.0 MB', '2.0 MB of 4.0 MB', '4.0 MB of 4.0 MB']);
    assert.equal(steps.reduce((sum, step) => sum + (step.increment ?? 0), 0), 100);
  });

  it('shows the last bytes of a burst once the interval ends, not the first report only', async () => {
    const steps: ProgressStep[] = [];
    const reporter = new TransferProgressReporter((step) => steps.push(step), 1, 20);
    reporter.update('0', 'a.wav', 0, 1024 * 1024);
    reporter.update('0', 'a.wav', 512 * 1024, 1024 * 1024); // inside the interval: held back
    reporter.update('0', 'a.wav', 1024 * 1024, 1024 * 1024);
    assert.deepEqual(steps.map((step) => step.message), ['0 byte of 1.0 MB']);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(steps.map((step) => step.message), ['0 byte of 1.0 MB', '1.0 MB of 1.0 MB']);
    reporter.dispose();
  });

  it('counts finished files when there are several', () => {
    const steps: ProgressStep[] = [];
    const reporter = new TransferProgressReporter((step) => steps.push(step), 2, 0);
    reporter.update('0', 'a.wav', 512, 1024);
    reporter.finish('0');
    reporter.finish('1');
    assert.deepEqual(steps.map((step) => step.message), ['0 of 2 files · a.wav: 512 byte of 1.0 kB', '1 of 2 files · a.wav: 1.0 kB of 1.0 kB', '2 of 2 files']);
    assert.equal(Math.round(steps.reduce((sum, step) => sum + (step.increment ?? 0), 0)), 100);
  });
});

describe('TransferProgressReporter in the display language', () => {
  afterEach(() => {
    useDisplayLanguage({ language: 'en', bundle: undefined });
    l10n.config({ contents: {} });
  });

  it('says bytes and file counts in German with the German bundle: decimal comma, "von", "Dateien"', () => {
    const bundle = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
    useDisplayLanguage({ language: 'de', bundle });
    const steps: ProgressStep[] = [];
    const reporter = new TransferProgressReporter((step) => steps.push(step), 2, 0);
    reporter.update('0', 'a.wav', 1536, 3.5 * 1024 * 1024);
    reporter.finish('0');
    reporter.finish('1');
    assert.deepEqual(steps.map((step) => step.message), ['0 von 2 Dateien · a.wav: 1,5 kB von 3,5 MB', '1 von 2 Dateien · a.wav: 3,5 MB von 3,5 MB', '2 von 2 Dateien']);
  });
});

describe('LocalMediaStore', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'local-media-'));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const writer = (calls: string[], delayMs = 20) => async (dir: string, fileName: string, signal: AbortSignal) => {
    calls.push(fileName);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (signal.aborted) throw Object.assign(new Error('aborted'), { code: 'cancelled' });
    const file = path.join(dir, fileName);
    await fs.writeFile(file, 'bytes');
    return file;
  };

  it('keeps one sanitised copy per media ID, shares concurrent downloads and reuses the copy', async () => {
    const store = new LocalMediaStore(root);
    const calls: string[] = [];
    const [a, b] = await Promise.all([
      store.ensure('abcd1234', '../evil:name.wav', writer(calls)),
      store.ensure('abcd1234', '../evil:name.wav', writer(calls)),
    ]);
    assert.equal(a, b);
    // No path separators or leading dots survive (sanitizeFileName).
    assert.equal(a, path.join(root, 'abcd1234', '_evil_name.wav'));
    assert.equal(calls.length, 1);
    assert.equal(await store.ensure('abcd1234', '../evil:name.wav', writer(calls)), a);
    assert.equal(calls.length, 1, 'an existing copy is reused');
    assert.equal(await store.existing('abcd1234', '../evil:name.wav'), a);
  });

  it('aborts the shared download only when every waiter gave up', async () => {
    const store = new LocalMediaStore(root);
    const calls: string[] = [];
    const first = new AbortController();
    const one = store.ensure('id1', 'x.wav', writer(calls, 50), first.signal);
    const two = store.ensure('id1', 'x.wav', writer(calls, 50));
    first.abort();
    await assert.rejects(one, (error: Error & { code?: string }) => error.code === 'cancelled');
    assert.equal(await two, path.join(root, 'id1', 'x.wav'), 'the other waiter still gets the file');
  });
});
