// The change detection behind ClientProvider.onDidChange: reads happen one after another,
// each compared with the one before, and nothing but recheck() moves the baseline.

import * as assert from 'node:assert/strict';
import { ConnectionWatcher } from '../../src/auth/connectionWatcher';

/** A connection id source whose reads the test answers in any order. */
class ManualSource {
  readonly reads: Array<(id: string | undefined) => void> = [];
  read = (): Promise<string | undefined> => new Promise((resolve) => this.reads.push(resolve));
}

async function turns(count = 5): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('ConnectionWatcher', () => {
  it('fires once per real change, not for an event that changed nothing', async () => {
    let current: string | undefined = 'A';
    const watcher = new ConnectionWatcher(async () => current);
    let fired = 0;
    watcher.onDidChange(() => fired++);
    await watcher.settled();

    watcher.recheck(); // e.g. a new timeout: same connection
    await watcher.settled();
    assert.equal(fired, 0);

    current = 'B';
    watcher.recheck(); // our own store event…
    watcher.recheck(); // …and SecretStorage's for the same change
    await watcher.settled();
    assert.equal(fired, 1);

    current = undefined; // key removed
    watcher.recheck();
    await watcher.settled();
    assert.equal(fired, 2);
  });

  it('reads strictly one after another: a slow first read cannot be compared with a later one', async () => {
    const source = new ManualSource();
    const watcher = new ConnectionWatcher(source.read);
    let fired = 0;
    watcher.onDidChange(() => fired++);
    source.reads[0]('A'); // the baseline
    await turns();
    watcher.recheck();
    watcher.recheck();
    await turns();
    assert.equal(source.reads.length, 2, 'the second recheck waits for the first read');
    source.reads[1]('B');
    await turns();
    assert.equal(source.reads.length, 3);
    source.reads[2]('A'); // changed back before the second check
    await watcher.settled();
    assert.equal(fired, 2, 'A → B and B → A are two changes');
  });

  it('a change made and read while other code reads the connection still fires (no side effect on read)', async () => {
    let current = 'org-1';
    const reads: string[] = [];
    const read = async (): Promise<string> => {
      reads.push(current);
      return current;
    };
    const watcher = new ConnectionWatcher(read);
    let fired = 0;
    watcher.onDidChange(() => fired++);
    await watcher.settled();
    current = 'org-2';
    // Someone else reads the new connection before the watcher is told.
    assert.equal(await read(), 'org-2');
    watcher.recheck();
    await watcher.settled();
    assert.equal(fired, 1);
  });

  it('a failing read counts as "no connection", and recovers on the next one', async () => {
    let fail = true;
    const watcher = new ConnectionWatcher(async () => {
      if (fail) throw new Error('secret storage unavailable');
      return 'A';
    });
    let fired = 0;
    watcher.onDidChange(() => fired++);
    await watcher.settled();
    fail = false;
    watcher.recheck();
    await watcher.settled();
    assert.equal(fired, 1);
  });
});
