// AudioStack Files rows of `npm run bench`: a 10,000-file folder paged with
// `AudioStackFilesClient.listFolderFiles` (time to the first page, to all of it, memory),
// and v2 uploads (create → PUT → processing wait) and downloads, each beside curl and
// Python `requests` doing the same calls, interleaved round by round, against the
// emulator in child processes (one seeded with the big folder, one for transfers with
// the processing delay set to 0, so the upload rows measure the transfer).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ApiAudioClient } from '../src/api';
import { AudioStackFilesClient } from '../src/api/audiostack/client';
import type { StackFile } from '../src/api/audiostack/model';
import { startChildEmulator, type ChildEmulator } from './childEmulator';
import { MiB, fmt, fmtRatio, spread, type BenchRow, type Spread } from './stats';
import { availableTools, type Tool, type TransferOptions } from './transfer.bench';
import { RssSampler, generateFile } from './transferFixture';

/** The same knobs as the v1 transfer rows. */
export type FilesBenchOptions = TransferOptions;

const ROOT = path.resolve(__dirname, '..');
const PYTHON_SCRIPT = path.join(ROOT, 'bench', 'files_client.py');
const FOLDER_FILES = 10_000;
const BULK_FOLDER = 'Bulk';
/** `apiAudio.pageSize`'s default (what the tree pages by) and the service's largest page. */
const PAGE_SIZES = [500, 1000];
const gc = (globalThis as { gc?: () => void }).gc;

export async function runFilesRows(options: FilesBenchOptions): Promise<BenchRow[]> {
  const { tools, missing } = await availableTools();
  if (missing.length) options.log(`missing contenders: ${missing.join(', ')}`);
  const apiKey = `bench-${randomBytes(24).toString('hex')}`;
  const rows: BenchRow[] = [];
  rows.push(...(await listingRows(tools, apiKey, options)));
  rows.push(...(await transferRows(tools, apiKey, options)));
  return rows;
}

const makeClient = (baseUrl: string, apiKey: string) =>
  new AudioStackFilesClient({ apiKey, baseUrl, userAgent: 'apiaudio-media-bench/1.0', timeoutMs: 120_000 });

// ---------------------------------------------------------------------------------------
// The 10,000-file folder

interface ListSample {
  firstMs: number;
  allMs: number;
  files: number;
  pages: number;
  /** node: heap held after a full GC by what the loop keeps; python: peak RSS growth. */
  heapHeld?: number;
  rssGrowth?: number;
  /** curl: the sum of curl's own %{time_total} (without its process starts). */
  curlMs?: number;
}

type ListTool = 'client' | 'fetch' | Tool;

async function listingRows(tools: Tool[], apiKey: string, options: FilesBenchOptions): Promise<BenchRow[]> {
  const { work, log } = options;
  // Quick: two rounds (a paging loop of 10,000 files takes seconds per contender here).
  const rounds = options.quick ? Math.min(options.rounds, 2) : options.rounds;
  const dataDir = path.join(work, 'files-listing');
  await fs.mkdir(dataDir);
  const seeded = Date.now();
  // The seed writes 10,000 small objects: give it longer than a plain start.
  const emulator = await startChildEmulator(apiKey, dataDir, ['--no-seed', '--files-bulk', `${FOLDER_FILES}:${BULK_FOLDER}`], 180_000);
  log(`emulator with a ${FOLDER_FILES.toLocaleString('en')}-file folder ready in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
  const rows: BenchRow[] = [];
  try {
    const client = makeClient(emulator.url, apiKey);
    const folderId = (await client.listPath(BULK_FOLDER)).folder?.folderId;
    if (!folderId) throw new Error(`the emulator has no ${BULK_FOLDER} folder`);
    const contenders: ListTool[] = ['client', 'fetch', ...tools.filter((tool) => tool !== 'node')];
    for (const limit of PAGE_SIZES) {
      const samples = new Map<ListTool, ListSample[]>(contenders.map((tool) => [tool, []]));
      for (let round = 0; round < rounds; round++) {
        const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
        for (const tool of order) {
          const sample = await listOnce(tool, emulator, apiKey, folderId, limit);
          if (sample.files !== FOLDER_FILES) throw new Error(`${tool} listed ${sample.files} files, not ${FOLDER_FILES}`);
          samples.get(tool)!.push(sample);
        }
      }
      rows.push(listingRow(limit, rounds, samples));
      log(`${rows.at(-1)!.row}: ${rows.at(-1)!.measured}`);
    }
  } finally {
    await emulator.close();
  }
  return rows;
}

async function listOnce(tool: ListTool, emulator: ChildEmulator, apiKey: string, folderId: string, limit: number): Promise<ListSample> {
  if (tool === 'python') {
    const result = JSON.parse(await output('python3', [PYTHON_SCRIPT, 'list', emulator.url, apiKey, folderId, String(limit)])) as {
      firstSeconds: number;
      seconds: number;
      files: number;
      pages: number;
      rssGrowth: number;
    };
    return { firstMs: result.firstSeconds * 1000, allMs: result.seconds * 1000, files: result.files, pages: result.pages, rssGrowth: result.rssGrowth };
  }
  const pageUrl = (offset: number) => `${emulator.url}/folders/${folderId}/files?limit=${limit}&offset=${offset}`;
  // Each contender keeps what it listed (the client its StackFiles, the others the parsed
  // JSON pages), so the heap figure is what a listing costs to hold.
  const kept: unknown[] = [];
  const client = makeClient(emulator.url, apiKey);
  let curlMs = 0;
  const page = async (offset: number): Promise<number> => {
    if (tool === 'client') {
      const files: readonly StackFile[] = (await client.listFolderFiles(folderId, { limit, offset })).files;
      kept.push(...files);
      return files.length;
    }
    let text: string;
    if (tool === 'fetch') {
      text = await (await fetch(pageUrl(offset), { headers: { 'x-api-key': apiKey } })).text();
    } else {
      // A shell loop's `curl` per page: its body, then its own time on a last line.
      const out = await output('curl', ['-sSf', '-H', `x-api-key: ${apiKey}`, '-w', '\n%{time_total}', pageUrl(offset)]);
      const cut = out.lastIndexOf('\n');
      curlMs += Number(out.slice(cut + 1)) * 1000;
      text = out.slice(0, cut);
    }
    const body = JSON.parse(text) as { data: unknown[] };
    kept.push(...body.data);
    return body.data.length;
  };
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const sampler = new RssSampler(10);
  const started = performance.now();
  let firstMs = 0;
  let pages = 0;
  for (let offset = 0; ; ) {
    const count = await page(offset);
    if (++pages === 1) firstMs = performance.now() - started;
    offset += count;
    if (count < limit) break;
  }
  const allMs = performance.now() - started;
  const rssGrowth = sampler.stop();
  gc?.();
  const heapHeld = process.memoryUsage().heapUsed - heapBefore;
  const files = kept.length;
  kept.length = 0;
  if (tool === 'curl') return { firstMs, allMs, files, pages, curlMs };
  return { firstMs, allMs, files, pages, heapHeld, rssGrowth: tool === 'client' ? rssGrowth : undefined };
}

function listingRow(limit: number, rounds: number, samples: Map<ListTool, ListSample[]>): BenchRow {
  const med = (tool: ListTool, key: keyof ListSample): number => {
    const values = (samples.get(tool) ?? []).map((s) => s[key]).filter((v): v is number => v !== undefined);
    return values.length ? spread(values).median : Number.NaN;
  };
  const range = (tool: ListTool, key: 'firstMs' | 'allMs'): Spread => spread(samples.get(tool)!.map((s) => s[key]));
  const ms = (s: Spread) => `${fmt(s.median, 0)} ms (${fmt(s.min, 0)}–${fmt(s.max, 0)})`;
  const client = { first: range('client', 'firstMs'), all: range('client', 'allMs') };
  const vsFetch = spread(samples.get('client')!.map((s, i) => s.allMs / samples.get('fetch')![i].allMs));
  const heapRatio = med('client', 'heapHeld') / med('fetch', 'heapHeld');
  const parts = [
    `client first page ${ms(client.first)}, all ${ms(client.all)} in ${samples.get('client')![0].pages} pages`,
    `plain fetch + JSON.parse ${fmt(med('fetch', 'firstMs'), 0)} / ${fmt(med('fetch', 'allMs'), 0)} ms (client ${fmtRatio(vsFetch)} its time)`,
  ];
  if (samples.has('curl')) {
    parts.push(`curl per page ${fmt(med('curl', 'firstMs'), 0)} / ${fmt(med('curl', 'allMs'), 0)} ms (curl's own time_total ${fmt(med('curl', 'curlMs'), 0)} ms, the rest is a process start per page)`);
  }
  if (samples.has('python')) parts.push(`python requests ${fmt(med('python', 'firstMs'), 0)} / ${fmt(med('python', 'allMs'), 0)} ms`);
  parts.push(
    `heap held ${fmt(med('client', 'heapHeld') / 1e6, 1)} MB (StackFiles) vs ${fmt(med('fetch', 'heapHeld') / 1e6, 1)} MB (parsed JSON)` + (gc ? '' : ' — run with --expose-gc for exact figures'),
    `peak RSS growth client ${fmt(med('client', 'rssGrowth') / MiB, 0)} MiB` + (samples.has('python') ? `, python ${fmt(med('python', 'rssGrowth') / MiB, 0)} MiB` : ''),
  );
  const met = client.first.median < 100 && vsFetch.median <= 1.3 && (!gc || heapRatio <= 1.3);
  return {
    row: `${FOLDER_FILES.toLocaleString('en')}-file AudioStack folder, pages of ${limit}: first page / all (listFolderFiles)`,
    goal: 'first page < 100 ms; all ≤ 1.3× the plain fetch + JSON.parse loop; heap held ≤ 1.3× the parsed JSON’s',
    measured: `${parts.join('; ')} (first / all, medians of ${rounds})`,
    met,
    note: met ? undefined : 'see BENCHMARKS.md',
    data: { limit, rounds, samples: Object.fromEntries(samples), vsFetch, heapRatio },
  };
}

// ---------------------------------------------------------------------------------------
// v2 uploads and downloads

interface Sample {
  seconds: number;
  rssGrowth?: number;
}

async function transferRows(tools: Tool[], apiKey: string, options: FilesBenchOptions): Promise<BenchRow[]> {
  const { quick, rounds, work, log } = options;
  // The sizes of the v1 rows (bench/transfer.bench.ts).
  const sizes = [quick ? 64 * MiB : 256 * MiB, 16 * MiB];
  const dir = path.join(work, 'files-transfer');
  const outDir = path.join(dir, 'out');
  await fs.mkdir(path.join(dir, 'emulator'), { recursive: true });
  await fs.mkdir(outDir);
  const files = new Map<number, string>();
  for (const size of sizes) {
    const file = path.join(dir, `stack-${size / MiB}.wav`);
    await generateFile(file, size);
    files.set(size, file);
  }
  // Processing delay 0: an upload is `uploaded` as soon as its bytes are stored, so the
  // rows time create + PUT + one status GET, not a made-up wait.
  const emulator = await startChildEmulator(apiKey, path.join(dir, 'emulator'), ['--files-processing-ms', '0']);
  const rows: BenchRow[] = [];
  try {
    const client = makeClient(emulator.url, apiKey);
    const rootId = (await client.listRoot()).folder?.folderId;
    if (!rootId) throw new Error('the emulator named no root folder');
    // Downloads: each size uploaded once, untimed.
    const stored = new Map<number, StackFile>();
    for (const size of sizes) stored.set(size, await client.upload(files.get(size)!, { folderId: rootId }));

    // Untimed, after each upload: wait for the emulator's background md5 (a GET of the
    // object waits for it), then delete the file, so neither carries into the next sample.
    const settle = async (fileId: string): Promise<void> => {
      const file = await client.getFile(fileId);
      if (file.url) await (await fetch(file.url, { headers: { Range: 'bytes=0-0' } })).arrayBuffer();
      await client.deleteFile(fileId);
    };

    const run = async (tool: Tool, kind: 'upload' | 'download', size: number): Promise<Sample> => {
      const file = files.get(size)!;
      const destination = path.join(outDir, `${tool}-${size}.wav`);
      let uploaded: string | undefined;
      try {
        if (tool === 'node') {
          const api = makeClient(emulator.url, apiKey);
          gc?.();
          const sampler = new RssSampler(10);
          const started = process.hrtime.bigint();
          if (kind === 'upload') uploaded = (await api.upload(file, { folderId: rootId })).fileId;
          else await api.download(stored.get(size)!.fileId, outDir, { fileName: path.basename(destination), onConflict: 'overwrite' });
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          return { seconds, rssGrowth: sampler.stop() };
        }
        if (tool === 'curl') {
          if (kind === 'upload') {
            // Created beforehand (untimed), as the v1 curl rows fetch their URL beforehand.
            const created = await createFile(emulator.url, apiKey, path.basename(file), rootId);
            uploaded = created.fileId;
            return {
              seconds: Number(await output('curl', ['-sSf', '-T', file, '-H', `Content-Type: ${created.mimeType}`, '-H', 'Expect:', '-o', '/dev/null', '-w', '%{time_total}', created.uploadUrl])),
            };
          }
          const url = (await client.getFile(stored.get(size)!.fileId)).url!;
          return { seconds: Number(await output('curl', ['-sSf', '-o', destination, '-w', '%{time_total}', url])) };
        }
        const args = kind === 'upload' ? ['put', emulator.url, apiKey, file, rootId] : ['get', emulator.url, apiKey, stored.get(size)!.fileId, destination];
        const result = JSON.parse(await output('python3', [PYTHON_SCRIPT, ...args])) as { seconds: number; rssGrowth: number; fileId?: string };
        uploaded = result.fileId;
        return { seconds: result.seconds, rssGrowth: result.rssGrowth };
      } finally {
        await fs.rm(destination, { force: true });
        if (uploaded) await settle(uploaded);
      }
    };

    for (const size of sizes) {
      for (const kind of ['upload', 'download'] as const) {
        const samples = new Map<Tool, Sample[]>(tools.map((tool) => [tool, []]));
        // Downloads also time the api.audio (v1) client on the same presigned link: the
        // Files client's download is that path plus one GET /files/{id}.
        const sameLink: number[] = [];
        for (let round = 0; round < rounds; round++) {
          for (const tool of tools.map((_, i) => tools[(i + round) % tools.length])) samples.get(tool)!.push(await run(tool, kind, size));
          if (kind === 'download') sameLink.push(await v1Download(emulator.url, apiKey, (await client.getFile(stored.get(size)!.fileId)).url!, outDir));
        }
        rows.push(transferRow(kind, size, rounds, tools, samples, sameLink));
        log(`${rows.at(-1)!.row}: ${rows.at(-1)!.measured}`);
      }
    }
  } finally {
    await emulator.close();
  }
  return rows;
}

async function v1Download(apiBase: string, apiKey: string, url: string, outDir: string): Promise<number> {
  const v1 = new ApiAudioClient({ apiKey, baseUrl: apiBase, userAgent: 'apiaudio-media-bench/1.0', timeoutMs: 120_000 });
  gc?.();
  const started = process.hrtime.bigint();
  const written = await v1.download(url, outDir, { fileName: 'v1-same-link.wav', onConflict: 'overwrite' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await fs.rm(written, { force: true });
  return seconds;
}

function transferRow(kind: 'upload' | 'download', size: number, rounds: number, tools: Tool[], samples: Map<Tool, Sample[]>, sameLink: number[]): BenchRow {
  const node = samples.get('node')!;
  const ratio = (tool: Tool): Spread | undefined => (samples.get(tool)?.length ? spread(samples.get(tool)!.map((s, i) => s.seconds / node[i].seconds)) : undefined);
  const speed = (tool: Tool): Spread => spread(samples.get(tool)!.map((s) => size / MiB / s.seconds));
  const rss = (tool: Tool): string => {
    const values = (samples.get(tool) ?? []).map((s) => s.rssGrowth).filter((v): v is number => v !== undefined);
    return values.length ? `${tool} ${fmt(spread(values).median / MiB, 0)} MiB` : '';
  };
  const vsCurl = ratio('curl');
  const vsPython = ratio('python');
  const speeds = tools.map((tool) => `${tool} ${fmt(speed(tool).median, 0)} MiB/s (${fmt(speed(tool).min, 0)}–${fmt(speed(tool).max, 0)})`);
  const steps = kind === 'upload' ? 'create → PUT → status, processing delay 0' : 'GET /files/{id} → GET url';
  return {
    row: `${size / MiB} MiB AudioStack ${kind} (${steps}), emulator`,
    goal: '≥ 0.9× curl (as the v1 emulator rows)',
    measured:
      `${fmtRatio(vsCurl)} curl` + (vsPython ? `, ${fmtRatio(vsPython)} requests` : '') +
      `; ${speeds.join(', ')}` +
      (sameLink.length ? `; api.audio (v1) client on the same link ${fmt(spread(sameLink.map((s) => size / MiB / s)).median, 0)} MiB/s` : '') +
      `; peak RSS growth ${['node', 'python'].map((tool) => rss(tool as Tool)).filter(Boolean).join(', ')}`,
    met: vsCurl ? vsCurl.median >= 0.9 : undefined,
    data: { kind, size, rounds, samples: Object.fromEntries(samples), vsCurl, vsPython, v1SameLinkSeconds: sameLink },
  };
}

async function createFile(apiBase: string, apiKey: string, fileName: string, folderId: string): Promise<{ fileId: string; uploadUrl: string; mimeType: string }> {
  const response = await fetch(`${apiBase}/files`, {
    method: 'POST',
    headers: { 'x-api-key': apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ file_name: fileName, folder_id: folderId }),
  });
  const body = (await response.json()) as { fileId?: string; uploadUrl?: string; mimeType?: string };
  if (!response.ok || !body.fileId || !body.uploadUrl || !body.mimeType) throw new Error(`POST /files answered ${response.status}`);
  return { fileId: body.fileId, uploadUrl: body.uploadUrl, mimeType: body.mimeType };
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
