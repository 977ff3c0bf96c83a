// Activation rows of `npm run bench`: the minified bundle's size, and require() + activate()
// timed in fresh Node processes with a stub `vscode` (bench/activationProbe.cjs), which
// also counts network connections opened while the view is not visible.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { fmt, spread, type BenchRow } from './stats';

const ROOT = path.resolve(__dirname, '..');
const run = promisify(execFile);

export async function runActivationRows(options: { rounds: number; work: string; log: (line: string) => void }): Promise<BenchRow[]> {
  const { log } = options;
  const rounds = Math.max(options.rounds, 5);
  await run(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT });
  const bundle = path.join(ROOT, 'dist', 'extension.js');
  const size = (await fs.stat(bundle)).size;
  const samples: Record<'nokey' | 'key', Array<{ requireMs: number; activateMs: number; connections: number }>> = { nokey: [], key: [] };
  for (let round = 0; round < rounds; round++) {
    for (const mode of ['nokey', 'key'] as const) {
      const { stdout } = await run(process.execPath, [path.join(ROOT, 'bench', 'activationProbe.cjs'), bundle, mode]);
      samples[mode].push(JSON.parse(stdout.trim()));
    }
  }
  const all = [...samples.nokey, ...samples.key];
  const total = spread(all.map((s) => s.requireMs + s.activateMs));
  const req = spread(all.map((s) => s.requireMs));
  const act = spread(all.map((s) => s.activateMs));
  const connections = Math.max(...samples.key.map((s) => s.connections));
  const rows: BenchRow[] = [
    {
      row: 'bundle / require + activate',
      goal: '< 100 KB / < 15 ms',
      measured:
        `${(size / 1000).toFixed(1)} KB minified; require ${fmt(req.median, 1)} ms + activate ${fmt(act.median, 1)} ms = ${fmt(total.median, 1)} ms ` +
        `(${fmt(total.min, 1)}–${fmt(total.max, 1)}; fresh Node process, stub vscode, ${all.length} runs)`,
      met: size < 100_000 && total.median < 15,
      data: { size, samples },
    },
    {
      row: 'network before the view is visible',
      goal: 'none',
      measured: `${connections} connection(s) opened within 300 ms of activate() with a stored key while the view stays hidden`,
      met: connections === 0,
      note: connections === 0 ? undefined : 'start-up refreshes the listing even when activation came from a command and the view is hidden',
      data: { connections },
    },
  ];
  rows.forEach((row) => log(`${row.row}: ${row.measured}`));
  return rows;
}
