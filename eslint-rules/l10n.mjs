// A local ESLint plugin: `l10n/no-unlocalized-strings` reports words a person reads that
// reach VS Code's UI without vscode.l10n.t — a string or template literal (or a `+`, `?:`
// or `??` of them) passed straight to a notification, a quick pick or input box, a progress
// title, a tree item, a Markdown hover, a diagnostic, a quick fix or the status bar, or
// assigned to such a property (`quickPick.placeholder = 'Pick one'`).
//
// Switched on per folder by L10N_LINT_FILES (eslint.config.mjs): a folder joins once its
// strings go through l10n.t, so the rule guards what is converted and `npm run lint` stays
// green meanwhile. `npm run l10n:worklist` runs it over all of src/ and counts per file.
// The log channel stays English: logger calls are never checked.

/** Files (globs) where the rule is an error: all of the product's source. */
export const L10N_LINT_FILES = ['src/**/*.ts'];

/** Text made only of these (and punctuation, digits, codicons) is not a word to translate. */
export const PRODUCT_NAMES = ['api.audio', 'AudioStack', 'Media ID', 'VS Code'];

/**
 * Calls whose arguments a person reads: which arguments (`args`, indices or 'all'), which
 * properties of object arguments (`props`, also objects inside array arguments), and
 * whether bare strings inside an array argument are read (`items`: quick pick items).
 * Matched by the callee's last name (`vscode.window.showErrorMessage` → showErrorMessage).
 */
export const CALLS = {
  showInformationMessage: { args: 'all', props: ['detail', 'title'] },
  showWarningMessage: { args: 'all', props: ['detail', 'title'] },
  showErrorMessage: { args: 'all', props: ['detail', 'title'] },
  showQuickPick: { props: ['title', 'placeHolder', 'placeholder', 'label', 'description', 'detail'], items: true },
  showInputBox: { props: ['title', 'prompt', 'placeHolder', 'placeholder', 'validationMessage'] },
  showOpenDialog: { props: ['title', 'openLabel'] },
  showSaveDialog: { props: ['title', 'saveLabel'] },
  showWorkspaceFolderPick: { props: ['placeHolder'] },
  withProgress: { props: ['title'] },
  report: { props: ['message'] },
  setStatusBarMessage: { args: [0] },
  appendMarkdown: { args: [0] },
  appendText: { args: [0] },
};

/** `new X(…)`: which arguments a person reads. */
export const CONSTRUCTORS = {
  TreeItem: { args: [0], props: ['label'] },
  MarkdownString: { args: [0] },
  Diagnostic: { args: [1] },
  CodeAction: { args: [0] },
  CodeLens: { props: ['title', 'tooltip'] },
  InlayHint: { args: [1] },
  CompletionItem: { args: [0], props: ['label', 'description', 'detail'] },
  // The errors whose message a person reads (src/api/errors.ts, src/util/errors.ts): the
  // commands show it, or its first sentence in a summary.
  ApiAudioError: { args: [1] },
  ...Object.fromEntries(
    [
      'AuthenticationError',
      'NotFoundError',
      'RateLimitedError',
      'ServerError',
      'BadRequestError',
      'BadResponseError',
      'ResponseTooLargeError',
      'NetworkError',
      'TimeoutError',
      'CancelledError',
      'PresignedUrlError',
      'ProcessingError',
      'InvalidInputError',
      'DestinationExistsError',
      'LocalFileError',
      'SettingsError',
    ].map((name) => [name, { args: [0] }]),
  ),
};

/** `x.<prop> = '…'`: properties of quick picks, input boxes, tree items, status bar items, tree views. */
export const ASSIGNED = [
  'title',
  'placeholder',
  'placeHolder',
  'prompt',
  'validationMessage',
  'tooltip',
  'description',
  'label',
  'message',
  'detail',
  'text',
  'documentation',
];

/**
 * Properties of any object literal that a person reads wherever the object is built (quick
 * pick items and buttons made in a map, notification actions, tree item options).
 */
export const OBJECT_PROPS = ['title', 'placeHolder', 'placeholder', 'prompt', 'validationMessage', 'tooltip', 'label', 'description', 'detail'];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `text` holds a word to translate: two letters in a row, once product names and codicons are gone. */
export function hasWords(text, productNames = PRODUCT_NAMES) {
  let rest = text.replace(/\$\([\w~-]+\)/g, ' ');
  for (const name of productNames) rest = rest.replace(new RegExp(escape(name), 'gi'), ' ');
  return /\p{L}{2,}/u.test(rest);
}

/** The literal with words inside `node` (through `+`, `?:`, `??`, `||`, `as`), or undefined. */
function wordedLiteral(node, productNames) {
  if (!node) return undefined;
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' && hasWords(node.value, productNames) ? node : undefined;
    case 'TemplateLiteral':
      return node.quasis.some((quasi) => hasWords(quasi.value.cooked ?? quasi.value.raw, productNames)) ? node : undefined;
    case 'BinaryExpression':
      return node.operator === '+' ? (wordedLiteral(node.left, productNames) ?? wordedLiteral(node.right, productNames)) : undefined;
    case 'LogicalExpression':
      return wordedLiteral(node.left, productNames) ?? wordedLiteral(node.right, productNames);
    case 'ConditionalExpression':
      return wordedLiteral(node.consequent, productNames) ?? wordedLiteral(node.alternate, productNames);
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
      return wordedLiteral(node.expression, productNames);
    default:
      return undefined;
  }
}

/** The last name of a callee: `a.b.c` → c, `c` → c. */
function calleeName(callee) {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return undefined;
}

function propertyName(property) {
  if (property.type !== 'Property' || property.computed) return undefined;
  if (property.key.type === 'Identifier') return property.key.name;
  if (property.key.type === 'Literal') return String(property.key.value);
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noUnlocalizedStrings = {
  meta: {
    type: 'problem',
    docs: { description: 'Words a person reads go through vscode.l10n.t, not string literals.' },
    schema: [
      {
        type: 'object',
        properties: {
          /** Project helpers that show what they are given, e.g. { notify: { args: [2], props: ['title'] } }. */
          calls: { type: 'object' },
          productNames: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      call: '"{{text}}" reaches {{where}} without vscode.l10n.t: pass l10n.t(\'…\', …) with placeholders instead.',
      property: '"{{text}}" is the {{where}} of an object a person reads, without vscode.l10n.t: use l10n.t(\'…\', …) instead.',
      assigned: '"{{text}}" is assigned to .{{where}} without vscode.l10n.t: assign l10n.t(\'…\', …) instead.',
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const calls = { ...CALLS, ...(options.calls ?? {}) };
    const productNames = options.productNames ?? PRODUCT_NAMES;
    const source = context.sourceCode ?? context.getSourceCode();
    const excerpt = (node) => source.getText(node).replace(/\s+/g, ' ').slice(0, 60);
    const reported = new Set();
    const report = (literal, where, messageId = 'call') => {
      if (reported.has(literal)) return;
      reported.add(literal);
      context.report({ node: literal, messageId, data: { text: excerpt(literal), where } });
    };

    const checkObject = (object, props, where) => {
      for (const property of object.properties) {
        const name = propertyName(property);
        if (name === undefined || !props.includes(name)) continue;
        const literal = wordedLiteral(property.value, productNames);
        if (literal) report(literal, `${where} (${name})`);
        else if (property.value.type === 'ObjectExpression') checkObject(property.value, props, where); // a TreeItemLabel { label }
      }
    };

    const checkArguments = (args, spec, where) => {
      args.forEach((arg, index) => {
        const read = spec.args === 'all' || (Array.isArray(spec.args) && spec.args.includes(index));
        const literal = read ? wordedLiteral(arg, productNames) : undefined;
        if (literal) {
          report(literal, where);
          return;
        }
        const props = spec.props ?? [];
        if (arg.type === 'ObjectExpression') checkObject(arg, props, where);
        else if (arg.type === 'ArrayExpression') {
          for (const element of arg.elements) {
            if (!element) continue;
            if (element.type === 'ObjectExpression') checkObject(element, props, where);
            else if (spec.items) {
              const item = wordedLiteral(element, productNames);
              if (item) report(item, `${where} (item)`);
            }
          }
        }
      });
    };

    return {
      CallExpression(node) {
        const name = calleeName(node.callee);
        if (name && Object.hasOwn(calls, name)) checkArguments(node.arguments, calls[name], name);
      },
      NewExpression(node) {
        const name = calleeName(node.callee);
        if (name && Object.hasOwn(CONSTRUCTORS, name)) checkArguments(node.arguments, CONSTRUCTORS[name], `new ${name}`);
      },
      // After the calls: an object inside a call is reported once, naming the call.
      'Property:exit'(node) {
        const name = propertyName(node);
        if (name === undefined || !OBJECT_PROPS.includes(name) || node.parent.type !== 'ObjectExpression') return;
        const literal = wordedLiteral(node.value, productNames);
        if (literal) report(literal, `{ ${name} }`, 'property');
      },
      AssignmentExpression(node) {
        if (node.operator !== '=' || node.left.type !== 'MemberExpression' || node.left.computed) return;
        const name = node.left.property.type === 'Identifier' ? node.left.property.name : undefined;
        if (!name || !ASSIGNED.includes(name)) return;
        const literal = wordedLiteral(node.right, productNames);
        if (literal) report(literal, name, 'assigned');
      },
    };
  },
};

/** This project's helpers that show what they are given (src/commands/outcome.ts, cancellableProgress.ts). */
export const PROJECT_CALLS = {
  notify: { args: [2], props: ['title'] },
  withCancellableProgress: { args: [0] },
};

export const l10nPlugin = { meta: { name: 'apiaudio-l10n' }, rules: { 'no-unlocalized-strings': noUnlocalizedStrings } };

/** The flat-config entry: the rule on for `files`, with this project's helpers. */
export function l10nLintConfig(files = L10N_LINT_FILES) {
  return { files, plugins: { l10n: l10nPlugin }, rules: { 'l10n/no-unlocalized-strings': ['error', { calls: PROJECT_CALLS }] } };
}
