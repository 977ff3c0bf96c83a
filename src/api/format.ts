// Sizes as people read them, in progress notifications and in error messages alike.

import { displayLanguage } from './l10n';

const UNITS: readonly string[] = Object.freeze(['KB', 'MB', 'GB', 'TB']);

/** "512 B", "3.1 MB", "12 MB": one decimal below 10 units, none above (1 KB = 1024 B). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  let value = bytes;
  let unit = -1;
  do {
    value /= 1024;
    unit++;
  } while (value >= 1024 && unit < UNITS.length - 1);
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${rounded < 10 ? rounded.toFixed(1) : rounded} ${UNITS[unit]}`;
}

/**
 * An exact count with the display language's digit grouping ("2,000,000", "2.000.000"),
 * for byte counts a person compares (formatBytes would round 2,000 and 1,999 alike).
 */
export function formatExactCount(count: number): string {
  const language = displayLanguage();
  try {
    // VS Code's pseudo-language formats as English (as util/l10nFormat does).
    return new Intl.NumberFormat(language.toLowerCase() === 'qps-ploc' ? 'en' : language, { maximumFractionDigits: 0 }).format(count);
  } catch {
    return String(count);
  }
}
