// Small helpers shared by the benchmark rows: medians, spread, one result shape.

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), samples: [...values] };
}

/** One line of the printed table (and of the JSON). */
export interface BenchRow {
  row: string;
  goal: string;
  /** What was measured, in words and numbers (the "measured" column). */
  measured: string;
  /** undefined when the row could not be measured (a tool is missing). */
  met: boolean | undefined;
  /** Why a goal is missed or not measured; empty when met. */
  note?: string;
  /** Raw figures for the JSON. */
  data?: unknown;
}

export const MiB = 1024 * 1024;

export function fmt(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** "0.93× (0.88–0.97)" */
export function fmtRatio(s: Spread | undefined): string {
  if (!s) return 'n/a';
  return `${fmt(s.median)}× (${fmt(s.min)}–${fmt(s.max)})`;
}
