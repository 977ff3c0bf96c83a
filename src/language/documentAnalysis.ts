// Where a document mentions media IDs. Pure text analysis, no `vscode` import: the
// language providers, the drop provider and the unit tests all read the same answer.
//
// Each supported language gets a small tokenizer (strings, words, punctuation; comments
// skipped), then one pass over the tokens keeps a stack of open brackets (and, in YAML,
// indented block keys) to tell which key a value belongs to:
//   mediaId="…"  "mediaId": "…"  mediaId: "…"  mediaId: …        -> role 'mediaId'
//   mediaFiles=[{"bed": "…"}]  "mediaFiles": {"bed": "…"}  YAML blocks  -> role 'mediaFiles'
//   file_id="…"  fileId: "…"  "fileId": "…"  fileId: …        -> role 'fileId' (AudioStack)
// Everything else that is a string (a word in plain text) has role 'other'.

import { LANGUAGE_KINDS, type LanguageKind } from './languageIds';
export { SUPPORTED_LANGUAGE_IDS, type LanguageKind } from './languageIds';

export function languageKindOf(languageId: string): LanguageKind | undefined {
  return Object.prototype.hasOwnProperty.call(LANGUAGE_KINDS, languageId) ? LANGUAGE_KINDS[languageId] : undefined;
}

/** The key a media ID is written under. */
export const MEDIA_ID_KEY = 'mediaId';
/** The parameter whose entries map script names to media IDs. */
export const MEDIA_FILES_KEY = 'mediaFiles';

/** The keys (and Python keyword arguments) an AudioStack file ID is written under. */
export const FILE_ID_KEYS: readonly string[] = Object.freeze(['fileId', 'file_id']);

/**
 * `mediaId`: an api.audio (v1) media ID; `fileId`: an AudioStack file ID; `mediaFiles`: an
 * entry of mediaFiles, which may hold either (see fileInsight.ts for how that is decided).
 */
export type ValueRole = 'mediaId' | 'mediaFiles' | 'fileId' | 'other';

/** One string (a YAML scalar, a word in plain text) and what it stands for. */
export interface ValueOccurrence {
  /** Offsets of the value's text: inside the quotes for a quoted string. */
  start: number;
  end: number;
  /** The value as the language reads it (escapes resolved). */
  value: string;
  role: ValueRole;
  /** The key it is written under (`mediaId`, the mediaFiles entry's name, …), if any. */
  key?: string;
  /** The opening quote (`"`, `'`, `` ` ``, `"""`, …); undefined for bare values. */
  quote?: string;
  /** Interpolated or templated (`f"{x}"`, `` `${x}` ``, `{{x}}`): never a literal ID. */
  dynamic: boolean;
  /** False for a string still being typed (no closing quote on its line). */
  terminated: boolean;
}

/** `<<media::name>>` in api.audio script text. */
export interface MediaPlaceholder {
  start: number;
  end: number;
  name: string;
}

export interface DocumentAnalysis {
  language: LanguageKind;
  /** Sorted by start. */
  values: ValueOccurrence[];
  placeholders: MediaPlaceholder[];
}

// ---------------------------------------------------------------------------------------
// Tokens

interface StringToken {
  t: 'str';
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  value: string;
  quote: string;
  dynamic: boolean;
  terminated: boolean;
}

interface WordToken {
  t: 'word';
  start: number;
  end: number;
  value: string;
}

interface PunctToken {
  t: 'p';
  start: number;
  end: number;
  value: string;
}

type Token = StringToken | WordToken | PunctToken;

const OPERATOR_CHARS = '=!<>+-*/%&|^~@.;?';
const BRACKETS = '{}[]()';
const CLOSER_OF: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n' || char === '\f' || char === '\v' || char === '\u00a0' || char === '\ufeff';
}

function isIdentStart(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z_$\u00c0-\uffff]/.test(char);
}

function isIdentPart(char: string | undefined): boolean {
  return char !== undefined && /[\w$\u00c0-\uffff]/.test(char);
}

function lineEnd(text: string, from: number): number {
  const index = text.indexOf('\n', from);
  return index < 0 ? text.length : index;
}

/** The usual backslash escapes; an unknown escape keeps its backslash (as Python does). */
function unescapeBackslashes(raw: string): string {
  return raw.replace(/\\(\r\n|[\s\S])/g, (_match, char: string) => {
    switch (char) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case '0':
        return '\0';
      case '\\':
      case '"':
      case "'":
      case '`':
      case '/':
        return char;
      case '\n':
      case '\r\n':
        return '';
      default:
        return `\\${char}`;
    }
  });
}

function looksTemplated(value: string): boolean {
  return value.includes('${') || value.includes('{{');
}

/**
 * A quoted string from `quoteStart` (where the quote begins). `multiline`: may span lines
 * (else it ends, unterminated, at the line's end). `escape`: how the quote is escaped.
 */
function scanQuoted(
  text: string,
  start: number,
  quoteStart: number,
  quote: string,
  options: { multiline: boolean; escape: 'backslash' | 'double' | 'none-but-quote' },
): StringToken & { rawContent: string } {
  const contentStart = quoteStart + quote.length;
  let i = contentStart;
  while (i < text.length) {
    const char = text[i];
    if ((options.escape === 'backslash' || options.escape === 'none-but-quote') && char === '\\') {
      i += 2;
      continue;
    }
    if (!options.multiline && char === '\n') break;
    if (text.startsWith(quote, i)) {
      if (options.escape === 'double' && text.startsWith(quote, i + 1)) {
        i += 2;
        continue;
      }
      const rawContent = text.slice(contentStart, i);
      return { t: 'str', start, end: i + quote.length, contentStart, contentEnd: i, value: rawContent, quote, dynamic: false, terminated: true, rawContent };
    }
    i++;
  }
  const contentEnd = Math.min(i, text.length);
  const rawContent = text.slice(contentStart, contentEnd);
  return { t: 'str', start, end: contentEnd, contentStart, contentEnd, value: rawContent, quote, dynamic: false, terminated: false, rawContent };
}

// Python: # comments; '…' "…" '''…''' """…""" with r/b/u/f prefixes.
function tokenizePython(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (isSpace(char)) {
      i++;
      continue;
    }
    if (char === '#') {
      i = lineEnd(text, i);
      continue;
    }
    if (char === '\\') {
      i += 2;
      continue;
    }
    const prefix = /^[rRuUbBfF]{0,2}(?=['"])/.exec(text.slice(i, i + 3));
    if (prefix && (prefix[0] === '' || !isIdentPart(text[i - 1]))) {
      const flags = prefix[0].toLowerCase();
      const quoteStart = i + prefix[0].length;
      const q = text[quoteStart];
      const quote = text.startsWith(q.repeat(3), quoteStart) ? q.repeat(3) : q;
      const raw = flags.includes('r');
      const token = scanQuoted(text, i, quoteStart, quote, { multiline: quote.length === 3, escape: raw ? 'none-but-quote' : 'backslash' });
      token.value = raw ? token.rawContent : unescapeBackslashes(token.rawContent);
      const formatted = flags.includes('f');
      // In an f-string `{x}` is a field and `{{` a literal brace.
      if (formatted) token.value = token.value.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      token.dynamic = (formatted && /\{/.test(token.rawContent.replace(/\{\{/g, ''))) || looksTemplated(token.value);
      tokens.push(stripRaw(token));
      i = token.end;
      continue;
    }
    i = scanCommon(text, i, tokens);
  }
  return tokens;
}

function stripRaw(token: StringToken & { rawContent?: string }): StringToken {
  const { rawContent: _raw, ...rest } = token;
  return rest;
}

/** Words, numbers, brackets and operator runs: the same in Python, JS and JSON. */
function scanCommon(text: string, i: number, tokens: Token[]): number {
  const char = text[i];
  if (isIdentStart(char)) {
    let j = i + 1;
    while (isIdentPart(text[j])) j++;
    tokens.push({ t: 'word', start: i, end: j, value: text.slice(i, j) });
    return j;
  }
  if (/[0-9]/.test(char)) {
    let j = i + 1;
    while (j < text.length && /[\w.]/.test(text[j])) j++;
    tokens.push({ t: 'word', start: i, end: j, value: text.slice(i, j) });
    return j;
  }
  if (BRACKETS.includes(char) || char === ',' || char === ':') {
    tokens.push({ t: 'p', start: i, end: i + 1, value: char });
    return i + 1;
  }
  if (OPERATOR_CHARS.includes(char)) {
    let j = i + 1;
    while (j < text.length && OPERATOR_CHARS.includes(text[j]) && !(text[j] === '/' && (text[j + 1] === '/' || text[j + 1] === '*'))) j++;
    tokens.push({ t: 'p', start: i, end: j, value: text.slice(i, j) });
    return j;
  }
  return i + 1;
}

const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

/** Whether a `/` here starts a regular expression literal rather than a division. */
function regexCanStart(previous: Token | undefined): boolean {
  if (!previous) return true;
  if (previous.t === 'str') return false;
  if (previous.t === 'word') return REGEX_AFTER_WORDS.has(previous.value);
  return !(previous.value === ')' || previous.value === ']' || previous.value === '}');
}

// JavaScript / TypeScript / JSON: // and /* */ comments; '…' "…" `…${}…`; regex literals.
function tokenizeJs(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (isSpace(char)) {
      i++;
      continue;
    }
    if (char === '/' && text[i + 1] === '/') {
      i = lineEnd(text, i);
      continue;
    }
    if (char === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
      continue;
    }
    if (char === '/' && regexCanStart(tokens[tokens.length - 1])) {
      const end = skipRegex(text, i);
      tokens.push({ t: 'word', start: i, end, value: text.slice(i, end) });
      i = end;
      continue;
    }
    if (char === '"' || char === "'") {
      const token = scanQuoted(text, i, i, char, { multiline: false, escape: 'backslash' });
      token.value = unescapeBackslashes(token.rawContent);
      token.dynamic = looksTemplated(token.value);
      tokens.push(stripRaw(token));
      i = token.end;
      continue;
    }
    if (char === '`') {
      const token = scanTemplate(text, i);
      tokens.push(token);
      i = token.end;
      continue;
    }
    i = scanCommon(text, i, tokens);
  }
  return tokens;
}

function skipRegex(text: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < text.length && text[i] !== '\n') {
    const char = text[i];
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) {
      i++;
      while (/[a-z]/i.test(text[i] ?? '')) i++;
      return i;
    }
    i++;
  }
  return i;
}

/** A template literal; `${…}` (nesting braces counted) makes it dynamic. */
function scanTemplate(text: string, start: number): StringToken {
  let i = start + 1;
  let dynamic = false;
  while (i < text.length) {
    const char = text[i];
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (char === '`') {
      const raw = text.slice(start + 1, i);
      return { t: 'str', start, end: i + 1, contentStart: start + 1, contentEnd: i, value: unescapeBackslashes(raw), quote: '`', dynamic, terminated: true };
    }
    if (char === '$' && text[i + 1] === '{') {
      dynamic = true;
      let depth = 1;
      i += 2;
      while (i < text.length && depth > 0) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}') depth--;
        i++;
      }
      continue;
    }
    i++;
  }
  const raw = text.slice(start + 1);
  return { t: 'str', start, end: text.length, contentStart: start + 1, contentEnd: text.length, value: unescapeBackslashes(raw), quote: '`', dynamic, terminated: false };
}

// YAML: # comments (at a line start or after a space); "…" (backslash escapes) and '…'
// ('' escapes), both may span lines; plain scalars; flow collections; block scalars
// (| and >) skipped; anchors, aliases and tags skipped.
function tokenizeYaml(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let flowDepth = 0;
  let lineStart = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '\n') {
      i++;
      lineStart = i;
      continue;
    }
    if (isSpace(char)) {
      i++;
      continue;
    }
    const atLineStart = i === lineStart;
    if (char === '#' && (i === 0 || isSpace(text[i - 1]))) {
      i = lineEnd(text, i);
      continue;
    }
    if (atLineStart && /^(---|\.\.\.)(\s|$)/.test(text.slice(i, i + 4))) {
      i += 3;
      continue;
    }
    if (char === '"' || char === "'") {
      const token = scanQuoted(text, i, i, char, { multiline: true, escape: char === '"' ? 'backslash' : 'double' });
      token.value = char === '"' ? unescapeBackslashes(token.rawContent) : token.rawContent.replace(/''/g, "'");
      token.dynamic = looksTemplated(token.value);
      tokens.push(stripRaw(token));
      i = token.end;
      continue;
    }
    if (char === '[' || char === '{') {
      flowDepth++;
      tokens.push({ t: 'p', start: i, end: i + 1, value: char });
      i++;
      continue;
    }
    if (char === ']' || char === '}') {
      flowDepth = Math.max(0, flowDepth - 1);
      tokens.push({ t: 'p', start: i, end: i + 1, value: char });
      i++;
      continue;
    }
    if (char === ',' && flowDepth > 0) {
      tokens.push({ t: 'p', start: i, end: i + 1, value: ',' });
      i++;
      continue;
    }
    const next = text[i + 1];
    const endsIndicator = next === undefined || isSpace(next) || (flowDepth > 0 && ',[]{}'.includes(next));
    if ((char === '-' || char === '?') && (next === undefined || isSpace(next))) {
      tokens.push({ t: 'p', start: i, end: i + 1, value: char });
      i++;
      continue;
    }
    if (char === ':' && (endsIndicator || tokens[tokens.length - 1]?.t === 'str')) {
      tokens.push({ t: 'p', start: i, end: i + 1, value: ':' });
      i++;
      continue;
    }
    if (char === '&' || char === '!' || char === '*') {
      while (i < text.length && !isSpace(text[i]) && !(flowDepth > 0 && ',[]{}'.includes(text[i]))) i++;
      continue;
    }
    if ((char === '|' || char === '>') && /^[|>][-+0-9]*[ \t]*(#.*)?$/.test(text.slice(i, lineEnd(text, i)).trimEnd())) {
      i = skipBlockScalar(text, lineStart, lineEnd(text, i));
      lineStart = i;
      continue;
    }
    // A plain scalar: up to ": ", " #", the line's end or (in a flow) a flow indicator.
    let j = i;
    while (j < text.length && text[j] !== '\n') {
      const c = text[j];
      if (c === ':' && (j + 1 >= text.length || isSpace(text[j + 1]) || (flowDepth > 0 && ',[]{}'.includes(text[j + 1])))) break;
      if (c === '#' && isSpace(text[j - 1])) break;
      if (flowDepth > 0 && ',[]{}'.includes(c)) break;
      j++;
    }
    let end = j;
    while (end > i && isSpace(text[end - 1])) end--;
    const value = text.slice(i, end);
    tokens.push({ t: 'str', start: i, end, contentStart: i, contentEnd: end, value, quote: '', dynamic: looksTemplated(value), terminated: true });
    i = j;
  }
  return tokens;
}

/** Skips the content lines of a block scalar: blank lines and lines indented more than its key's line. */
function skipBlockScalar(text: string, keyLineStart: number, headerEnd: number): number {
  const keyIndent = indentAt(text, keyLineStart);
  let i = headerEnd + 1;
  while (i < text.length) {
    const end = lineEnd(text, i);
    const line = text.slice(i, end);
    if (line.trim() !== '' && indentAt(text, i) <= keyIndent) return i;
    i = end + 1;
  }
  return text.length;
}

function indentAt(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i - lineStart;
}

// Plain text: words; `:` and `=` kept so that `mediaId: …` and `mediaId=…` are seen.
function tokenizeText(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /[A-Za-z0-9_][A-Za-z0-9_-]*|[:=]|\n/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const value = match[0];
    if (value === ':' || value === '=' || value === '\n') tokens.push({ t: 'p', start: match.index, end: match.index + 1, value });
    else tokens.push({ t: 'str', start: match.index, end: match.index + value.length, contentStart: match.index, contentEnd: match.index + value.length, value, quote: '', dynamic: false, terminated: true });
  }
  return tokens;
}

function tokenize(text: string, language: LanguageKind): Token[] {
  switch (language) {
    case 'python':
      return tokenizePython(text);
    case 'js':
    case 'json':
      return tokenizeJs(text);
    case 'yaml':
      return tokenizeYaml(text);
    case 'text':
      return tokenizeText(text);
  }
}

// ---------------------------------------------------------------------------------------
// Structure

interface Frame {
  /** `{`, `[`, `(`, or `block` for a YAML key whose value is the indented lines below. */
  open: string;
  /** The key the bracket or block is the value of. */
  key?: string;
  /** The word before a `(` (a call's callee). */
  callee?: string;
  /** YAML blocks: the key's column. */
  indent?: number;
  /** YAML blocks: where the key starts. */
  keyStart?: number;
}

/** What the analysis knows at a point of the document. */
export interface PositionContext {
  /** The string (scalar, word) the offset is in, if any (its start <= offset <= its end). */
  value?: ValueOccurrence;
  /** Outside a value: the role a value written here would have, and its key. */
  role: ValueRole;
  key?: string;
  /** Inside a mediaFiles collection (a list of entries, or the entry object). */
  inMediaFiles: 'list' | 'object' | undefined;
}

function keyOf(token: Token | undefined): string | undefined {
  if (!token) return undefined;
  if (token.t === 'word') return token.value;
  if (token.t === 'str' && !token.dynamic) return token.value;
  return undefined;
}

/** `key :` or `key =` just before: that key. */
function keyBefore(previous: Token | undefined, beforePrevious: Token | undefined): string | undefined {
  if (previous?.t !== 'p' || (previous.value !== ':' && previous.value !== '=')) return undefined;
  return keyOf(beforePrevious);
}

function roleFor(key: string | undefined, frames: readonly Frame[]): ValueRole {
  if (key === undefined) return 'other';
  if (key === MEDIA_ID_KEY) return 'mediaId';
  if (FILE_ID_KEYS.includes(key)) return 'fileId';
  return mediaFilesDepth(frames) === undefined ? 'other' : 'mediaFiles';
}

/**
 * Whether the innermost keyed container is the value of `mediaFiles`, skipping anonymous
 * lists, objects and `dict(…)` calls in between: `mediaFiles=[{…}]`, `mediaFiles: {…}`.
 * Returns the index of that container, or undefined.
 */
function mediaFilesDepth(frames: readonly Frame[]): number | undefined {
  for (let index = frames.length - 1; index >= 0; index--) {
    const frame = frames[index];
    if (frame.key !== undefined) return frame.key === MEDIA_FILES_KEY ? index : undefined;
    if (frame.open === '(' && frame.callee !== 'dict') return undefined;
  }
  return undefined;
}

/** Where in a mediaFiles collection a frame stack is. */
function mediaFilesPlace(frames: readonly Frame[]): 'list' | 'object' | undefined {
  if (mediaFilesDepth(frames) === undefined) return undefined;
  return frames[frames.length - 1].open === '[' ? 'list' : 'object';
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function occurrenceOf(token: StringToken, role: ValueRole, key: string | undefined): ValueOccurrence {
  return {
    start: token.contentStart,
    end: token.contentEnd,
    value: token.value,
    role,
    ...(key !== undefined ? { key } : {}),
    ...(token.quote !== '' ? { quote: token.quote } : {}),
    dynamic: token.dynamic,
    terminated: token.terminated,
  };
}

interface WalkResult {
  values: ValueOccurrence[];
  /** The state just before the first token at or after `stopAt` (when given). */
  at?: { frames: Frame[]; previous?: Token; beforePrevious?: Token; sameLinePrevious: boolean };
}

function walk(text: string, language: LanguageKind, stopAt?: number): WalkResult {
  const tokens = tokenize(text, language);
  const values: ValueOccurrence[] = [];
  const frames: Frame[] = [];
  let previous: Token | undefined;
  let beforePrevious: Token | undefined;
  let result: WalkResult['at'];
  let lastLine = -1;
  let lineStartOffset = 0;

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (stopAt !== undefined && !result && token.start >= stopAt) result = snapshot(text, stopAt, frames, previous, beforePrevious);
    if (language === 'text' && token.t === 'p' && token.value === '\n') {
      previous = beforePrevious = undefined;
      continue;
    }
    if (language === 'yaml') {
      const start = lineStartOf(text, token.start);
      if (start !== lastLine) {
        lastLine = start;
        lineStartOffset = start;
        if (!frames.some((frame) => frame.open !== 'block')) {
          // A new line outside flow collections closes the blocks it is not indented under.
          const column = token.start - start;
          const isDash = token.t === 'p' && token.value === '-';
          while (frames.length && (isDash ? frames[frames.length - 1].indent! > column : frames[frames.length - 1].indent! >= column)) frames.pop();
          previous = beforePrevious = undefined;
        }
      }
    }
    if (token.t === 'p' && CLOSER_OF[token.value]) {
      frames.push({
        open: token.value,
        key: keyBefore(previous, beforePrevious),
        callee: token.value === '(' && previous?.t === 'word' ? previous.value : undefined,
      });
    } else if (token.t === 'p' && (token.value === '}' || token.value === ']' || token.value === ')')) {
      const opener = token.value === '}' ? '{' : token.value === ']' ? '[' : '(';
      const match = frames.map((frame) => frame.open).lastIndexOf(opener);
      if (match >= 0) frames.length = match;
    } else if (token.t === 'str') {
      const key = keyBefore(previous, beforePrevious);
      const sameLine = language !== 'text' || (previous !== undefined && !text.slice(previous.end, token.start).includes('\n'));
      values.push(occurrenceOf(token, sameLine ? roleFor(key, frames) : 'other', key));
    } else if (language === 'yaml' && token.t === 'p' && token.value === ':') {
      // `key:` with nothing after it on its line: the indented lines below are its value.
      const next = tokens[index + 1];
      const key = keyOf(previous);
      if (key !== undefined && previous && (!next || text.slice(token.end, next.start).includes('\n'))) {
        frames.push({ open: 'block', key, indent: previous.start - lineStartOffset, keyStart: previous.start });
      }
    }
    beforePrevious = previous;
    previous = token;
  }
  if (stopAt !== undefined && !result) result = snapshot(text, stopAt, frames, previous, beforePrevious);
  return { values, at: result };
}

function snapshot(text: string, offset: number, frames: readonly Frame[], previous: Token | undefined, beforePrevious: Token | undefined): NonNullable<WalkResult['at']> {
  const sameLinePrevious = previous !== undefined && !text.slice(previous.end, offset).includes('\n');
  return { frames: frames.map((frame) => ({ ...frame })), previous, beforePrevious, sameLinePrevious };
}

const PLACEHOLDER = /<<media::([^<>\s]+?)>>/g;

function findPlaceholders(text: string): MediaPlaceholder[] {
  const found: MediaPlaceholder[] = [];
  for (let match = PLACEHOLDER.exec(text); match; match = PLACEHOLDER.exec(text)) {
    found.push({ start: match.index, end: match.index + match[0].length, name: match[1] });
  }
  PLACEHOLDER.lastIndex = 0;
  return found;
}

export function analyzeDocument(text: string, language: LanguageKind): DocumentAnalysis {
  // The value of a key is the value token; the key token itself has no key before it.
  const { values } = walk(text, language);
  return { language, values, placeholders: findPlaceholders(text) };
}

/** The value whose text contains `offset` (its end included: the cursor after the last character). */
export function valueAt(analysis: DocumentAnalysis, offset: number): ValueOccurrence | undefined {
  let low = 0;
  let high = analysis.values.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = analysis.values[middle];
    if (value.end < offset) low = middle + 1;
    else if (value.start > offset) high = middle - 1;
    else return value;
  }
  return undefined;
}

export function placeholderAt(analysis: DocumentAnalysis, offset: number): MediaPlaceholder | undefined {
  return analysis.placeholders.find((placeholder) => placeholder.start <= offset && offset <= placeholder.end);
}

/** The mediaFiles entries a document defines: name -> media ID (the first definition wins). */
export function mediaFilesEntries(analysis: DocumentAnalysis): Map<string, string> {
  const entries = new Map<string, string>();
  for (const value of analysis.values) {
    if (value.role === 'mediaFiles' && value.key !== undefined && !value.dynamic && !entries.has(value.key)) entries.set(value.key, value.value);
  }
  return entries;
}

/**
 * Values that are written where an ID belongs (mediaId, a mediaFiles entry, fileId/file_id)
 * and are literal; `roles` narrows them (default: every ID role).
 */
export function mediaIdValues(analysis: DocumentAnalysis, roles: readonly ValueRole[] = ['mediaId', 'mediaFiles', 'fileId']): ValueOccurrence[] {
  return analysis.values.filter((value) => roles.includes(value.role) && !value.dynamic && value.terminated && value.value.trim() !== '');
}

/**
 * What is at `offset`: the value the cursor is in, or (between tokens) the role a value
 * typed there would have. In YAML and plain text a value may be written bare, so a
 * position after `mediaId:` counts even before anything is typed.
 */
export function contextAt(text: string, language: LanguageKind, offset: number): PositionContext {
  const { values, at } = walk(text, language, offset);
  const frames = at?.frames ?? [];
  const sameLine = at?.sameLinePrevious === true;
  if (language === 'yaml' && !sameLine) {
    // On a line of its own, the cursor's column closes the blocks it is not under.
    const column = offset - lineStartOf(text, offset);
    while (frames.length && frames[frames.length - 1].open === 'block' && frames[frames.length - 1].indent! >= column) frames.pop();
  }
  if (language === 'yaml' && sameLine) {
    // Right after `key:` on its line: the block that key opens (the lines below) is not yet entered.
    const top = frames[frames.length - 1];
    if (top?.open === 'block' && top.keyStart !== undefined && top.keyStart === at?.beforePrevious?.start) frames.pop();
  }
  const inMediaFiles = mediaFilesPlace(frames);
  const inside = values.find((value) => value.start <= offset && offset <= value.end);
  if (inside) return { value: inside, role: inside.role, key: inside.key, inMediaFiles };
  const key = language === 'text' || language === 'yaml' ? (sameLine ? keyBefore(at?.previous, at?.beforePrevious) : undefined) : keyBefore(at?.previous, at?.beforePrevious);
  return { role: roleFor(key, frames), key, inMediaFiles };
}
