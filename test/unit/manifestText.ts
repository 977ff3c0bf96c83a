// package.json as a person reads it: its `%key%` strings replaced from package.nls.json
// (and package.nls.<language>.json on top), the way VS Code does when it loads the
// extension. Plain Node; the unit and integration suites both read the manifest this way.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type NlsMessages = Record<string, string>;

/** A whole-string `%key%` (VS Code replaces only those: "100%" and "50% of %x%" stay). */
export const NLS_KEY = /^%([^%\s]+)%$/;

/** package.nls.json, with package.nls.<language>.json over it when `language` is given. */
export function readNls(root: string, language?: string): NlsMessages {
  const read = (name: string): NlsMessages => {
    const file = path.join(root, name);
    if (!fs.existsSync(file)) return {};
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string | { message: string }>;
    return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, typeof value === 'string' ? value : value.message]));
  };
  return { ...read('package.nls.json'), ...(language ? read(`package.nls.${language}.json`) : {}) };
}

/** `value` with every `%key%` string replaced from `messages`; a key it lacks is an error. */
export function localize<T>(value: T, messages: NlsMessages): T {
  if (typeof value === 'string') {
    const key = NLS_KEY.exec(value)?.[1];
    if (key === undefined) return value;
    if (!(key in messages)) throw new Error(`package.json uses %${key}%, which no package.nls file defines`);
    return messages[key] as T;
  }
  if (Array.isArray(value)) return value.map((item) => localize(item, messages)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, localize(item, messages)])) as T;
  }
  return value;
}

/** package.json from `root`, as VS Code shows it in `language` (English without one). */
export function readLocalizedManifest<T = Record<string, unknown>>(root: string, language?: string): T {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as T;
  return localize(manifest, readNls(root, language));
}
