// Local file names derived from server data. The name comes from a URL the server chose,
// so it is treated as hostile: it must be one plain file name on every OS.

import * as path from 'node:path';

export const FALLBACK_FILE_NAME = 'media';

/** Bytes (UTF-8) most file systems accept for one name component is 255; keep a margin. */
const MAX_NAME_BYTES = 200;

const RESERVED_DEVICE_NAME = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])$/i;

/**
 * Turns any string into a safe single file name: no path separators or `..`, no control
 * characters, nothing Windows refuses (`<>:"|?*`, trailing dots/spaces, device names such
 * as `CON` or `com1.mp3`), length-capped, never empty (falls back to `media`).
 */
export function sanitizeFileName(name: string): string {
  let result = name
    // Control characters (C0, DEL, C1) and the characters Windows forbids.
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*]/g, '_')
    .replace(/[/\\]/g, '_')
    // Bidi overrides and zero-width characters make names display misleadingly.
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .trim();

  // `..` anywhere could be read as a parent reference once joined; dot runs become one dot.
  result = result.replace(/\.{2,}/g, '.');
  // Trailing dots and spaces are silently dropped by Windows; leading dots hide files.
  result = result.replace(/[. ]+$/, '').replace(/^[. ]+/, '');

  result = capLength(result);
  result = result.replace(/[. ]+$/, '');

  if (result === '') {
    return FALLBACK_FILE_NAME;
  }
  const stem = result.split('.')[0].trim();
  if (RESERVED_DEVICE_NAME.test(stem)) {
    result = `_${result}`;
  }
  return result;
}

/**
 * The file name the Python SDK would use for a download URL: the last path segment,
 * query removed, percent-decoded. Not yet sanitised.
 */
export function fileNameFromUrl(url: string): string {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    pathname = url.split(/[?#]/)[0];
  }
  const segment = pathname.split('/').filter((part) => part !== '').pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * `name` in at most `maxChars` characters (UTF-16 code units): a longer one loses the end
 * of its stem, never a short extension (as the file-name cap keeps it) and never half of a
 * surrogate pair. Bounds server names before a person sees them or sanitizeFileName cuts
 * them further, so a hostile length cannot cost a file its type.
 */
export function shortenKeepingExtension(name: string, maxChars: number): string {
  if (name.length <= maxChars) {
    return name;
  }
  const ext = shortExtension(name);
  const keepExt = ext.length < maxChars ? ext : '';
  let stem = name.slice(0, maxChars - keepExt.length);
  if (/[\ud800-\udbff]$/.test(stem)) {
    stem = stem.slice(0, -1);
  }
  return stem + keepExt;
}

/** `name (n).ext` for the n-th alternative to `name.ext`. */
export function numberedFileName(fileName: string, n: number): string {
  const ext = path.extname(fileName);
  const stem = ext ? fileName.slice(0, -ext.length) : fileName;
  return `${stem} (${n})${ext}`;
}

function capLength(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= MAX_NAME_BYTES) {
    return name;
  }
  // Keep a short extension when there is one, shorten the stem.
  const keepExt = shortExtension(name);
  let stem = keepExt ? name.slice(0, -keepExt.length) : name;
  const budget = MAX_NAME_BYTES - Buffer.byteLength(keepExt, 'utf8');
  const chars = Array.from(stem).slice(0, budget);
  while (chars.length > 0 && Buffer.byteLength(chars.join(''), 'utf8') > budget) {
    chars.pop();
  }
  stem = chars.join('');
  return stem + keepExt;
}

/** The extension a shortened name keeps: `.mp3`, up to 16 characters with its dot; '' for none or a longer one. */
function shortExtension(name: string): string {
  const ext = path.extname(name);
  return ext.length > 1 && ext.length <= 16 ? ext : '';
}
