// `npm start`: try the extension without an api.audio account. Starts the local api.audio
// emulator (seeded demo library) and VS Code's server build with the packaged .vsix
// installed (as a user would install it), then prints the address to open in a browser,
// first. Ctrl+C stops both.
//
// Options: `--language <id>` (`npm start -- --language de`): VS Code's display language, a
// VS Code language id; the extension speaks it when package.nls.<id>.json and
// l10n/bundle.l10n.<id>.json exist (VS Code's own words stay English: no language pack is
// installed, see registerEmptyLanguagePack in test/vscode/codeServer.mjs). English by default.
// Environment: PORT (workbench port, default a free one), APIAUDIO_SANDBOX_DIR (where the
// emulator keeps its files between runs, default .vscode-test/sandbox), APIAUDIO_LANGUAGE
// (the same as --language; the option wins).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CODE_SERVER_VERSION, VSCODE_VERSION, startCodeServer, workbenchUrl } from '../test/vscode/codeServer.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The languages the extension is translated into: its package.nls.<id>.json files. */
const translated = readdirSync(repoRoot)
  .map((name) => /^package\.nls\.([\w-]+)\.json$/.exec(name)?.[1])
  .filter(Boolean)
  .sort();
let options;
try {
  ({ values: options } = parseArgs({ options: { language: { type: 'string' }, help: { type: 'boolean' } } }));
} catch (error) {
  console.error(`${error.message}\nUsage: npm start [-- --language <id>]`);
  process.exit(2);
}
if (options.help) {
  console.log(`Usage: npm start [-- --language <id>]\n  --language <id>  VS Code's display language (translated: en, ${translated.join(', ')}); also APIAUDIO_LANGUAGE`);
  process.exit(0);
}
const language = (options.language ?? process.env.APIAUDIO_LANGUAGE ?? 'en').trim().toLowerCase();
if (!/^[a-z]{2,3}(-[a-z0-9]+)*$/.test(language)) {
  console.error(`"${language}" is not a VS Code language id (such as de, fr or zh-cn). Translated: en, ${translated.join(', ')}.`);
  process.exit(2);
}
if (language !== 'en' && !translated.includes(language)) {
  console.warn(`The extension has no ${language} translation (package.nls.${language}.json): it will speak English. Translated: en, ${translated.join(', ')}.`);
}
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
    displayLanguage: language,
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
console.log(
  language === 'en'
    ? `Display language: English (npm start -- --language ${translated[0] ?? 'de'} for another).`
    : `Display language: ${language} (the extension's words; VS Code's own stay English).`,
);
console.log(`The local api.audio emulator answers on ${emulator.url} (demo key ${DEMO_KEY}). Ctrl+C stops the sandbox.`);
