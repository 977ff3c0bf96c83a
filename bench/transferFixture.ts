// Shared by the memory test and the benchmark: a large generated audio file, a child
// emulator, and a peak-RSS sampler.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Writes `bytes` of pseudo-random data in 1 MiB chunks (constant memory); returns its sha256. */
export async function generateFile(filePath: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const block = randomBytes(1 << 20);
  const handle = await fs.open(filePath, 'w');
  try {
    for (let written = 0, index = 0; written < bytes; index++) {
      // Vary each chunk so the file is not one block repeated.
      block.writeUInt32LE(index, (index * 4) % (block.length - 4));
      const length = Math.min(block.length, bytes - written);
      const chunk = block.subarray(0, length);
      await handle.write(chunk, 0, length);
      hash.update(chunk);
      written += length;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

export async function sha256File(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

export function makeWorkDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/**
 * Samples RSS on a timer (and on demand) and remembers the peak above a baseline. A timer,
 * not a per-chunk callback: sampling must not slow down the transfer it measures.
 */
export class RssSampler {
  private readonly baseline = process.memoryUsage.rss();
  private peak = this.baseline;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 5) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) {
      this.peak = rss;
    }
  }

  /** Stops sampling; returns the peak growth in bytes. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak - this.baseline;
  }
}

export const MB = 1024 * 1024;
