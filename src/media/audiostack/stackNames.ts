// Names of AudioStack files and folders checked while a person types (New Folder…,
// Rename…): the service's rule, owned by api/files/names.ts and applied by the client too,
// plus a name a sibling already has among what is loaded. Pure: no `vscode` import; the messages through
// @vscode/l10n, one whole sentence per kind (file, folder) so a translation can agree with it.
import * as l10n from '@vscode/l10n';
import { stackNameRuleProblem } from '../../api/audiostack/names';

export { MAX_STACK_NAME } from '../../api/audiostack/names';

export interface NameCheck {
  kind: 'file' | 'folder';
  /** The names of the siblings of the same kind, as loaded (the entry being renamed excluded). */
  siblings: readonly string[];
  /** Where the entry lives, for the message ("Music/Beds"; '' for the top level). */
  folderPath: string;
}

/** Why `value` cannot be the name, or undefined when it can: the service's rule, then the siblings. */
export function stackNameProblem(value: string, check: NameCheck): string | undefined {
  const ruled = stackNameRuleProblem(value, check.kind);
  if (ruled) return ruled;
  const name = value.trim();
  const file = check.kind === 'file';
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
