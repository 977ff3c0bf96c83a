// Transfer rows of `npm run bench`: the api.audio client (this process) against curl and
// the official Python SDK's `requests` calls, on the same URLs, interleaved round by round,
// against a minimal storage server and against the emulator (both child processes).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ApiAudioClient } from '../src/api';
import { mapWithConcurrency } from '../src/util/concurrency';
import { startChildEmulator, startChildServer, type ChildEmulator } from './childEmulator';
import { MiB, fmt, fmtRatio, spread, type BenchRow, type Spread } from './stats';
import { RssSampler, generateFile } from './transferFixture';

export type Tool = 'node' | 'curl' | 'python';

interface Sample {
  seconds: number;
  /** Peak RSS growth of the transferring process, bytes (node and python only). */
  rssGrowth?: number;
}

/** Where a client uploads to (an api.audio-like API) and what it downloads. */
interface Target {
  name: 'minimal server' | 'emulator';
  apiBase: string;
  apiKey: string;
  /** A download URL for a file of the given size. */
  downloadUrl(size: number): string;
}

export interface TransferOptions {
  quick: boolean;
  rounds: number;
  work: string;
  log: (line: string) => void;
}

const ROOT = path.resolve(__dirname, '..');
const PYTHON_SCRIPT = path.join(ROOT, 'bench', 'sdk_client.py');
const maybeGc = (globalThis as { gc?: () => void }).gc;

export async function availableTools(): Promise<{ tools: Tool[]; missing: string[] }> {
  const tools: Tool[] = ['node'];
  const missing: string[] = [];
  if (await succeeds('curl', ['--version'])) tools.push('curl');
  else missing.push('curl (not on PATH)');
  if (await succeeds('python3', ['-c', 'import requests'])) tools.push('python');
  else missing.push('python3 with requests (apt-get install python3-requests)');
  return { tools, missing };
}

function succeeds(command: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => execFile(command, args, (error) => resolve(!error)));
}

export async function runTransferRows(options: TransferOptions): Promise<BenchRow[]> {
  const { quick, rounds, work, log } = options;
  const { tools, missing } = await availableTools();
  if (missing.length) log(`missing contenders: ${missing.join(', ')}`);
  const large = quick ? 64 * MiB : 256 * MiB;
  const small = 16 * MiB;
  const huge = quick ? 256 * MiB : 1024 * MiB;
  const serveDir = path.join(work, 'serve');
  const outDir = path.join(work, 'out');
  await fs.mkdir(serveDir);
  await fs.mkdir(outDir);
  await fs.mkdir(path.join(work, 'emulator'));
  const files = new Map<number, string>();
  for (const size of [small, large, huge, 1 * MiB]) {
    const file = path.join(serveDir, `bench-${size}.wav`);
    await generateFile(file, size);
    files.set(size, file);
  }
  log(`generated ${[...files.keys()].map((size) => `${size / MiB} MiB`).join(', ')} in ${serveDir}`);

  const apiKey = `bench-${randomBytes(24).toString('hex')}`;
  const servers: ChildEmulator[] = [];
  const rows: BenchRow[] = [];
  try {
    const storage = await startChildServer('bench/storageServer.ts', [serveDir], /storage server listening on (\S+)/, 'the storage server');
    servers.push(storage);
    const emulator = await startChildEmulator(apiKey, path.join(work, 'emulator'));
    servers.push(emulator);
    const client = (baseUrl: string) => new ApiAudioClient({ apiKey, baseUrl, userAgent: 'apiaudio-media-bench/1.0', timeoutMs: 120_000 });

    const minimal: Target = {
      name: 'minimal server',
      apiBase: storage.url,
      apiKey,
      downloadUrl: (size) => `${storage.url}/get/${path.basename(files.get(size)!)}`,
    };
    // The emulator serves what was uploaded to it: upload each size once, keep its link.
    const emulatorClient = client(emulator.url);
    const emulatorUrls = new Map<number, string>();
    for (const size of [small, large]) {
      const { mediaId } = await emulatorClient.upload(files.get(size)!);
      emulatorUrls.set(size, await emulatorClient.getDownloadUrl(mediaId));
    }
    const viaEmulator: Target = { name: 'emulator', apiBase: emulator.url, apiKey, downloadUrl: (size) => emulatorUrls.get(size)! };

    const run = async (tool: Tool, kind: 'upload' | 'download', target: Target, size: number): Promise<Sample> => {
      const file = files.get(size)!;
      const destination = path.join(outDir, `${tool}-${size}.wav`);
      try {
        if (tool === 'node') {
          const api = client(target.apiBase);
          maybeGc?.();
          const sampler = new RssSampler(10);
          const started = process.hrtime.bigint();
          if (kind === 'upload') await api.upload(file);
          else await api.download(target.downloadUrl(size), outDir, { fileName: path.basename(destination), onConflict: 'overwrite' });
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          return { seconds, rssGrowth: sampler.stop() };
        }
        if (tool === 'curl') {
          if (kind === 'upload') {
            const url = await freshUploadUrl(target);
            // No `Expect: 100-continue` round trip: neither SDK sends one.
            return { seconds: Number(await output('curl', ['-sSf', '-T', file, '-H', 'Content-Type: audio/mpeg', '-H', 'Expect:', '-o', '/dev/null', '-w', '%{time_total}', url])) };
          }
          return { seconds: Number(await output('curl', ['-sSf', '-o', destination, '-w', '%{time_total}', target.downloadUrl(size)])) };
        }
        const args = kind === 'upload' ? ['put', target.apiBase, target.apiKey, file] : ['get', target.downloadUrl(size), destination];
        const result = JSON.parse(await output('python3', [PYTHON_SCRIPT, ...args])) as { seconds: number; rssGrowth: number };
        return result;
      } finally {
        await fs.rm(destination, { force: true });
        if (kind === 'upload' && target === viaEmulator) await settleEmulator();
      }
    };

    // Untimed, after each upload to the emulator: wait for its background md5 (a GET waits
    // for it), then delete the object, so neither the hash nor the memory it holds carries
    // over into the next sample.
    const keep = new Set((await emulatorClient.listMedia()).items.map((item) => item.mediaId));
    const settleEmulator = async (): Promise<void> => {
      for (const item of (await emulatorClient.listMedia()).items) {
        if (keep.has(item.mediaId)) continue;
        const response = await fetch(await emulatorClient.getDownloadUrl(item.mediaId), { headers: { Range: 'bytes=0-0' } });
        await response.arrayBuffer();
        await emulatorClient.deleteMedia(item.mediaId);
      }
    };

    const transferRow = async (kind: 'upload' | 'download', target: Target, size: number, goal: { curl: number; python?: number }): Promise<BenchRow> => {
      const samples = new Map<Tool, Sample[]>(tools.map((tool) => [tool, []]));
      const ratios = { curl: [] as number[], python: [] as number[] };
      for (let round = 0; round < rounds; round++) {
        const order = tools.map((_, i) => tools[(i + round) % tools.length]);
        const times = new Map<Tool, number>();
        for (const tool of order) {
          const sample = await run(tool, kind, target, size);
          samples.get(tool)!.push(sample);
          times.set(tool, sample.seconds);
        }
        if (times.has('curl')) ratios.curl.push(times.get('curl')! / times.get('node')!);
        if (times.has('python')) ratios.python.push(times.get('python')! / times.get('node')!);
      }
      const speed = (tool: Tool): Spread | undefined =>
        samples.get(tool)?.length ? spread(samples.get(tool)!.map((s) => size / MiB / s.seconds)) : undefined;
      const rss = (tool: Tool): number | undefined => {
        const values = (samples.get(tool) ?? []).map((s) => s.rssGrowth).filter((v): v is number => v !== undefined);
        return values.length ? spread(values).median / MiB : undefined;
      };
      const vsCurl = ratios.curl.length ? spread(ratios.curl) : undefined;
      const vsPython = ratios.python.length ? spread(ratios.python) : undefined;
      const checks: boolean[] = [];
      if (vsCurl) checks.push(vsCurl.median >= goal.curl);
      if (goal.python !== undefined && vsPython) checks.push(vsPython.median >= goal.python);
      const complete = vsCurl !== undefined && (goal.python === undefined || vsPython !== undefined);
      const speeds = tools.map((tool) => `${tool} ${fmt(speed(tool)?.median ?? NaN, 0)} MiB/s (${fmt(speed(tool)?.min ?? NaN, 0)}–${fmt(speed(tool)?.max ?? NaN, 0)})`);
      const row: BenchRow = {
        row: `${size / MiB} MiB ${kind}, ${target.name}`,
        goal: `≥ ${goal.curl}× curl${goal.python !== undefined ? `, ≥ ${goal.python}× requests` : ''}`,
        measured:
          `${fmtRatio(vsCurl)} curl` + (vsPython ? `, ${fmtRatio(vsPython)} requests` : '') +
          `; ${speeds.join(', ')}; peak RSS growth node ${fmt(rss('node') ?? NaN, 0)} MiB` +
          (rss('python') !== undefined ? `, python ${fmt(rss('python')!, 0)} MiB` : ''),
        met: complete ? checks.every(Boolean) : undefined,
        data: { kind, target: target.name, size, rounds, samples: Object.fromEntries(samples), vsCurl, vsPython },
      };
      log(`${row.row}: ${row.measured}`);
      return row;
    };

    for (const target of [minimal, viaEmulator]) {
      const largeGoal = target.name === 'minimal server' ? { curl: 0.9, python: 1.0 } : { curl: 0.9 };
      const smallGoal = target.name === 'minimal server' ? { curl: 0.7 } : { curl: 0.9 };
      rows.push(await transferRow('upload', target, large, largeGoal));
      rows.push(await transferRow('download', target, large, largeGoal));
      rows.push(await transferRow('upload', target, small, smallGoal));
      rows.push(await transferRow('download', target, small, smallGoal));
    }

    rows.push(await memoryRow(tools, huge, quick ? 1 : 3, run, minimal, log));
    rows.push(await manyFilesRow(client(storage.url), minimal, outDir, quick ? 50 : 200, quick ? 1 : rounds, log));
  } finally {
    for (const server of servers) await server.close();
  }
  return rows;
}

/** Peak RSS growth of one large upload and one large download (node and python). */
async function memoryRow(
  tools: Tool[],
  size: number,
  rounds: number,
  run: (tool: Tool, kind: 'upload' | 'download', target: Target, size: number) => Promise<Sample>,
  target: Target,
  log: (line: string) => void,
): Promise<BenchRow> {
  const contenders = tools.filter((tool): tool is 'node' | 'python' => tool !== 'curl');
  const growth: Record<string, number[]> = {};
  for (let round = 0; round < rounds; round++) {
    for (const tool of round % 2 ? [...contenders].reverse() : contenders) {
      for (const kind of ['upload', 'download'] as const) {
        const sample = await run(tool, kind, target, size);
        (growth[`${tool} ${kind}`] ??= []).push(sample.rssGrowth ?? NaN);
      }
    }
  }
  const nodePeak = Math.max(spread(growth['node upload']).median, spread(growth['node download']).median) / MiB;
  const parts = Object.entries(growth).map(([label, values]) => `${label} ${fmt(spread(values).median / MiB, 0)} MiB`);
  const row: BenchRow = {
    row: `peak RSS growth, ${size / MiB} MiB upload and download`,
    goal: '≤ 64 MiB (for 1 GiB)',
    measured: `${parts.join(', ')} (median of ${rounds}; sampled every 10 ms)`,
    met: nodePeak <= 64,
    data: { size, rounds, growth },
  };
  log(`${row.row}: ${row.measured}`);
  return row;
}

/** The default of `apiAudio.maxConcurrentTransfers`, as the manifest declares it. */
function defaultPoolSize(): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const manifest = require(path.join(ROOT, 'package.json')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
  };
  return Number(manifest.contributes.configuration.properties['apiAudio.maxConcurrentTransfers'].default);
}

/** 200 × 1 MiB downloads, each answered after 50 ms: one after another vs the transfer pool. */
async function manyFilesRow(api: ApiAudioClient, target: Target, outDir: string, count: number, rounds: number, log: (line: string) => void): Promise<BenchRow> {
  const dir = path.join(outDir, 'many');
  const urls = Array.from({ length: count }, (_, i) => `${target.downloadUrl(MiB)}?latency=50&n=${i}`);
  const once = async (limit: number): Promise<number> => {
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(dir);
    const started = process.hrtime.bigint();
    const results = await mapWithConcurrency(urls, limit, (url, i) => api.download(url, dir, { fileName: `f${i}.wav`, onConflict: 'overwrite' }));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (results.some((r) => r.status !== 'fulfilled')) throw new Error('a download failed in the many-files row');
    return seconds;
  };
  const defaultPool = defaultPoolSize();
  // The default, its neighbours (the candidates for it) and the maximum setting.
  const pools = [...new Set([3, 4, 5, defaultPool, 8])].sort((a, b) => a - b);
  const times: Record<string, number[]> = { sequential: [] };
  for (let round = 0; round < rounds; round++) {
    times.sequential.push(await once(1));
    for (const pool of pools) (times[`pool${pool}`] ??= []).push(await once(pool));
  }
  await fs.rm(dir, { recursive: true, force: true });
  const ratio = (key: string) => spread(times.sequential.map((s, i) => s / times[key][i]));
  const met = ratio(`pool${defaultPool}`).median >= 4;
  const row: BenchRow = {
    row: `${count} × 1 MiB downloads, 50 ms latency each`,
    goal: '≥ 4× one after another',
    measured:
      pools.map((pool) => `maxConcurrentTransfers ${pool}${pool === defaultPool ? ' (default)' : ''}: ${fmtRatio(ratio(`pool${pool}`))}`).join('; ') +
      `; one after another ${fmt(spread(times.sequential).median)} s`,
    met,
    note: met ? undefined : `the default pool runs ${defaultPool} transfers at once, so ${defaultPool}× is its ceiling`,
    data: { count, rounds, defaultPool, times },
  };
  log(`${row.row}: ${row.measured}`);
  return row;
}

async function freshUploadUrl(target: Target): Promise<string> {
  const response = await fetch(`${target.apiBase}/file/customaudio/uploadurl?filename=bench.wav`, { headers: { 'x-api-key': target.apiKey } });
  const body = (await response.json()) as { fileUploadUrl?: string };
  if (!response.ok || !body.fileUploadUrl) throw new Error(`no upload URL from ${target.name} (${response.status})`);
  return body.fileUploadUrl;
}

function output(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${command} exited ${code}: ${err.trim()}`))));
  });
}
