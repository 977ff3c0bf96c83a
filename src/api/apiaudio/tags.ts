// Tag rules, in one place for the client (which refuses bad tags) and the UI (which
// offers only good ones). api.audio separates tags with commas on the wire.

import * as l10n from '@vscode/l10n';
import { InvalidInputError } from '../errors';

/** A problem with one tag, or undefined when it is usable. */
export function checkTag(tag: string): string | undefined {
  if (typeof tag !== 'string') return l10n.t('A tag must be text.');
  if (tag.trim() === '') return l10n.t('A tag cannot be empty.');
  if (tag.includes(',')) return l10n.t('The tag "{0}" contains a comma; api.audio separates tags with commas. Use separate tags instead.', tag.trim());
  return undefined;
}

/** Tags as a person typed or picked them: trimmed, without empties or duplicates, in order. */
export function normaliseTags(tags: readonly string[]): string[] {
  const result: string[] = [];
  for (const raw of tags) {
    const tag = typeof raw === 'string' ? raw.trim() : '';
    if (tag !== '' && !result.includes(tag)) result.push(tag);
  }
  return result;
}

/** The same, for tags that go on the wire: any bad tag is refused with its problem. */
export function requireValidTags(tags: readonly string[] | undefined): string[] {
  for (const tag of tags ?? []) {
    const problem = checkTag(tag);
    if (problem) throw new InvalidInputError(problem);
  }
  return normaliseTags(tags ?? []);
}
