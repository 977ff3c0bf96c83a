// Local file-system failures in words a person can act on (shared by upload and download).
// Each clause is one message of its own; the callers put it into a whole sentence's
// placeholder after a colon ("Cannot write {0}: {1}.").

import * as l10n from '@vscode/l10n';

/**
 * Why reading a file (`read`) or writing into a folder (`write`) failed, as a short
 * clause: "the file does not exist", "the disk is full".
 */
export function describeFsError(error: unknown, operation: 'read' | 'write'): string {
  const code = (error as { code?: string } | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return operation === 'read' ? l10n.t('the file does not exist') : l10n.t('the folder does not exist');
    case 'EACCES':
    case 'EPERM':
      return operation === 'read' ? l10n.t('the file cannot be read (permission denied)') : l10n.t('permission denied');
    case 'EISDIR':
      return l10n.t('it is a folder, not a file');
    case 'ENOSPC':
      return l10n.t('the disk is full');
    case 'EROFS':
      return l10n.t('the disk is read-only');
    default:
      if (operation === 'read') return code ? l10n.t('the file cannot be read ({0})', code) : l10n.t('the file cannot be read');
      return code ? l10n.t('error {0}', code) : l10n.t('unknown error');
  }
}
