// Text a server chose (error messages, warnings, XML fields) is shown and logged only
// after this: no terminal escapes, no line breaks that would forge log lines, no
// invisible direction overrides.

/** ESC-introduced sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`), and two-byte escapes. */
const ANSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]?|\u009b[0-?]*[ -/]*[@-~]/g;
/** C0 and C1 controls (CR, LF and TAB included) and DEL. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]+/g;
/** Bidirectional overrides/isolates and zero-width characters. */
const INVISIBLE_FORMATTING = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** `text` on one line, without escape sequences, control or invisible formatting characters. */
export function sanitizeServerText(text: string): string {
  return text
    .replace(ANSI_SEQUENCE, '')
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(INVISIBLE_FORMATTING, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Any character sanitizeServerText() would change (a quick test before the full clean-up). */
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|^\s|\s$| {2}/;

/**
 * A name a server chose (file name, tag) as it may be shown: cleaned like server text, and
 * returned as-is (no copy) in the usual case where there is nothing to clean.
 */
export function sanitizeServerName(name: string): string {
  return NEEDS_CLEANING.test(name) ? sanitizeServerText(name) : name;
}
