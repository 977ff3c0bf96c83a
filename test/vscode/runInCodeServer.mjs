// Runs the integration suite inside a real VS Code extension host, offline: VS Code's
// server build (code-server) serves the workbench, Debian's Chromium (driven through
// playwright-core) opens it with the extension in development mode, and the workbench
// reports the suite's result through `codeAutomationExit`.
//
// Environment: APIAUDIO_TEST_TIMEOUT_MS (whole run, default 900000), CHROMIUM_PATH
// (default /usr/bin/chromium), APIAUDIO_TEST_GREP (mocha --grep inside the host).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { ensureCodeServer, CODE_SERVER_VERSION } from './codeServer.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const suiteIndex = join(repoRoot, 'out', 'test', 'integration', 'index.js');
const timeoutMs = Number(process.env.APIAUDIO_TEST_TIMEOUT_MS ?? 900_000);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function waitForListening(child, log) {
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not start within 60 s')), 60_000);
    const onData = (chunk) => {
      log.push(chunk.toString());
      if (/HTTP server listening on/.test(chunk.toString())) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => log.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early with code ${code}`));
    });
  });
}

async function main() {
  if (!existsSync(suiteIndex)) {
    throw new Error(`${suiteIndex} is missing: run "npm run build:tests" first.`);
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath} (Debian: apt-get install chromium).`);
  }
  const entry = ensureCodeServer(join(repoRoot, '.vscode-test'));

  const scratch = mkdtempSync(join(tmpdir(), 'apiaudio-itest-'));
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');
  const workspace = join(scratch, 'workspace');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  cpSync(join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
      },
      null,
      2,
    ),
  );
  const configFile = join(scratch, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');

  const port = await freePort();
  // No gallery: the machine is offline and the lookups only add noise.
  const env = { ...process.env, APIAUDIO_TEST_SCRATCH: scratch, EXTENSIONS_GALLERY: '{}' };
  // The suite decides the key source itself; an inherited key would make it nondeterministic.
  for (const name of Object.keys(env)) {
    if (/^(apiaudio_key|aflr_key|VSCODE_.*|ELECTRON_.*)$/i.test(name)) delete env[name];
  }
  const serverLog = [];
  const server = spawn(
    process.execPath,
    [
      entry,
      '--config', configFile,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      workspace,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );

  let browser;
  let exitCode = 1;
  const stopAll = async () => {
    await browser?.close().catch(() => {});
    if (server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

  try {
    await waitForListening(server, serverLog);
    console.log(`[vscode] code-server ${CODE_SERVER_VERSION} on 127.0.0.1:${port}; workspace ${workspace}`);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let settle;
    const finished = new Promise((resolveExit) => (settle = resolveExit));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The workbench forwards console calls as (type, [format, ...values]).
      const text = Array.isArray(args) ? format(...args) : String(args ?? '');
      (type === 'error' ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : text + '\n');
    });
    await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
    page.on('pageerror', (error) => console.error(`[workbench] page error: ${error.message}`));

    const remote = `vscode-remote://127.0.0.1:${port}`;
    const payload = [
      ['extensionDevelopmentPath', `${remote}${repoRoot}`],
      ['extensionTestsPath', `${remote}${suiteIndex}`],
    ];
    const url =
      `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}` +
      `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);

    const timedOut = new Promise((resolveExit) =>
      setTimeout(() => {
        console.error(`[vscode] the run did not finish within ${timeoutMs} ms`);
        resolveExit(124);
      }, timeoutMs).unref(),
    );
    const serverDied = new Promise((resolveExit) =>
      server.once('exit', (code) => {
        console.error(`[vscode] code-server exited (${code}) before the suite finished`);
        resolveExit(1);
      }),
    );
    exitCode = await Promise.race([finished, timedOut, serverDied]);
    if (exitCode !== 0 && process.env.APIAUDIO_TEST_SCREENSHOT) {
      await page.screenshot({ path: process.env.APIAUDIO_TEST_SCREENSHOT }).catch(() => {});
    }
  } catch (error) {
    console.error(`[vscode] ${error instanceof Error ? error.message : error}`);
    exitCode = 1;
  } finally {
    if (exitCode !== 0) {
      console.error('[vscode] code-server log:\n' + serverLog.join('').split('\n').slice(-60).join('\n'));
      const exthostLog = findExtHostLog(userDataDir);
      if (exthostLog) console.error('[vscode] extension host log (tail):\n' + exthostLog);
    }
    await stopAll();
  }
  console.log(`[vscode] integration suite exit code ${exitCode}`);
  process.exit(exitCode);
}

function findExtHostLog(userDataDir) {
  try {
    const logsRoot = join(userDataDir, 'logs');
    const stack = [logsRoot];
    while (stack.length) {
      const dir = stack.pop();
      for (const entry of readdirSyncSafe(dir)) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) stack.push(full);
        else if (entry.name === 'remoteexthost.log' || entry.name === 'exthost.log') {
          return readFileSync(full, 'utf8').split('\n').slice(-40).join('\n');
        }
      }
    }
  } catch {
    /* no log to show */
  }
  return undefined;
}

function readdirSyncSafe(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
