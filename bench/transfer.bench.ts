// Upload and download throughput and peak RSS growth of the api.audio client against a
// child-process emulator. `npm run bench -- [sizeInMB]` (default 200). Prints; asserts nothing.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ApiAudioClient } from '../src/api';
import { startChildEmulator } from './childEmulator';
import { MB, RssSampler, generateFile, makeWorkDir, sha256File } from './transferFixture';

async function main(): Promise<void> {
  const sizeMb = Number(process.argv[2] ?? 200);
  if (!Number.isFinite(sizeMb) || sizeMb <= 0) {
    throw new Error(`size must be a positive number of MB, got ${process.argv[2]}`);
  }
  const size = Math.round(sizeMb * MB);
  const apiKey = `bench-${randomBytes(24).toString('hex')}`;
  const work = await makeWorkDir('apiaudio-bench-');
  await fs.mkdir(path.join(work, 'emulator'));
  await fs.mkdir(path.join(work, 'downloads'));
  const source = path.join(work, 'bench.wav');
  const emulator = await startChildEmulator(apiKey, path.join(work, 'emulator'));
  try {
    const sourceHash = await generateFile(source, size);
    const client = new ApiAudioClient({ apiKey, baseUrl: emulator.url, userAgent: 'apiaudio-media-bench/1.0', timeoutMs: 60_000 });

    let sampler = new RssSampler();
    let started = process.hrtime.bigint();
    const { mediaId } = await client.upload(source, { onProgress: () => sampler.sample() });
    report('upload', size, started, sampler.stop());

    sampler = new RssSampler();
    started = process.hrtime.bigint();
    const result = await client.download(mediaId, path.join(work, 'downloads'), { onProgress: () => sampler.sample() });
    report('download', size, started, sampler.stop());

    const identical = (await sha256File(result)) === sourceHash;
    console.log(`download identical to source: ${identical ? 'yes' : 'NO'}`);
  } finally {
    await emulator.close();
    await fs.rm(work, { recursive: true, force: true });
  }
}

function report(label: string, size: number, started: bigint, rssGrowth: number): void {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `${label.padEnd(8)} ${(size / MB).toFixed(0)} MB in ${seconds.toFixed(2)} s: ` +
      `${(size / MB / seconds).toFixed(1)} MB/s, peak RSS growth ${(rssGrowth / MB).toFixed(1)} MB`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
