import * as assert from 'node:assert/strict';
import type { promises as fs } from 'node:fs';
import * as sinon from 'sinon';
import { PipelinedFileWriter, ProgressTimer } from '../../src/api/fileWriter';

/** A file handle whose writes finish when the test says so. */
function slowHandle() {
  const writes: Array<{ position: number; bytes: string; finish(error?: Error): void }> = [];
  const handle = {
    writev(buffers: Buffer[], position: number) {
      const bytes = Buffer.concat(buffers);
      return new Promise<{ bytesWritten: number }>((resolve, reject) => {
        writes.push({ position, bytes: bytes.toString(), finish: (error) => (error ? reject(error) : resolve({ bytesWritten: bytes.length })) });
      });
    },
  };
  return { handle: handle as unknown as fs.FileHandle, writes };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PipelinedFileWriter', () => {
  it('accepts the next chunks while one is written, pauses past the bound, writes them in order and together', async () => {
    const { handle, writes } = slowHandle();
    const written: number[] = [];
    const writer = new PipelinedFileWriter(handle, 10, (bytes) => written.push(bytes), undefined, 4);
    await writer.write(Buffer.from('ab')); // 2 unwritten: no wait
    let third = false;
    await writer.write(Buffer.from('cd')); // 4: still within the bound
    const paused = writer.write(Buffer.from('ef')).then(() => (third = true)); // 6 > 4: waits
    await tick();
    assert.equal(third, false, 'receiving pauses while too much waits to be written');
    assert.deepEqual(writes.map((w) => [w.position, w.bytes]), [[10, 'ab']], 'one write at a time');
    writes[0].finish();
    await tick();
    assert.equal(third, true);
    writes[1].finish();
    await Promise.all([paused, writer.flush()]);
    assert.deepEqual(
      writes.map((w) => [w.position, w.bytes]),
      [
        [10, 'ab'],
        [12, 'cdef'],
      ],
      'what arrived during a write goes out in one',
    );
    assert.deepEqual(written, [2, 4]);
  });

  it('reports a failed write on the next write and on flush, mapped by the caller', async () => {
    const { handle, writes } = slowHandle();
    const writer = new PipelinedFileWriter(handle, 0, () => undefined, (error) => new Error(`mapped: ${(error as Error).message}`));
    await writer.write(Buffer.from('ab'));
    writes[0].finish(new Error('ENOSPC'));
    await assert.rejects(writer.flush(), /mapped: ENOSPC/);
    await assert.rejects(writer.write(Buffer.from('cd')), /mapped: ENOSPC/);
    assert.equal(writes.length, 1, 'nothing is written after a failure');
  });
});

describe('ProgressTimer', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers({ now: 1_000_000 })));
  afterEach(() => clock.restore());

  it('reports the first update at once, then at most once per interval, and what is pending on flush', () => {
    const report = sinon.spy();
    const progress = new ProgressTimer(report, 100);
    progress.update();
    assert.equal(report.callCount, 1);
    for (let i = 0; i < 50; i++) progress.update();
    assert.equal(report.callCount, 1, 'not per chunk');
    clock.tick(100);
    assert.equal(report.callCount, 2, 'the pending update, on the timer');
    progress.update();
    progress.flush();
    assert.equal(report.callCount, 3, 'flush reports what is pending');
    clock.tick(500);
    assert.equal(report.callCount, 3, 'nothing after flush');
  });
});
