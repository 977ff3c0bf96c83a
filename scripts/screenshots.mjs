// `npm run screenshots`: runs the UI tests in the mode where they also write the README's
// pictures (media/*.png). Normal test runs leave them alone.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const mocha = join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
const result = spawnSync(process.execPath, [mocha, '--config', 'test/ui/mocharc.json'], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, APIAUDIO_SCREENSHOTS: '1' },
});
process.exit(result.status ?? 1);
