// Runs after the other client suites (files load in sorted order): no log line and no
// error message recorded anywhere in the client tests may contain the API key or any
// signature, credential or token of a presigned URL.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { OTHER_KEY, TEST_KEY, makeClient, makeTempDir, recorded, rejection, startTestEmulator, writeTempFile } from './clientHarness';

describe('ApiAudioClient secrets (whole client suite)', () => {
  it('never logs or throws the API key or presigned-URL secrets', async () => {
    // Exercise the paths that handle presigned URLs and failures, so this file is
    // meaningful on its own too.
    const emulator = await startTestEmulator();
    const dir = await makeTempDir();
    try {
      const { client } = makeClient(emulator, { maxRetries: 1 });
      const { client: wrongKey } = makeClient(emulator, { apiKey: OTHER_KEY });
      const file = await writeTempFile(dir, 'secret-test.mp3', randomBytes(50_000));
      const { mediaId } = await client.upload(file);
      await client.download(mediaId, dir, { onConflict: 'rename' });
      const url = await client.getDownloadUrl(mediaId);
      await rejection(client.download(url.replace(/Signature=[^&]+/, 'Signature=Zm9v'), dir));
      emulator.control.expireUrlsNow();
      await rejection(client.download(url, dir));
      emulator.control.dropConnectionAfter(1_000, { method: 'GET', count: 2 });
      await rejection(client.download(mediaId, dir, { onConflict: 'rename' }));
      await rejection(wrongKey.listMedia());
      // A 400 whose body echoes the key and a signed URL back.
      const echoedSignature = randomBytes(20).toString('hex');
      const echoedCredential = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
      recorded.secrets.add(echoedSignature).add(echoedCredential);
      const echo = `bad request from ${TEST_KEY}: https://b.s3.amazonaws.com/k.mp3?X-Amz-Credential=${echoedCredential}%2F20240101&X-Amz-Signature=${echoedSignature}`;
      emulator.control.failNext(1, 400, { path: '/file/customaudio', body: JSON.stringify({ message: echo, Message: echo }) });
      const echoError = await rejection(client.listMedia());
      assert.match(echoError.message, /refused.*400/);
      // Storage echoing the signature, credential and a security token in <Message> and
      // <StringToSign>; a signature in the URL path; a secret in a server-chosen file name.
      const token = `IQoJb3JpZ2luX2Vj${randomBytes(30).toString('base64url')}`;
      recorded.secrets.add(token);
      emulator.control.objectHostile('echo-403');
      await rejection(client.download(`${url}&X-Amz-Security-Token=${encodeURIComponent(token)}`, dir));
      emulator.control.objectHostile('echo-403');
      await rejection(client.download(url, dir));
      const pathSignature = randomBytes(20).toString('hex');
      recorded.secrets.add(pathSignature);
      await rejection(client.download(`${emulator.url}/s3/nowhere/${pathSignature}/x.mp3`, dir));
      const nameSecret = randomBytes(16).toString('hex');
      recorded.secrets.add(nameSecret);
      await fs.writeFile(`${dir}/${nameSecret}.mp3`, 'taken');
      const fresh = await client.getDownloadUrl(mediaId);
      const named = fresh.replace(/\/[^/?]+\?/, `/${nameSecret}.mp3?`).replace('?', `?Token=${nameSecret}&`);
      await rejection(client.download(named, dir, { onConflict: 'fail' }));
    } finally {
      await emulator.close();
      await fs.rm(dir, { recursive: true, force: true });
    }

    const texts = [...recorded.logLines, ...recorded.errorMessages];
    const secrets = [TEST_KEY, OTHER_KEY, ...recorded.secrets];
    assert.ok(recorded.secrets.size >= 3, 'presigned-URL secrets must have been seen');
    assert.ok(
      recorded.logLines.some((line) => /Signature=REDACTED/.test(line)),
      'presigned URLs must have been logged (redacted) for this check to mean anything',
    );
    assert.ok(recorded.errorMessages.length > 0);
    for (const text of texts) {
      for (const secret of secrets) {
        assert.equal(text.includes(secret) || text.includes(encodeURIComponent(secret)), false, `secret leaked in: ${text.slice(0, 200)}`);
      }
      assert.doesNotMatch(text, /(Signature|AWSAccessKeyId|x-amz-security-token|X-Amz-Credential)(=|%3D)(?!REDACTED)[^&\s]/i);
    }
  });
});
