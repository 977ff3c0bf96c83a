// File names and tags come from the server and are shown in the tree, in messages and in
// the log: escapes, line breaks and invisible direction overrides are removed on arrival.

import * as assert from 'node:assert/strict';
import { sanitizeServerName } from '../../src/api/serverText';
import { makeClient, startTestEmulator } from './clientHarness';

describe('names chosen by the server', () => {
  it('arrive without ANSI escapes, forged line breaks or direction overrides', async () => {
    const emulator = await startTestEmulator();
    try {
      const { client } = makeClient(emulator);
      const mediaId = emulator.control.addMedia({
        filename: '\u001b[31mred\u001b[0m\r\n[error] fake log line\u202e3pm.wav',
        tags: ['ok', 'multi\nline', '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007', '\u200b'],
      });
      const { items } = await client.listMedia({ mediaId });
      assert.equal(items.length, 1);
      assert.equal(items[0].filename, 'red [error] fake log line3pm.wav');
      assert.deepEqual(items[0].tags, ['ok', 'multi line', 'link']);
    } finally {
      await emulator.close();
    }
  });

  it('ordinary names are passed through unchanged (no copy, no cost)', () => {
    for (const name of ['voice-welcome.wav', 'Über Grüße.mp3', 'a b.wav', '日本語.mp3']) {
      assert.equal(sanitizeServerName(name), name);
    }
    assert.equal(sanitizeServerName('  padded  '), 'padded');
  });
});
