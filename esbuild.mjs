// Build script. `node esbuild.mjs` builds dist/extension.js once; `--production`
// minifies without sourcemaps; `--watch` rebuilds on change and reports in the
// `$esbuild-watch` problem-matcher format; `--tests` transpiles src/ and test/ into out/
// for the integration suite and the emulator command line.
import * as esbuild from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

/** Reports build start/end and errors the way the `$esbuild-watch` matcher reads them. */
const problemMatcherReporter = {
  name: 'problem-matcher-reporter',
  setup(build) {
    build.onStart(() => {
      console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      console.log('[watch] build finished');
    });
  },
};

function listTs(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'fixtures') found.push(...listTs(full));
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
      found.push(full);
    }
  }
  return found;
}

if (args.has('--tests')) {
  // Plain per-file transpile (no bundling): tests import the emulator and helpers by
  // relative path and resolve mocha/sinon from node_modules at run time.
  await esbuild.build({
    entryPoints: [...listTs('src'), ...listTs('test')],
    outdir: 'out',
    outbase: '.',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
} else {
  const ctx = await esbuild.context({
    // The code-insight layer is its own bundle, loaded when a supported document opens.
    entryPoints: { extension: 'src/extension.ts', language: 'src/language/index.ts' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outdir: 'dist',
    external: ['vscode', './language.js'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: watch ? 'silent' : 'warning',
    plugins: watch ? [problemMatcherReporter] : [],
  });
  if (watch) {
    await ctx.watch();
  } else {
    const result = await ctx.rebuild();
    await ctx.dispose();
    if (result.errors.length > 0) process.exit(1);
  }
}
