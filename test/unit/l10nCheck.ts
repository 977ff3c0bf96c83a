// The checks behind test/unit/l10n.test.ts, as pure functions over file contents, so each
// can be shown to fail on a small fixture as well as run over the real tree.
//   - every message the code passes to l10n.t is a literal (a message the extractor cannot
//     read would never reach a bundle) and is in every bundle;
//   - no bundle keeps a key the code no longer uses;
//   - the English bundle is exactly what `npm run l10n` writes;
//   - every %key% of package.json is in every package.nls*.json, and no package.nls file
//     keeps a key package.json does not use;
//   - a translation keeps the placeholders of its English message ({0}, {name}): none
//     dropped, none invented.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { getL10nJson } from '@vscode/l10n-dev';

/** A source file: its path (for messages) and text. */
export interface SourceFile {
  path: string;
  contents: string;
}

/** A bundle or package.nls file: key → message (a generated English bundle may hold `{ message, comment }`). */
export type MessageFile = Record<string, string | { message: string; comment?: string[] }>;

/** Files by name (`bundle.l10n.de.json`, `package.nls.json`…) → their parsed contents. */
export type MessageFiles = Record<string, MessageFile>;

/** The text of one entry, whichever form it has. */
export function messageText(value: MessageFile[string]): string {
  return typeof value === 'string' ? value : value.message;
}

/** `l10n.t(…)` or `vscode.l10n.t(…)` (any `<x>.l10n.t` and a bare `l10n.t`): the calls the extractor reads. */
function isL10nCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const callee = node.expression;
  if (callee.name.text !== 't') return false;
  const owner = callee.expression;
  return (ts.isIdentifier(owner) && owner.text === 'l10n') || (ts.isPropertyAccessExpression(owner) && owner.name.text === 'l10n');
}

function isLiteral(node: ts.Node | undefined): boolean {
  return node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node));
}

/**
 * Calls to l10n.t whose message is not a literal the extractor can read: a variable, a
 * template with `${…}`, a concatenation, or an object whose `message` is one of those.
 * Each is "file:line: text".
 */
export function nonLiteralMessages(files: readonly SourceFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file.path, file.contents, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      if (isL10nCall(node)) {
        const [first] = node.arguments;
        let ok = isLiteral(first);
        if (first && ts.isObjectLiteralExpression(first)) {
          const message = first.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText(source) === 'message');
          ok = message !== undefined && ts.isPropertyAssignment(message) && isLiteral(message.initializer);
        }
        if (!ok) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          problems.push(`${file.path}:${line + 1}: ${node.getText(source).slice(0, 80)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return problems;
}

/** What `npm run l10n` (@vscode/l10n-dev export) writes for these files: the English bundle. */
export async function extractBundle(files: readonly SourceFile[]): Promise<MessageFile> {
  if (files.length === 0) return {};
  return (await getL10nJson(files.map((file) => ({ extension: path.extname(file.path), contents: file.contents })))) as MessageFile;
}

/** "<file>: <key>" for each key of `used` missing from a file. */
export function missingKeys(used: ReadonlySet<string>, files: MessageFiles): string[] {
  const problems: string[] = [];
  for (const [name, contents] of Object.entries(files)) {
    for (const key of used) if (!Object.hasOwn(contents, key)) problems.push(`${name}: ${key}`);
  }
  return problems;
}

/** "<file>: <key>" for each key of a file that `used` does not have. */
export function unusedKeys(used: ReadonlySet<string>, files: MessageFiles): string[] {
  const problems: string[] = [];
  for (const [name, contents] of Object.entries(files)) {
    for (const key of Object.keys(contents)) if (!used.has(key)) problems.push(`${name}: ${key}`);
  }
  return problems;
}

/** Every `%key%` string anywhere in package.json (a whole string value, as VS Code reads it). */
export function manifestKeys(manifest: unknown): Set<string> {
  const keys = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      const match = /^%([^%\s]+)%$/.exec(value);
      if (match) keys.add(match[1]);
    } else if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(walk);
    }
  };
  walk(manifest);
  return keys;
}

/** `{0}`, `{name}`: the placeholders of a message, sorted, each once per occurrence. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{([A-Za-z_$][\w$]*|\d+)\}/g)].map((match) => match[0]).sort();
}

/** `items` less one occurrence of each of `removed` (multiset difference). */
function without(items: readonly string[], removed: readonly string[]): string[] {
  const rest = [...removed];
  return items.filter((item) => {
    const at = rest.indexOf(item);
    if (at < 0) return true;
    rest.splice(at, 1);
    return false;
  });
}

/**
 * "<file>: <key>: …" for each translation whose placeholders differ from its English
 * message's, and for each empty translation. `english` is key → English message;
 * `translations` holds only the translated files (not the English one).
 */
export function placeholderMismatches(english: MessageFile, translations: MessageFiles): string[] {
  const problems: string[] = [];
  for (const [name, contents] of Object.entries(translations)) {
    for (const [key, value] of Object.entries(contents)) {
      if (!Object.hasOwn(english, key)) continue; // unusedKeys reports it
      const translated = messageText(value);
      if (typeof translated !== 'string' || translated.trim() === '') {
        problems.push(`${name}: ${key}: the translation is empty`);
        continue;
      }
      const want = placeholders(messageText(english[key]));
      const got = placeholders(translated);
      const dropped = [...new Set(without(want, got))];
      const invented = [...new Set(without(got, want))];
      if (dropped.length) problems.push(`${name}: ${key}: drops ${dropped.join(' ')}`);
      if (invented.length) problems.push(`${name}: ${key}: invents ${invented.join(' ')}`);
    }
  }
  return problems;
}

/** The .ts files under `dir`, recursively, as SourceFiles (paths relative to `root`). */
export function readSources(root: string, dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (at: string): void => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push({ path: path.relative(root, full), contents: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(dir);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The JSON files in `dir` whose names match `pattern`, parsed, by name. */
export function readMessageFiles(dir: string, pattern: RegExp): MessageFiles {
  if (!fs.existsSync(dir)) return {};
  const files: MessageFiles = {};
  for (const name of fs.readdirSync(dir).filter((n) => pattern.test(n)).sort()) {
    files[name] = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as MessageFile;
  }
  return files;
}
