// Runs the integration suite inside a real VS Code extension host, offline: VS Code's
// server build (code-server) serves the workbench, Debian's Chromium (driven through
// playwright-core) opens it with the extension in development mode, and the workbench
// reports the suite's result through `codeAutomationExit`.
//
// Environment: APIAUDIO_TEST_TIMEOUT_MS (whole run, default 900000), CHROMIUM_PATH
// (default /usr/bin/chromium), APIAUDIO_TEST_GREP (mocha --grep inside the host).
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CODE_SERVER_VERSION, startCodeServer, workbenchUrl } from './codeServer.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const suiteIndex = join(repoRoot, 'out', 'test', 'integration', 'index.js');
const timeoutMs = Number(process.env.APIAUDIO_TEST_TIMEOUT_MS ?? 900_000);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function main() {
  if (!existsSync(suiteIndex)) {
    throw new Error(`${suiteIndex} is missing: run "npm run build:tests" first.`);
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath} (Debian: apt-get install chromium).`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'apiaudio-itest-'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const env = { ...process.env, APIAUDIO_TEST_SCRATCH: scratch };
  // The suite decides the key source itself; an inherited key would make it nondeterministic.
  delete env.apiaudio_key;
  delete env.aflr_key;

  let server;
  let browser;
  let exitCode = 1;
  const stopAll = async () => {
    await browser?.close().catch(() => {});
    server?.stop();
    rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

  try {
    server = await startCodeServer({ repoRoot, scratch, workspace, env });
    console.log(`[vscode] code-server ${CODE_SERVER_VERSION} on 127.0.0.1:${server.port}; workspace ${workspace}`);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [...CHROMIUM_ARGS],
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

    const url = workbenchUrl({ port: server.port, repoRoot, workspace, extensionTestsPath: suiteIndex });
    await page.goto(url);

    const timedOut = new Promise((resolveExit) =>
      setTimeout(() => {
        console.error(`[vscode] the run did not finish within ${timeoutMs} ms`);
        resolveExit(124);
      }, timeoutMs).unref(),
    );
    const serverDied = new Promise((resolveExit) =>
      server.child.once('exit', (code) => {
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
      if (server) {
        console.error('[vscode] code-server log:\n' + server.log.join('').split('\n').slice(-60).join('\n'));
      }
      const exthostLog = server && findExtHostLog(server.userDataDir);
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
