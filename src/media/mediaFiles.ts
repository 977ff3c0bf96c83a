// The `mediaFiles` entry api.audio's Script and Sound calls take: `{"<name>": "<mediaId>"}`.
// Written by Copy as mediaFiles Entry and by a drop into code. Pure: no `vscode` import.
import * as path from 'node:path';

/**
 * One object for all `items`: names are the file names without extension; a repeated
 * name gets a numeric suffix so no entry is lost.
 */
export function mediaFilesEntry(items: ReadonlyArray<{ filename: string; mediaId: string }>): string {
  return `{${mediaFilesPairs(items)}}`;
}

/** The entry's `"name": "id", …` pairs without braces (to add inside an existing object). */
export function mediaFilesPairs(items: ReadonlyArray<{ filename: string; mediaId: string }>): string {
  const used = new Set<string>();
  const entries = items.map((item) => {
    const stem = path.basename(item.filename, path.extname(item.filename)) || item.mediaId;
    let name = stem;
    for (let n = 2; used.has(name); n++) name = `${stem}_${n}`;
    used.add(name);
    return `${JSON.stringify(name)}: ${JSON.stringify(item.mediaId)}`;
  });
  return entries.join(', ');
}
