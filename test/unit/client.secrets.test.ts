// Secrets never reach a log line or an error message: the API key, and the signature,
// credential and token of presigned URLs, wherever a server echoes them (S3 XML errors, a
// URL's path, a server-chosen file name, a later message). Every client suite also checks
// this after each test (see useClientSuite); here the paths that handle secrets are
// exercised on purpose.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { BadRequestError, DestinationExistsError, PresignedUrlError, redact } from '../../src/api';
import { secretsOfUrl } from '../../src/api/redact';
import { OTHER_KEY, TEST_KEY, adHocServer, useClientSuite, writeTempFile } from './clientHarness';

describe('ApiAudioClient secrets', function () {
  this.timeout(30_000);
  const env = useClientSuite();
  const objectGets = () => env.emulator.control.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/s3/'));

  it('never logs or throws the API key or presigned-URL secrets on any path that handles them', async () => {
    const emulator = env.emulator;
    const dir = env.dir;
    const { client } = env.makeClient(emulator, { maxRetries: 1 });
    const { client: wrongKey } = env.makeClient(emulator, { apiKey: OTHER_KEY });
    const file = await writeTempFile(dir, 'secret-test.mp3', randomBytes(50_000));
    const { mediaId } = await client.upload(file);
    await client.download(mediaId, dir, { onConflict: 'rename' });
    const url = await client.getDownloadUrl(mediaId);
    await env.rejection(client.download(url.replace(/Signature=[^&]+/, 'Signature=Zm9v'), dir));
    emulator.control.expireUrlsNow();
    await env.rejection(client.download(url, dir));
    emulator.control.dropConnectionAfter(1_000, { method: 'GET', count: 2 });
    await env.rejection(client.download(mediaId, dir, { onConflict: 'rename' }));
    await env.rejection(wrongKey.listMedia());
    // A 400 whose body echoes the key and a signed URL back.
    const echoedSignature = randomBytes(20).toString('hex');
    const echoedCredential = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    env.secrets.add(echoedSignature).add(echoedCredential);
    const echo = `bad request from ${TEST_KEY}: https://b.s3.amazonaws.com/k.mp3?X-Amz-Credential=${echoedCredential}%2F20240101&X-Amz-Signature=${echoedSignature}`;
    emulator.control.failNext(1, 400, { path: '/file/customaudio', body: JSON.stringify({ message: echo, Message: echo }) });
    const echoError = await env.rejection(client.listMedia());
    assert.match(echoError.message, /refused.*400/);
    // Storage echoing the signature, credential and a security token in <Message> and
    // <StringToSign>; a signature in the URL path; a secret in a server-chosen file name.
    const token = `IQoJb3JpZ2luX2Vj${randomBytes(30).toString('base64url')}`;
    env.secrets.add(token);
    emulator.control.objectHostile('echo-403');
    await env.rejection(client.download(`${url}&X-Amz-Security-Token=${encodeURIComponent(token)}`, dir));
    emulator.control.objectHostile('echo-403');
    await env.rejection(client.download(url, dir));
    const pathSignature = randomBytes(20).toString('hex');
    env.secrets.add(pathSignature);
    await env.rejection(client.download(`${emulator.url}/s3/nowhere/${pathSignature}/x.mp3`, dir));
    const nameSecret = randomBytes(16).toString('hex');
    env.secrets.add(nameSecret);
    await fs.writeFile(`${dir}/${nameSecret}.mp3`, 'taken');
    const fresh = await client.getDownloadUrl(mediaId);
    const named = fresh.replace(/\/[^/?]+\?/, `/${nameSecret}.mp3?`).replace('?', `?Token=${nameSecret}&`);
    await env.rejection(client.download(named, dir, { onConflict: 'fail' }));

    const recording = env.recording;
    recording.harvest(emulator);
    assert.ok(recording.secrets.size >= 3, 'presigned-URL secrets must have been seen');
    assert.ok(
      recording.logLines.some((line) => /Signature=REDACTED/.test(line)),
      'presigned URLs must have been logged (redacted) for this check to mean anything',
    );
    assert.ok(recording.errorMessages.length > 0);
    assert.deepEqual(recording.leaks(), []);
  });

  it('the leak check finds a key or secret in a log line or an error, plain or percent-encoded', () => {
    const recording = env.recording;
    const secret = `s3cr3t/${randomBytes(8).toString('hex')}`;
    recording.secrets.add(secret);
    recording.logLines.push('clean line', `GET https://h/k?Signature=REDACTED&x=${encodeURIComponent(secret)}`);
    recording.errorMessages.push(`failed for ${TEST_KEY}`, 'https://h/k?X-Amz-Credential=AKIA123');
    assert.equal(recording.leaks().length, 3);
    recording.logLines.length = 0;
    recording.errorMessages.length = 0;
  });

  it('an S3 403 that quotes the signature in <Message> and <StringToSign> leaks nothing', async () => {
    const { client, logger } = env.makeClient(env.emulator, { maxRetries: 0 });
    const mediaId = env.emulator.control.addMedia({ filename: 'echo.mp3', bytes: randomBytes(1000) });
    const url = env.emulator.control.signUrl(mediaId);
    const signature = new URL(url).searchParams.get('Signature') ?? '';
    const access = new URL(url).searchParams.get('AWSAccessKeyId') ?? '';
    assert.ok(signature.length > 10 && access.length > 4);
    env.emulator.control.objectHostile('echo-403');
    const error = await env.rejection(client.download(url, env.dir));
    assert.ok(error instanceof PresignedUrlError, String(error));
    assert.match(error.message, /SignatureDoesNotMatch/);
    for (const text of [error.message, logger.text()]) {
      assert.equal(text.includes(signature), false, text);
      assert.equal(text.includes(encodeURIComponent(signature)), false, text);
      assert.equal(text.includes(access), false, text);
    }
  });

  it('a security token echoed in an XML message is redacted', async () => {
    const token = `IQoJb3JpZ2luX2VjE${randomBytes(40).toString('base64url')}`;
    env.secrets.add(token);
    const mediaId = env.emulator.control.addMedia({ filename: 'token.mp3', bytes: randomBytes(1000) });
    const url = `${env.emulator.control.signUrl(mediaId)}&X-Amz-Security-Token=${encodeURIComponent(token)}`;
    const { client, logger } = env.makeClient(env.emulator, { maxRetries: 0 });
    env.emulator.control.objectHostile('echo-403');
    const error = await env.rejection(client.download(url, env.dir));
    assert.ok(error instanceof PresignedUrlError);
    assert.equal(error.message.includes(token), false, error.message);
    assert.equal(logger.text().includes(token), false);
  });

  it('a signature the client has seen is redacted wherever it appears afterwards, not only in its query position', async () => {
    const { client, logger } = env.makeClient(env.emulator, { maxRetries: 0 });
    const mediaId = env.emulator.control.addMedia({ filename: 'path-signed.mp3', bytes: randomBytes(1000) });
    env.emulator.control.signatureInPath();
    const error = await env.rejection(client.download(mediaId, env.dir));
    assert.ok(error instanceof PresignedUrlError, String(error));
    const signature = objectGets()[0]?.query.Signature ?? '';
    assert.ok(signature.length >= 20, 'the env.emulator signed the link');
    env.secrets.add(signature);
    assert.match(logger.text(), /\/REDACTED-path-signed\.mp3\?.*Signature=REDACTED/, 'the link was logged, its path redacted');
    // Later text that quotes the signature (a server message about another request).
    env.emulator.control.failNext(1, 400, { path: '/file/customaudio/tags', body: JSON.stringify({ message: `Unknown signature ${signature}` }) });
    const later = await env.rejection(client.listTags());
    assert.match(later.message, /Unknown signature REDACTED/);
    for (const text of [error.message, later.message, logger.text()]) {
      assert.equal(text.includes(signature), false, text);
      assert.equal(text.includes(encodeURIComponent(signature)), false, text);
    }
  });

  it('a presigned URL whose path carries the signature is logged with the path segment redacted', async () => {
    const signature = `${randomBytes(24).toString('hex')}`;
    env.secrets.add(signature);
    const bytes = randomBytes(2_000);
    const server = await adHocServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': String(bytes.length), 'Content-Type': 'audio/mpeg' });
      res.end(bytes);
    });
    try {
      const { client, logger } = env.makeClient({ url: 'http://127.0.0.1:9' });
      await client.download(`${server.url}/sig/${signature}/path-signed.mp3`, env.dir);
      assert.match(logger.text(), /\/sig\/REDACTED\/path-signed\.mp3/);
      assert.equal(logger.text().includes(signature), false);
    } finally {
      await server.close();
    }
  });

  it('a file-exists error whose server-chosen name carries the signature does not quote it', async () => {
    const signature = `Sig${randomBytes(16).toString('hex')}`;
    env.secrets.add(signature);
    const server = await adHocServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': '3' });
      res.end('abc');
    });
    try {
      await fs.writeFile(path.join(env.dir, `${signature}.mp3`), 'existing');
      const { client } = env.makeClient({ url: 'http://127.0.0.1:9' });
      const error = await env.rejection(client.download(`${server.url}/b/${signature}.mp3?Signature=${signature}`, env.dir, { onConflict: 'fail' }));
      assert.ok(error instanceof DestinationExistsError, String(error));
      assert.match(error.message, /REDACTED\.mp3 already exists/);
      assert.equal(error.message.includes(signature), false);
      assert.equal(error.existingPath.includes(signature), false);
    } finally {
      await server.close();
    }
  });

  it('a long server message is redacted before it is cut (key straddling the cut)', async () => {
    const signature = randomBytes(20).toString('hex');
    env.secrets.add(signature);
    const message = `${'x'.repeat(480)}${TEST_KEY} and https://b.s3/k?X-Amz-Signature=${signature}`;
    env.emulator.control.failNext(1, 400, { path: '/file/customaudio', body: JSON.stringify({ message }) });
    const { client } = env.makeClient(env.emulator);
    const error = await env.rejection(client.listMedia());
    assert.ok(error instanceof BadRequestError, String(error));
    assert.doesNotMatch(error.message, new RegExp(TEST_KEY.slice(0, 16)));
    assert.match(error.message, /REDACTED/);
  });

  describe('redaction helpers', () => {
    it('redact removes long tokens anywhere and signature-like URL path segments, keeping UUIDs and names', () => {
      const token = 'A'.repeat(60) + 'b1'.repeat(40);
      assert.equal(redact(`token ${token} end`), 'token REDACTED end');
      const sig = 'a1B2c3D4e5F6g7H8i9J0k1L2m3';
      assert.equal(redact(`GET https://cdn.example/x/${sig}/song-01.mp3`), 'GET https://cdn.example/x/REDACTED/song-01.mp3');
      const uuid = '123e4567-e89b-12d3-a456-426614174000';
      assert.equal(redact(`https://h.example/${uuid}/file.mp3`), `https://h.example/${uuid}/file.mp3`);
    });

    it('secretsOfUrl lists the secret query values and path signatures of one URL, not ordinary values', () => {
      const sig = 'Zx9'.repeat(10);
      const secrets = secretsOfUrl(`https://b.example/p/${sig}/a.mp3?AWSAccessKeyId=AKIAEXAMPLE&Signature=abc%2Bdef&Expires=1700000000&X-Amz-Security-Token=tok-123456789012345&name=song`);
      assert.ok(secrets.includes('AKIAEXAMPLE'));
      assert.ok(secrets.includes('abc+def'));
      assert.ok(secrets.includes('tok-123456789012345'));
      assert.ok(secrets.includes(sig));
      assert.equal(secrets.includes('1700000000'), false);
      assert.equal(secrets.includes('song'), false);
    });
  });
});
