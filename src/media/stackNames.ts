// Names of AudioStack files and folders as the service takes them, checked while a person
// types (New Folder…, Rename…): the same rules the Files API applies (1 to 255 characters
// once trimmed, no "/" or "\", no control characters, not "." or ".."), plus a name a
// sibling already has among what is loaded. Pure: no `vscode` import; the messages through
// @vscode/l10n, one whole sentence per kind (file, folder) so a translation can agree with it.
import * as l10n from '@vscode/l10n';
import { displayLanguage } from '../api/l10n';
import { formatCount } from '../util/l10nFormat';

export const MAX_STACK_NAME = 255;

export interface NameCheck {
  kind: 'file' | 'folder';
  /** The names of the siblings of the same kind, as loaded (the entry being renamed excluded). */
  siblings: readonly string[];
  /** Where the entry lives, for the message ("Music/Beds"; '' for the top level). */
  folderPath: string;
}

/** Why `value` cannot be the name, or undefined when it can. */
export function stackNameProblem(value: string, check: NameCheck): string | undefined {
  const name = value.trim();
  const file = check.kind === 'file';
  if (name === '') return file ? l10n.t('Enter a file name.') : l10n.t('Enter a folder name.');
  if (name === '.' || name === '..') return file ? l10n.t('A file cannot be named "{0}".', name) : l10n.t('A folder cannot be named "{0}".', name);
  if (/[/\\]/.test(name)) return file ? l10n.t('A file name cannot contain "/" or "\\".') : l10n.t('A folder name cannot contain "/" or "\\".');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) {
    return file ? l10n.t('A file name cannot contain line breaks or control characters.') : l10n.t('A folder name cannot contain line breaks or control characters.');
  }
  if (name.length > MAX_STACK_NAME) {
    const language = displayLanguage();
    const args = [formatCount(language, MAX_STACK_NAME), formatCount(language, name.length)];
    return file
      ? l10n.t({ message: 'A file name can have at most {0} characters (this one has {1}).', args, comment: ['{0} is the most characters a name may have, {1} how many it has'] })
      : l10n.t({ message: 'A folder name can have at most {0} characters (this one has {1}).', args, comment: ['{0} is the most characters a name may have, {1} how many it has'] });
  }
  if (check.siblings.includes(name)) {
    if (!check.folderPath) {
      return file
        ? l10n.t({ message: 'There is already a file "{0}" in the top level. Choose another name.', args: [name], comment: ['{0} is a file name'] })
        : l10n.t({ message: 'There is already a folder "{0}" in the top level. Choose another name.', args: [name], comment: ['{0} is a folder name'] });
    }
    return file
      ? l10n.t({ message: 'There is already a file "{0}" in {1}. Choose another name.', args: [name, check.folderPath], comment: ['{0} is a file name, {1} a folder path'] })
      : l10n.t({ message: 'There is already a folder "{0}" in {1}. Choose another name.', args: [name, check.folderPath], comment: ['{0} is a folder name, {1} a folder path'] });
  }
  return undefined;
}

/** The part of a file name before its extension (what Rename… selects): `calm-pad` of `calm-pad.wav`. */
export function baseNameLength(fileName: string): number {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? dot : fileName.length;
}

/** A name not taken among `siblings`: `New Folder`, `New Folder 2`, … */
export function freeName(base: string, siblings: readonly string[]): string {
  if (!siblings.includes(base)) return base;
  for (let n = 2; ; n++) if (!siblings.includes(`${base} ${n}`)) return `${base} ${n}`;
}
