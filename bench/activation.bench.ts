export async function runActivationRows(_: { rounds: number; work: string; log: (line: string) => void }): Promise<import('./stats').BenchRow[]> {
  return [];
}
