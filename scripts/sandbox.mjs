// `npm start`: try the extension without an api.audio account. Starts the local api.audio
// emulator (seeded demo library) and VS Code's server build with the packaged .vsix
// installed (as a user would install it), then prints the address to open in a browser,
// first. Ctrl+C stops both.
//
// Environment: PORT (workbench port, default a free one), APIAUDIO_SANDBOX_DIR (where the
// emulator keeps its files between runs, default .vscode-test/sandbox).
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_VERSION, VSCODE_VERSION, startCodeServer, workbenchUrl } from '../test/vscode/codeServer.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const emulatorModule = join(repoRoot, 'out', 'test', 'emulator', 'index.js');
if (!existsSync(emulatorModule)) {
  console.error('The emulator is not built: run "npm run build:tests" (npm start does this for you).');
  process.exit(1);
}
const { startEmulator, makeWavTone, makeSilentMp3 } = require(emulatorModule);
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const vsix = join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
if (!existsSync(vsix)) {
  console.error(`${vsix} is missing: run "npm run package" (npm start does this for you).`);
  process.exit(1);
}

const DEMO_KEY = 'sandbox-demo-key-0123456789abcdef0123';
const sandboxDir = resolve(process.env.APIAUDIO_SANDBOX_DIR ?? join(repoRoot, '.vscode-test', 'sandbox'));
const workspace = join(sandboxDir, 'workspace');
mkdirSync(join(sandboxDir, 'emulator-data'), { recursive: true });
if (!existsSync(workspace)) {
  cpSync(join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  // Something to upload: right-click these in the Explorer.
  writeFileSync(join(workspace, 'demo-tone.wav'), makeWavTone(440, 1500));
  writeFileSync(join(workspace, 'demo-silence.mp3'), makeSilentMp3(60));
}

const emulator = await startEmulator({ apiKeys: [DEMO_KEY], dataDir: join(sandboxDir, 'emulator-data') });
let server;
const shutdown = async (code) => {
  server?.stop();
  await emulator.close().catch(() => {});
  process.exit(code);
};
process.once('exit', () => server?.stop());
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

try {
  server = await startCodeServer({
    repoRoot,
    scratch: join(sandboxDir, 'code-server'),
    workspace,
    port: Number(process.env.PORT) || undefined,
    installExtensions: [vsix],
    // apiAudio.baseUrl is machine-scoped: a code-server window reads it from the remote
    // machine's settings, not from the browser-side User settings.
    machineSettings: { 'apiAudio.baseUrl': emulator.url, 'apiAudio.filesBaseUrl': emulator.url },
    // The demo key reaches the extension the way the SDK's does: the apiaudio_key variable.
    env: { ...process.env, apiaudio_key: DEMO_KEY },
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}
server.child.once('exit', (code) => {
  console.error(`code-server stopped (${code}).`);
  void shutdown(code ?? 1);
});

// The workbench address first: it is what to open.
console.log(`\n  ${workbenchUrl({ port: server.port, workspace })}\n`);
console.log(`Open that address in a browser: VS Code ${VSCODE_VERSION} (code-server ${CODE_SERVER_VERSION}) with ${manifest.name}-${manifest.version}.vsix installed.`);
console.log(`The local api.audio emulator answers on ${emulator.url} (demo key ${DEMO_KEY}). Ctrl+C stops the sandbox.`);
