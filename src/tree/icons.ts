// The icon of a file row, by its extension (both services' trees).

import * as path from 'node:path';

/** wav: a waveform; mp3: a media file; anything else the service returns: a plain file. */
export function iconFor(filename: string): string {
  const extension = path.extname(filename).toLowerCase();
  if (extension === '.wav') return 'pulse';
  if (extension === '.mp3') return 'file-media';
  return 'file';
}
