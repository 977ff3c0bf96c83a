// @ts-check
import tseslint from 'typescript-eslint';
import { L10N_LINT_FILES, l10nLintConfig } from './eslint-rules/l10n.mjs';

/**
 * The layers of src/, lowest first, and what each may import (besides itself, node: and
 * vscode). Dependencies run one way:
 *   api → util → model → {auth, media} → {tree, language} → commands → extension.ts / languageLoader.ts
 * constants.ts is a leaf every layer but api may read. language/ is its own bundle
 * (dist/language.js, loaded lazily by languageLoader.ts): commands/ may name its types,
 * never import its code, or the code-insight layer would land in dist/extension.js.
 * A backwards import fails `npm run lint` (and so `npm test`).
 */
const LAYERS = {
  api: [],
  util: ['api', 'constants'],
  model: ['api', 'util', 'constants'],
  auth: ['api', 'util', 'model', 'constants'],
  media: ['api', 'util', 'model', 'constants'],
  tree: ['api', 'util', 'model', 'media', 'constants'],
  language: ['api', 'util', 'model', 'media', 'constants'],
  commands: ['api', 'util', 'model', 'auth', 'media', 'tree', 'constants'],
};
/** What no layer imports: the entry points. */
const TOP = ['extension', 'languageLoader'];
const MODULES = [...Object.keys(LAYERS), 'constants', ...TOP];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The services, an axis across the layers: inside each layer, what only one service uses
 * lives in that service's folder (`apiaudio/`: api.audio v1 Media; `audiostack/`:
 * AudioStack Files), what both use beside them. A service's folder never imports the
 * other's: a capability both need belongs beside them, written once.
 */
const SERVICES = ['apiaudio', 'audiostack'];
const serviceRule = (service) => {
  const other = SERVICES.find((name) => name !== service);
  return {
    regex: `(^|/)${other}(/|$)`,
    message: `src/**/${service}/ may not import src/**/${other}/: each service's folder stands alone; move what both use beside them (see SERVICES in eslint.config.mjs).`,
  };
};

/** One config per layer: an import of a module not in its list is an error naming the rule. */
const layerConfigs = Object.entries(LAYERS).flatMap(([layer, allowed]) => {
  // commands/ may still name language/ types (the pattern below allows `import type`).
  const forbidden = MODULES.filter((name) => name !== layer && !allowed.includes(name) && !(layer === 'commands' && name === 'language'));
  const patterns = [
    // `../model`, `../../model` (from a service's folder): no layer has a folder named after another.
    ...forbidden.map((name) => ({
      regex: `^(\\.\\./)+${escape(name)}(/|$)`,
      message: `src/${layer}/ may import only ${allowed.length ? allowed.join(', ') : 'itself'}: ${name} is above it or beside it (see the layers in eslint.config.mjs).`,
    })),
    ...(layer === 'commands'
      ? [{ regex: '^(\\.\\./)+language(/|$)', allowTypeImports: true, message: 'commands/ may name language/ types only: its code is the separate dist/language.js bundle.' }]
      : []),
  ];
  const config = (files, extra) => ({
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...patterns, ...extra] }] },
  });
  // A later config replaces the rule's options for the files it matches: each service's folder repeats the layer's patterns.
  return [config([`src/${layer}/**/*.ts`], []), ...SERVICES.map((service) => config([`src/${layer}/**/${service}/**/*.ts`], [serviceRule(service)]))];
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', '*.mjs', 'test/vscode/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
    },
  },
  ...layerConfigs,
  {
    // The identifiers shared with package.json: a leaf.
    files: ['src/constants.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '^\\.', message: 'constants.ts imports nothing from src/.' }] }],
    },
  },
  {
    // Tree nodes are the tree's: elsewhere, ask tree/nodes.ts (mediaNodeFor) or pass the item.
    files: ['src/**/*.ts'],
    ignores: ['src/tree/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ObjectExpression > Property[key.name='kind'][value.value=/^(media|tag|library|more|filter|message)$/]",
          message: 'Only src/tree/ builds tree nodes: use mediaNodeFor() from tree/apiaudio/nodes.ts, or pass the item (LocatedMedia).',
        },
        {
          // AudioStack Files rows: an object with a row id and a row kind ("file" alone is a common word).
          selector: "ObjectExpression:has(> Property[key.name='id']) > Property[key.name='kind'][value.value=/^(folder|file|filesMore|filesMessage)$/]",
          message: 'Only src/tree/ builds tree nodes: ask the Files tree (folderNode, fileNode, nodeById, loadedFolderNodes, loadedFileNodes).',
        },
      ],
    },
  },
  // Words a person reads go through vscode.l10n.t: on for the folders listed in
  // eslint-rules/l10n.mjs (L10N_LINT_FILES) once their strings are converted.
  ...(L10N_LINT_FILES.length > 0 ? [l10nLintConfig()] : []),
);
