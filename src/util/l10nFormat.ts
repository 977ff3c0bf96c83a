// Counts, sizes, durations, dates and lists in the display language, with Intl. Pure: no
// `vscode` import — the caller passes the language (`vscode.env.language`: "en", "de",
// "zh-cn", "pt-br", "qps-ploc"…), so unit tests need no VS Code.
//
// Words stay with vscode.l10n.t at the call site (the extractor reads only literal
// messages there); these helpers give what goes into the placeholders, and `plural` picks
// which translated message to use:
//
//   const lang = vscode.env.language;
//   plural(lang, n, { one: (c) => l10n.t('{0} file', c), other: (c) => l10n.t('{0} files', c) })
//   l10n.t('Downloaded {0} of {1}', formatSize(lang, done), formatSize(lang, total))
//
// What a person reads goes through these; api/format.ts's formatBytes and http.ts's
// formatSeconds stay for the log (English) and for the errors the api layer builds.
// Counts of files and folders: fileCount and folderCount (util/text.ts).

/** Intl's units for sizes, 1024 apart as today's formatBytes counts them. */
const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** VS Code's pseudo-language (for finding untranslated strings) formats as English. */
const PSEUDO = 'qps-ploc';

const cache = new Map<string, unknown>();
/** Intl formatters cost tens of microseconds to build: one per locale and options. */
function cached<T>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** The BCP 47 tag Intl reads for a VS Code language id; English for the pseudo-language or anything Intl refuses. */
export function intlLocale(language: string | undefined): string {
  if (!language || language.toLowerCase() === PSEUDO) return 'en';
  try {
    const [canonical] = Intl.getCanonicalLocales(language);
    return canonical && Intl.NumberFormat.supportedLocalesOf(canonical).length > 0 ? canonical : 'en';
  } catch {
    return 'en';
  }
}

function numberFormat(language: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = intlLocale(language);
  return cached(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

function dateFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = intlLocale(language);
  return cached(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/** A whole count with the language's grouping: "12,345", "12.345". */
export function formatCount(language: string, count: number): string {
  return numberFormat(language, { maximumFractionDigits: 0 }).format(count);
}

/** The messages of a plural, one per CLDR category the language uses; `other` is required. Each gets the formatted count. */
export type PluralForms = { other: (count: string) => string } & Partial<Record<Exclude<Intl.LDMLPluralRule, 'other'>, (count: string) => string>>;

/**
 * The message for `count` in the language's plural rules ("1 file", "3 files"; German
 * "1 Datei", "3 Dateien"), given the formatted count. A category the forms lack (Polish
 * `few` when only `one` and `other` exist) falls back to `other`.
 */
export function plural(language: string, count: number, forms: PluralForms): string {
  const locale = intlLocale(language);
  const rules = cached(`p|${locale}`, () => new Intl.PluralRules(locale));
  const form = forms[rules.select(count)] ?? forms.other;
  return form(formatCount(language, count));
}

/**
 * A size as people read it, with the language's decimal mark and unit: "512 byte",
 * "3.1 kB", "12 MB" ("3,1 kB" in German). Counted in 1024s with one decimal below 10
 * units and none above, as formatBytes does.
 */
export function formatSize(language: string, bytes: number): string {
  let value = Number.isFinite(bytes) ? Math.max(0, bytes) : 0;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) value = Math.round(value);
  else value = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  const digits = unit > 0 && value < 10 ? 1 : 0;
  return numberFormat(language, {
    style: 'unit',
    unit: SIZE_UNITS[unit],
    unitDisplay: 'short',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/**
 * A duration: "1.5 sec" and "42 sec" under a minute (German "1,5 Sek."), then a clock,
 * "3:05" or "1:02:03", the same in every language. Empty for a negative or unknown value.
 */
export function formatDuration(language: string, seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  const whole = Math.round(seconds);
  if (whole < 60) {
    const digits = seconds < 10 ? 1 : 0;
    const value = digits ? Math.round(seconds * 10) / 10 : whole;
    return numberFormat(language, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
  }
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO date from a server as people read it, in UTC so every machine shows the same
 * moment: "Mar 14, 2023, 09:26 UTC" (German "14. März 2023, 09:26 UTC"), or the day alone
 * for a date without a time. Undefined for anything that is not an ISO date.
 */
export function formatDate(language: string, value: string): string | undefined {
  if (!ISO_DATE.test(value)) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  const day: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  if (!value.includes('T')) return dateFormat(language, day).format(date);
  return dateFormat(language, { ...day, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(date);
}

/** A time of day on this machine's clock, for "refreshed at …": "9:26 PM", "21:26". */
export function formatTime(language: string, epochMs: number, timeZone?: string): string {
  return dateFormat(language, { timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(epochMs));
}

/** Names as a list in the language: "a, b, and c", "a, b und c" (`unit`: "a, b, c"). */
export function formatList(language: string, items: readonly string[], type: 'conjunction' | 'disjunction' | 'unit' = 'conjunction'): string {
  const locale = intlLocale(language);
  return cached(`l|${locale}|${type}`, () => new Intl.ListFormat(locale, { type, style: type === 'unit' ? 'narrow' : 'long' })).format(items);
}
