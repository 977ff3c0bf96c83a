// The layout of src/ as npm run lint enforces it, shown to bite: the two services' folders
// (apiaudio/, audiostack/) never import each other, a layer's subfolders obey the layer's
// rule, and src/ has no import cycle. ESLint runs with the repository's own config.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..');

/** The messages of the import rule when `extra` is appended to the file `file` of src/. */
async function importProblems(file: string, extra: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const filePath = path.join(ROOT, file);
  const [result] = await eslint.lintText(`${fs.readFileSync(filePath, 'utf8')}\n${extra}\n`, { filePath });
  return result.messages.filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports').map((message) => message.message);
}

/** Relative imports of a TypeScript file, resolved to files of src/ (type-only imports included). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    const base = path.resolve(path.dirname(file), match[1]);
    const target = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
    if (target) found.push(target);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('The layout of src/', function () {
  this.timeout(60_000);

  it('an AudioStack folder importing an api.audio folder fails lint, saying why', async () => {
    const problems = await importProblems('src/commands/audiostack/find.ts', "import { findMedia } from '../apiaudio/findMedia';");
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], / src\/\*\*\/audiostack\/ may not import src\/\*\*\/apiaudio\/: each service's folder stands alone; move what both use beside them/);
  });

  it('and the reverse, in any layer and from any depth', async () => {
    for (const [file, extra] of [
      ['src/model/apiaudio/mediaLibrary.ts', "import type { FilesBrowser } from '../audiostack/filesBrowser';"],
      ['src/api/apiaudio/client.ts', "import { checkStackId } from '../audiostack/model';"],
      ['src/tree/apiaudio/nodes.ts', "import { fileNodeId } from '../../tree/audiostack/filesTreeProvider';"],
    ]) {
      const problems = await importProblems(file, extra);
      assert.equal(problems.length, 1, `${file}: ${problems.join('\n')}`);
      assert.match(problems[0], / src\/\*\*\/apiaudio\/ may not import src\/\*\*\/audiostack\//, file);
    }
  });

  it('what both services use sits beside them and may be imported by either', async () => {
    assert.deepEqual(await importProblems('src/commands/audiostack/find.ts', "import { picksInSlices as again } from '../pickers';"), []);
    assert.deepEqual(await importProblems('src/commands/apiaudio/findMedia.ts', "import { picksInSlices as again } from '../pickers';"), []);
  });

  it('a service folder obeys its layer: src/api/audiostack/ may not import util/', async () => {
    const problems = await importProblems('src/api/audiostack/names.ts', "import { firstSentence } from '../../util/text';");
    assert.ok(problems.some((problem) => / src\/api\/ may import only itself: util is above it or beside it/.test(problem)), problems.join('\n'));
  });

  it('has no import cycle: no file reaches itself through its imports', () => {
    const files = sourceFiles(path.join(ROOT, 'src'));
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((entry) => path.relative(ROOT, entry)).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    assert.deepEqual(cycles, []);
    assert.ok(files.length > 50, 'the walk found the sources');
  });
});
