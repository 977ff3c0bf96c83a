// A storage link or storage redirect that carries a user name or password is never used
// (Node would send them to storage as `Authorization: Basic`, and a server can put the API
// key there) and never handed to a person: the same rule for both services, proved against
// the emulator over real sockets, for upload links, download links, copied links and
// redirects.

import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { BadResponseError } from '../../src/api';
import { makeWavTone } from '../emulator';
import { TEST_KEY, useClientSuite, writeTempFile, type ClientSuite } from './clientHarness';

/** What each service does with one link, in the words of a test. */
interface Service {
  name: 'api.audio' | 'AudioStack';
  upload(env: ClientSuite, file: string): Promise<unknown>;
  /** Downloads a stored file into env.dir. */
  download(env: ClientSuite): Promise<unknown>;
  /** The link a person would copy. */
  copyLink(env: ClientSuite): Promise<string>;
}

const SERVICES: Service[] = [
  {
    name: 'api.audio',
    upload: (env, file) => env.makeClient(env.emulator).client.upload(file),
    download: (env) => env.makeClient(env.emulator).client.download(env.emulator.control.addMedia({ filename: 'linked.mp3' }), env.dir),
    copyLink: (env) => env.makeClient(env.emulator).client.getDownloadUrl(env.emulator.control.addMedia({ filename: 'linked.mp3' })),
  },
  {
    name: 'AudioStack',
    upload: (env, file) => env.makeFilesClient(env.emulator).client.upload(file),
    download: (env) => env.makeFilesClient(env.emulator).client.download(env.emulator.control.files.addFile({ fileName: 'linked.wav' }), env.dir),
    copyLink: async (env) => {
      const client = env.makeFilesClient(env.emulator).client;
      const file = await client.getFile(env.emulator.control.files.addFile({ fileName: 'linked.wav' }));
      return client.checkDownloadLink(file.url ?? '');
    },
  },
];

describe('storage links with a user name or password', function () {
  this.timeout(30_000);
  const env = useClientSuite({ filesProcessingMs: 50 });
  const storageRequests = () => env.emulator.control.requests.filter((request) => request.path.startsWith('/s3/'));
  const withCredentials = () => storageRequests().filter((request) => request.headers.authorization !== undefined);

  for (const service of SERVICES) {
    describe(service.name, () => {
      it('an upload link carrying the key is not used: nothing reaches storage, a clear message', async () => {
        env.secrets.add(TEST_KEY);
        const file = await writeTempFile(env.dir, 'take.mp3', makeWavTone(440, 200));
        env.emulator.control.userInfoInLinks(`user:${TEST_KEY}`);
        const error = await env.rejection(service.upload(env, file));
        assert.ok(error instanceof BadResponseError, String(error));
        assert.match(error.message, new RegExp(`^${service.name.replace('.', '\\.')} gave an upload link that carries a user name or password\\. It was not used, so nothing was sent to 127\\.0\\.0\\.1:\\d+\\.`));
        assert.doesNotMatch(error.message, new RegExp(TEST_KEY));
        assert.deepEqual(storageRequests(), [], 'no request went to storage');
      });

      it('a download link carrying the key is not used, and nothing is written', async () => {
        env.secrets.add(TEST_KEY);
        env.emulator.control.userInfoInLinks(`${TEST_KEY}:x`, 5);
        const error = await env.rejection(service.download(env));
        assert.ok(error instanceof BadResponseError, String(error));
        assert.match(error.message, /gave a download link that carries a user name or password\. It was not used/);
        assert.deepEqual(storageRequests(), []);
        assert.deepEqual(await fs.readdir(env.dir), []);
      });

      it('a download link carrying credentials is not handed to a person either (Copy link)', async () => {
        env.emulator.control.userInfoInLinks('admin:hunter2-storage-password', 5);
        env.secrets.add('hunter2-storage-password');
        const error = await env.rejection(service.copyLink(env));
        assert.ok(error instanceof BadResponseError, String(error));
        assert.match(error.message, /gave a download link that carries a user name or password/);
        assert.doesNotMatch(error.message, /hunter2/);
      });

      it('a storage redirect to an address with the key in it is not followed', async () => {
        env.secrets.add(TEST_KEY);
        env.emulator.control.userInfoInRedirect(`user:${TEST_KEY}`);
        const error = await env.rejection(service.download(env));
        assert.ok(error instanceof BadResponseError, String(error));
        assert.match(error.message, /^Storage redirected the download to an address that carries a user name or password \(127\.0\.0\.1:\d+\); it was not followed\.$/);
        assert.equal(storageRequests().length, 1, 'only the first GET, which the redirect answered');
        assert.deepEqual(withCredentials(), [], 'storage never saw an Authorization header');
        assert.deepEqual(await fs.readdir(env.dir), []);
      });

      it('without the fault the same calls work (the refusal is about the credentials, nothing else)', async () => {
        assert.match(await service.copyLink(env), /^http:\/\/127\.0\.0\.1:\d+\/s3\//);
        await service.download(env);
        assert.equal((await fs.readdir(env.dir)).length, 1);
        assert.deepEqual(withCredentials(), []);
      });
    });
  }
});
