// The clients' messages a person reads, in the display language: built by the api layer
// with @vscode/l10n, filled with the same cleaned and redacted values as in English, while
// the log's own words stay English. Real sockets against the emulator, the real German bundle.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { InvalidInputError, NetworkError, REDACTED, ServerError, validateApiKeyFormat } from '../../src/api';
import { useDisplayLanguage } from '../../src/api/l10n';
import { TEST_KEY, useClientSuite, writeTempFile } from './clientHarness';

const LIST_PATH = '/file/customaudio';
const GERMAN = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;

function useGerman(): void {
  useDisplayLanguage({ language: 'de', bundle: GERMAN });
}

/** A port nothing listens on (a server is opened there, then closed). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('client messages in the display language', function () {
  this.timeout(30_000);
  const env = useClientSuite();

  afterEach(() => {
    useDisplayLanguage({ language: 'en', bundle: undefined });
    l10n.config({ contents: {} });
  });

  it('quotes a server error in German with the key redacted; the log keeps its English words', async () => {
    useGerman();
    const { client, logger } = env.makeClient(env.emulator, { maxRetries: 1 });
    env.emulator.control.failNext(2, 503, { path: LIST_PATH, body: JSON.stringify({ message: `busy for ${TEST_KEY}` }) });
    const error = await env.rejection(client.listMedia());
    assert.ok(error instanceof ServerError, String(error));
    assert.equal(error.message, `Bei api.audio ist ein Serverfehler aufgetreten (503): busy for ${REDACTED}. Versuchen Sie es später erneut.`);
    const retry = logger.lines.find((line) => line.message.includes(': retry 1 of 1 in '));
    assert.ok(retry, `the retry is logged in English:\n${logger.text()}`);
  });

  it('names the service address in German in a network failure (the service words are read when the message is built)', async () => {
    const port = await closedPort();
    useGerman();
    const { client } = env.makeClient({ url: `http://127.0.0.1:${port}` }, { maxRetries: 0 });
    const error = await env.rejection(client.listMedia());
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(
      error.message,
      `Keine Verbindung zu 127.0.0.1:${port} möglich: die Verbindung wurde abgelehnt (ECONNREFUSED). Prüfen Sie Ihre Netzwerk- und Proxy-Einstellungen sowie die Basis-URL von api.audio (apiAudio.baseUrl).`,
    );
  });

  it('refuses bad input in German, one whole sentence per case', async () => {
    useGerman();
    assert.equal(
      validateApiKeyFormat('short'),
      'Der API-Schlüssel ist zu kurz: api.audio-Schlüssel haben mindestens 32 Zeichen, dieser hat 5.',
    );
    const { client } = env.makeFilesClient(env.emulator);
    const folder = await env.rejection(client.createFolder('  '));
    assert.ok(folder instanceof InvalidInputError, String(folder));
    assert.equal(folder.message, 'Geben Sie einen Ordnernamen ein.');
    const file = await env.rejection(client.renameFile('f-1', 'a/b.wav'));
    assert.equal(file.message, 'Ein Dateiname darf weder "/" noch "\\" enthalten.');
    const text = await writeTempFile(env.dir, 'notes.txt', Buffer.from('not audio'));
    const upload = await env.rejection(client.upload(text));
    assert.equal(
      upload.message,
      '"notes.txt" kann nicht hochgeladen werden: AudioStack akzeptiert nur Dateien im Format .wav, .mp3, .m4a, .aac, .flac und .ogg, nicht .txt.',
    );
    const missing = await env.rejection(client.upload(path.join(env.dir, 'gone.wav')));
    assert.equal(missing.message, `"${path.join(env.dir, 'gone.wav')}" kann nicht hochgeladen werden: die Datei existiert nicht.`);
  });

  it('says in German, with German digit grouping, that storage sent fewer bytes than AudioStack’s size', async () => {
    const fileId = env.emulator.control.files.addFile({ fileName: 'kurz.mp3', bytes: Buffer.alloc(2000, 7) });
    env.emulator.control.serveShortObject(1000, { chunked: true });
    useGerman();
    const { client } = env.makeFilesClient(env.emulator);
    const error = await env.rejection(client.download(fileId, env.dir));
    assert.match(error.message, /^127\.0\.0\.1:\d+ hat 1\.000 Byte von kurz\.mp3 gesendet, aber laut AudioStack hat die Datei 2\.000 Byte; es wurde nichts gespeichert\. Versuchen Sie es erneut\.$/);
  });

  it('speaks English again, byte for byte, without a bundle', async () => {
    useGerman();
    useDisplayLanguage({ language: 'en', bundle: undefined });
    l10n.config({ contents: {} });
    const { client } = env.makeClient(env.emulator, { maxRetries: 0 });
    env.emulator.control.failNext(1, 503, { path: LIST_PATH, body: JSON.stringify({ message: 'busy' }) });
    const error = await env.rejection(client.listMedia());
    assert.equal(error.message, 'api.audio had a server error (503): busy. Try again later.');
    assert.equal(validateApiKeyFormat(''), 'Enter an api.audio API key.');
  });
});
