// Names of AudioStack files and folders as the service takes them, checked while a person
// types (New Folder…, Rename…): the same rules the Files API applies (1 to 255 characters
// once trimmed, no "/" or "\", no control characters, not "." or ".."), plus a name a
// sibling already has among what is loaded. Pure: no `vscode` import.

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
  const what = check.kind;
  if (name === '') return `Enter a ${what} name.`;
  if (name === '.' || name === '..') return `A ${what} cannot be named "${name}".`;
  if (/[/\\]/.test(name)) return `A ${what} name cannot contain "/" or "\\".`;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return `A ${what} name cannot contain line breaks or control characters.`;
  if (name.length > MAX_STACK_NAME) return `A ${what} name can have at most ${MAX_STACK_NAME} characters (this one has ${name.length}).`;
  if (check.siblings.includes(name)) {
    return `There is already a ${what} "${name}" in ${check.folderPath ? check.folderPath : 'the top level'}. Choose another name.`;
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
