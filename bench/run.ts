// `npm run bench [-- --quick] [--rounds N] [--only transfers|listing|files|activation]`: every
// row of issue 10 in one process run. Prints one table and writes bench/results/latest.json
// (git-ignored). Asserts nothing; BENCHMARKS.md holds the latest table.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runActivationRows } from './activation.bench';
import { runFilesRows } from './files.bench';
import { runListingRows } from './grouping.bench';
import type { BenchRow } from './stats';
import { runTransferRows } from './transfer.bench';
import { makeWorkDir } from './transferFixture';

interface Args {
  quick: boolean;
  rounds: number;
  only: Set<string>;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, rounds: 5, only: new Set() };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--quick') args.quick = true;
    else if (argv[i] === '--rounds') args.rounds = Number(argv[++i]);
    else if (argv[i] === '--only') args.only.add(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (use --quick, --rounds N, --only transfers|listing|files|activation)`);
  }
  if (!Number.isInteger(args.rounds) || args.rounds < 1) throw new Error('--rounds needs a positive integer');
  if (args.quick && !argv.includes('--rounds')) args.rounds = 3;
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const wanted = (part: string) => args.only.size === 0 || args.only.has(part);
  const started = Date.now();
  const log = (line: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const machine = describeMachine();
  log(`${machine}; ${args.rounds} rounds${args.quick ? ', quick' : ''}`);
  const work = await makeWorkDir('apiaudio-bench-');
  const rows: BenchRow[] = [];
  try {
    if (wanted('transfers')) rows.push(...(await runTransferRows({ quick: args.quick, rounds: args.rounds, work, log })));
    if (wanted('listing')) rows.push(...(await runListingRows({ quick: args.quick, rounds: args.rounds, log })));
    if (wanted('files')) rows.push(...(await runFilesRows({ quick: args.quick, rounds: args.rounds, work, log })));
    if (wanted('activation')) rows.push(...(await runActivationRows({ rounds: args.rounds, work, log })));
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }

  const table = formatTable(rows);
  console.log(`\n${table}`);
  const out = path.join(__dirname, 'results', 'latest.json');
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, JSON.stringify({ date: new Date().toISOString(), machine, args: { ...args, only: [...args.only] }, rows }, null, 2));
  console.log(`\n${rows.length} rows in ${((Date.now() - started) / 1000).toFixed(0)} s; JSON: ${path.relative(process.cwd(), out)}`);
}

function formatTable(rows: BenchRow[]): string {
  const lines = ['| Row | Goal | Measured (median, min–max) | Met |', '|---|---|---|---|'];
  for (const row of rows) {
    const met = row.met === undefined ? 'not measured' : row.met ? 'yes' : 'no';
    lines.push(`| ${row.row} | ${row.goal} | ${row.measured}${row.note ? ` — ${row.note}` : ''} | ${met} |`);
  }
  return lines.join('\n');
}

function describeMachine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
