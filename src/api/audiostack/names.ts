// The names of AudioStack files and folders as the service takes them: 1 to 255 characters
// once trimmed, no "/" or "\", no control characters, not "." or "..". One owner for the
// client (which refuses such a name before sending it) and for the prompts (which add the
// sibling check). Pure: no `vscode` import; one whole sentence per kind (file, folder).
import * as l10n from '@vscode/l10n';
import { displayLanguage } from '../l10n';

export const MAX_STACK_NAME = 255;

/** Why `value` cannot name a file or folder on AudioStack, or undefined when it can. */
export function stackNameRuleProblem(value: string, kind: 'file' | 'folder'): string | undefined {
  const name = typeof value === 'string' ? value.trim() : '';
  const file = kind === 'file';
  if (name === '') return file ? l10n.t('Enter a file name.') : l10n.t('Enter a folder name.');
  if (name === '.' || name === '..') return file ? l10n.t('A file cannot be named "{0}".', name) : l10n.t('A folder cannot be named "{0}".', name);
  if (/[/\\]/.test(name)) return file ? l10n.t('A file name cannot contain "/" or "\\".') : l10n.t('A folder name cannot contain "/" or "\\".');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) {
    return file ? l10n.t('A file name cannot contain line breaks or control characters.') : l10n.t('A folder name cannot contain line breaks or control characters.');
  }
  if (name.length > MAX_STACK_NAME) {
    const count = new Intl.NumberFormat(displayLanguage(), { maximumFractionDigits: 0 });
    const args = [count.format(MAX_STACK_NAME), count.format(name.length)];
    return file
      ? l10n.t({ message: 'A file name can have at most {0} characters (this one has {1}).', args, comment: ['{0} is the most characters a name may have, {1} how many it has'] })
      : l10n.t({ message: 'A folder name can have at most {0} characters (this one has {1}).', args, comment: ['{0} is the most characters a name may have, {1} how many it has'] });
  }
  return undefined;
}
