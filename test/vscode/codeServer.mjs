// Installs VS Code's server build (the npm package `code-server`) into a git-ignored cache,
// once and idempotently, without any download outside the npm registry. code-server's own
// postinstall cannot run here (a root check, then a ripgrep download), so the steps it would
// take are done by hand: native modules rebuilt, Debian's ripgrep copied in.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, copyFileSync, symlinkSync, chmodSync, lstatSync } from 'node:fs';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

function run(cmd, args, cwd, extraEnv = {}) {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...extraEnv } });
}

function findRipgrep() {
  for (const candidate of ['/usr/bin/rg', '/usr/local/bin/rg']) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('ripgrep is missing: install it first (Debian: apt-get install ripgrep).');
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
  mkdirSync(rgDir, { recursive: true });
  copyFileSync(findRipgrep(), join(rgDir, 'rg'));
  chmodSync(join(rgDir, 'rg'), 0o755);
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
