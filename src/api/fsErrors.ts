// Local file-system failures in words a person can act on (shared by upload and download).

/**
 * Why reading a file (`read`) or writing into a folder (`write`) failed, as a short
 * clause: "the file does not exist", "the disk is full".
 */
export function describeFsError(error: unknown, operation: 'read' | 'write'): string {
  const code = (error as { code?: string } | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return operation === 'read' ? 'the file does not exist' : 'the folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return operation === 'read' ? 'the file cannot be read (permission denied)' : 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    default:
      if (operation === 'read') return `the file cannot be read${code ? ` (${code})` : ''}`;
      return code ? `error ${code}` : 'unknown error';
  }
}
