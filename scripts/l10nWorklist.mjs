// The work list of the localisation: runs l10n/no-unlocalized-strings (eslint-rules/l10n.mjs)
// over src/ — or the folders given — and counts its reports per file and per folder.
// `--list` prints each report. `npm run l10n:worklist [-- --list] [src/commands]`.
import { ESLint } from 'eslint';
import * as path from 'node:path';
import tseslint from 'typescript-eslint';
import { l10nLintConfig } from '../eslint-rules/l10n.mjs';

const args = process.argv.slice(2);
const list = args.includes('--list');
const targets = args.filter((arg) => !arg.startsWith('--'));
const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, l10nLintConfig(['**/*.ts'])],
});
const results = await eslint.lintFiles(targets.length ? targets : ['src']);
const rows = [];
const folders = new Map();
let total = 0;
for (const result of results) {
  const messages = result.messages.filter((message) => message.ruleId === 'l10n/no-unlocalized-strings');
  const fatal = result.messages.filter((message) => message.fatal);
  if (fatal.length) console.error(`${result.filePath}: ${fatal[0].message}`);
  if (!messages.length) continue;
  const file = path.relative(process.cwd(), result.filePath);
  rows.push([file, messages.length]);
  const folder = path.dirname(file);
  folders.set(folder, (folders.get(folder) ?? 0) + messages.length);
  total += messages.length;
  if (list) for (const message of messages) console.log(`${file}:${message.line}:${message.column}: ${message.message}`);
}
rows.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
for (const [file, count] of rows) console.log(`${String(count).padStart(5)}  ${file}`);
console.log('');
for (const [folder, count] of [...folders].sort((a, b) => b[1] - a[1])) console.log(`${String(count).padStart(5)}  ${folder}/`);
console.log(`${String(total).padStart(5)}  strings a person reads that bypass vscode.l10n.t, in ${rows.length} files`);
