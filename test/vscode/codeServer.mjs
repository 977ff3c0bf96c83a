// Installs VS Code's server build (the npm package `code-server`) into a git-ignored cache,
// once and idempotently, without any download outside the npm registry. code-server's own
// postinstall cannot run here (a root check, then a ripgrep download), so the steps it would
// take are done by hand: native modules rebuilt, Debian's ripgrep copied in.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, writeFileSync, copyFileSync, symlinkSync, chmodSync, lstatSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

/**
 * Headless Debian Chromium on a closed network: no background lookups (refused here, many
 * at a time), no GPU, no sandbox (CI runs as root).
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]);
/** The VS Code release that code-server version ships. */
export const VSCODE_VERSION = '1.100.3';

function run(cmd, args, cwd, extraEnv = {}) {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...extraEnv } });
}

function findRipgrep() {
  return ['/usr/bin/rg', '/usr/local/bin/rg'].find((candidate) => existsSync(candidate));
}

/** Returns the path of code-server's entry script, installing it first when needed. */
export function ensureCodeServer(cacheRoot) {
  const home = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
  const pkgDir = join(home, 'node_modules', 'code-server');
  const vscodeDir = join(pkgDir, 'lib', 'vscode');
  const entry = join(pkgDir, 'out', 'node', 'entry.js');
  const marker = join(home, '.ready');
  if (existsSync(marker) && existsSync(entry)) return entry;

  console.log(`[code-server] installing ${CODE_SERVER_VERSION} into ${home} (once)…`);
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }) + '\n');
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  run('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', ...quiet], home);
  run('npm', ['rebuild', 'argon2', '--loglevel=error'], home);
  run('npm', ['install', '--omit=dev', '--ignore-scripts', ...quiet], vscodeDir);
  run(
    'npm',
    ['rebuild', 'node-pty', '@vscode/spdlog', 'native-watchdog', '@vscode/deviceid', '@parcel/watcher', '--loglevel=error'],
    vscodeDir,
    { npm_config_yes: 'true' },
  );
  const rgDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  const rg = findRipgrep();
  if (rg) {
    mkdirSync(rgDir, { recursive: true });
    copyFileSync(rg, join(rgDir, 'rg'));
    chmodSync(join(rgDir, 'rg'), 0o755);
  } else {
    // VS Code runs without it; only workspace search is missing. Install it and delete
    // .vscode-test/code-server-* to get it.
    console.warn('[code-server] ripgrep not found (Debian: apt-get install ripgrep): search will not work.');
  }
  const asar = join(vscodeDir, 'node_modules.asar');
  if (!isLink(asar)) symlinkSync('node_modules', asar);
  run('npm', ['install', '--omit=dev', '--ignore-scripts', ...quiet], join(vscodeDir, 'extensions'));
  writeFileSync(marker, new Date().toISOString() + '\n');
  console.log('[code-server] ready');
  return entry;
}

function isLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const QUIET_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

/**
 * Where a code-server window reads settings. The browser window is a *remote* window:
 * `User/settings.json` holds the user's settings, but VS Code applies settings whose
 * scope is `machine` only from the remote machine's file, `Machine/settings.json` under
 * the same user-data folder (VS Code's server: `<user-data-dir>/Machine/settings.json`).
 */
export function settingsFiles(userDataDir) {
  return { user: join(userDataDir, 'User', 'settings.json'), machine: join(userDataDir, 'Machine', 'settings.json') };
}

/**
 * Lets VS Code's server take `language` as the display language on a machine with no
 * marketplace: VS Code resolves a language only when a language pack for it is installed,
 * and otherwise runs in English whatever `--locale` says (vscode.env.language stays "en",
 * package.nls.<language>.json and l10n/bundle.l10n.<language>.json are never read). This
 * records, in VS Code's own list of installed packs (`<user-data-dir>/languagepacks.json`,
 * written when a pack is installed; VS Code 1.100), a pack whose core translations are
 * empty: VS Code's own words stay English, the extension's follow `language`.
 */
export function registerEmptyLanguagePack(userDataDir, language) {
  const core = join(userDataDir, `empty-language-pack.${language}.json`);
  writeFileSync(core, JSON.stringify({ version: '1.0.0', contents: {} }));
  const packs = {
    [language]: {
      hash: `empty-${language}-1`,
      label: language,
      extensions: [{ extensionIdentifier: { id: `apiaudio-test.empty-language-pack-${language}` }, version: '1.0.0' }],
      translations: { vscode: core },
    },
  };
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
}

/**
 * Starts code-server on a free loopback port with its own user-data and extensions
 * folders under `scratch`, `workspace` open, `userSettings` on top of quiet defaults and
 * `machineSettings` in the remote machine's settings (where `machine`-scoped settings
 * such as `apiAudio.baseUrl` take effect). `installExtensions` (paths of .vsix files) are
 * installed first with code-server's `--install-extension`, as a user would.
 * `displayLanguage` (a VS Code language id such as "de") is the window's display language
 * (registerEmptyLanguagePack, `--locale`). Resolves
 * once it listens. `stop()` ends its whole process group.
 */
export async function startCodeServer({
  repoRoot,
  scratch,
  workspace,
  userSettings = {},
  machineSettings = {},
  installExtensions = [],
  env = process.env,
  port: wantedPort,
  displayLanguage,
}) {
  const entry = ensureCodeServer(join(repoRoot, '.vscode-test'));
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');
  const files = settingsFiles(userDataDir);
  mkdirSync(dirname(files.user), { recursive: true });
  mkdirSync(dirname(files.machine), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(files.user, JSON.stringify({ ...QUIET_USER_SETTINGS, ...userSettings }, null, 2));
  writeFileSync(files.machine, JSON.stringify(machineSettings, null, 2));
  const localeArgs = [];
  if (displayLanguage && !displayLanguage.toLowerCase().startsWith('en')) {
    registerEmptyLanguagePack(userDataDir, displayLanguage);
    localeArgs.push('--locale', displayLanguage);
  }
  const configFile = join(scratch, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const port = wantedPort || (await freePort());
  // No gallery: the machine is offline and the lookups only add noise.
  const childEnv = { ...env, EXTENSIONS_GALLERY: '{}' };
  for (const name of Object.keys(childEnv)) {
    if (/^(VSCODE_.*|ELECTRON_.*)$/i.test(name)) delete childEnv[name];
  }
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  for (const vsix of installExtensions) {
    execFileSync(process.execPath, [entry, ...common, '--force', '--install-extension', vsix], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  const log = [];
  const child = spawn(
    process.execPath,
    [
      entry,
      ...common,
      ...localeArgs,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      workspace,
    ],
    { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  };
  await waitForListening(child, log);
  return { child, port, log, userDataDir, extensionsDir, settings: files, stop };
}

/**
 * The workbench URL that opens `workspace`; with `repoRoot`, this repository is loaded as a
 * development extension (and `extensionTestsPath` runs in it).
 */
export function workbenchUrl({ port, repoRoot, workspace, extensionTestsPath }) {
  if (!repoRoot) return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  const remote = `vscode-remote://127.0.0.1:${port}`;
  const payload = [['extensionDevelopmentPath', `${remote}${repoRoot}`]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', `${remote}${extensionTestsPath}`]);
  return (
    `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`
  );
}

function waitForListening(child, log) {
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not start within 60 s')), 60_000);
    child.stdout.on('data', (chunk) => {
      log.push(chunk.toString());
      if (/HTTP server listening on/.test(chunk.toString())) {
        clearTimeout(timer);
        resolveReady();
      }
    });
    child.stderr.on('data', (chunk) => log.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early with code ${code}:\n${log.join('').slice(-2000)}`));
    });
  });
}
