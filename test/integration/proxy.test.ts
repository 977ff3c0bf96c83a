// Requests honour VS Code's proxy settings. VS Code's extension host
// patches node:http(s).request (@vscode/proxy-agent); the client calls exactly those, with
// no agent of its own, so `http.proxy` applies to API calls and to transfers alike.
//
// What we found: the proxy agent never proxies the loopback names it knows (`localhost`,
// 127.0.0.1, ::1 and ::ffff:127.0.0.1 are always DIRECT, whatever `http.noProxy` says),
// and the extension allows plain http only for loopback base URLs. Another loopback
// address, 127.0.0.2, satisfies both: it is proxied, and plain http is allowed. So the
// emulator listens there (Linux routes all of 127/8 to lo; the test skips where it cannot
// listen). With `http.proxySupport: override` (the default) any agent a request passes
// is replaced by VS Code's, which is why the client passes none and detects a dropped
// body on the response itself.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/extension';
import { startEmulator, type RunningEmulator } from '../emulator';
import { startForwardProxy, type ForwardProxy } from './forwardProxy';
import { TEST_KEY, activateExtension, connect, resetExtension, stubHuman } from './helpers';

/** A loopback address VS Code's proxy agent does not special-case. */
const PROXIED_LOOPBACK = '127.0.0.2';

describe('Proxy: VS Code http.proxy carries API calls and transfers', function () {
  this.timeout(60_000);
  let hooks: TestHooks;
  let emulator: RunningEmulator | undefined;
  let proxy: ForwardProxy | undefined;
  let sandbox: sinon.SinonSandbox;
  let dir: string;
  const httpConfig = () => vscode.workspace.getConfiguration('http');

  before(async function () {
    hooks = await activateExtension();
    try {
      emulator = await startEmulator({ apiKeys: [TEST_KEY], host: PROXIED_LOOPBACK });
    } catch {
      this.skip();
      return;
    }
    proxy = await startForwardProxy();
    await httpConfig().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    assert.notEqual(httpConfig().get('proxySupport'), 'off', 'proxy support must be on for this test');
  });

  beforeEach(async () => {
    sandbox = sinon.createSandbox();
    stubHuman(sandbox);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apiaudio-proxy-'));
    await connect(hooks, emulator!.url);
    emulator!.control.reset();
    proxy!.requests.length = 0;
  });

  afterEach(async () => {
    sandbox.restore();
    fs.rmSync(dir, { recursive: true, force: true });
    await resetExtension(hooks);
  });

  after(async () => {
    if (httpConfig().inspect('proxy')?.globalValue !== undefined) {
      await httpConfig().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    }
    await emulator?.close();
    await proxy?.close();
  });

  it('the media listing is requested through the proxy', async () => {
    await hooks.services.library.refresh();
    const listing = proxy!.requests.filter((r) => r.method === 'GET' && r.target.startsWith(`${emulator!.url}/file/customaudio`));
    assert.ok(listing.length >= 1, `the proxy saw: ${JSON.stringify(proxy!.requests)}`);
    const api = emulator!.control.requests.filter((r) => r.path.startsWith('/file/customaudio'));
    assert.ok(api.length >= 1);
    for (const request of api) assert.equal(request.headers['x-test-proxy'], '1', `${request.method} ${request.path} bypassed the proxy`);
  });

  it('an upload and a download go through the proxy, byte for byte', async () => {
    const { client } = await hooks.services.clients.connect();
    const bytes = randomBytes(300_000);
    const file = path.join(dir, 'through-proxy.mp3');
    fs.writeFileSync(file, bytes);
    const { mediaId } = await client.upload(file);
    const into = path.join(dir, 'downloads');
    fs.mkdirSync(into);
    const saved = await client.download(mediaId, into);
    assert.ok(fs.readFileSync(saved).equals(bytes));
    const objects = emulator!.control.requests.filter((r) => r.path.startsWith('/s3/'));
    assert.deepEqual(objects.map((r) => r.method).sort(), ['GET', 'PUT']);
    for (const request of emulator!.control.requests) assert.equal(request.headers['x-test-proxy'], '1', `${request.method} ${request.path} bypassed the proxy`);
    assert.ok(proxy!.requests.some((r) => r.method === 'PUT' && r.target.includes('/s3/')));
    assert.ok(proxy!.requests.some((r) => r.method === 'GET' && r.target.includes('/s3/')));
  });

  it('a download dropped half-way through the proxy is detected at once and resumed there', async () => {
    const { client } = await hooks.services.clients.connect();
    const bytes = randomBytes(600_000);
    const mediaId = emulator!.control.addMedia({ filename: 'dropped-via-proxy.mp3', bytes });
    emulator!.control.dropConnectionAfter(200_000, { method: 'GET' });
    const started = Date.now();
    const saved = await client.download(mediaId, dir);
    assert.ok(Date.now() - started < 10_000, 'the drop must be noticed, not waited out');
    assert.ok(fs.readFileSync(saved).equals(bytes));
    const gets = emulator!.control.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/s3/'));
    assert.equal(gets.length, 2);
    assert.match(String(gets[1].headers.range), /^bytes=\d+-$/);
    for (const request of gets) assert.equal(request.headers['x-test-proxy'], '1');
  });
});
