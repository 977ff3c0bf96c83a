// The code-insight layer (src/language/, bundled on its own as dist/language.js) is loaded
// only when a document it works in is open: activation and the main bundle do not pay for
// it in a window that never shows Python, JS/TS, JSON or YAML.
import * as vscode from 'vscode';
import type { Services } from './commands/services';
import type * as LanguageModule from './language';
import { SUPPORTED_LANGUAGE_IDS } from './language/languageIds';

export interface LazyLanguageFeatures extends vscode.Disposable {
  /** The features, loaded now if they were not yet. */
  readonly features: LanguageModule.LanguageFeatures;
}

/** What the language features read of AudioStack Files: the Files view's loaded files, and a client only when it needs no question. */
function stackFilesSource(services: Pick<Services, 'files' | 'logger'>): LanguageModule.StackFilesSource {
  const { browser, clients } = services.files;
  return {
    loadedFiles: () => browser.loadedFiles(),
    folderPath: (folderId) => browser.folderPath(folderId),
    onDidChange: (listener) => {
      const subscriptions = [browser.onDidChange(listener), browser.onDidLoad(listener)];
      return { dispose: () => subscriptions.forEach((subscription) => subscription.dispose()) };
    },
    lookupClient: () => clients.getWithoutAsking(),
    onDidChangeConnection: (listener) => clients.onDidChange(listener),
    log: (message) => services.logger.warn(message),
  };
}

export function lazyLanguageFeatures(services: Pick<Services, 'library' | 'files' | 'logger'>): LazyLanguageFeatures {
  let features: LanguageModule.LanguageFeatures | undefined;
  const load = (): LanguageModule.LanguageFeatures => {
    if (!features) {
      // dist/language.js, next to dist/extension.js (external to its bundle, see esbuild.mjs).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require('./language.js') as typeof LanguageModule;
      features = module.registerLanguageFeatures({ library: services.library, stackFiles: stackFilesSource(services) });
      watcher.dispose();
    }
    return features;
  };
  const supported = (document: vscode.TextDocument): boolean => (SUPPORTED_LANGUAGE_IDS as readonly string[]).includes(document.languageId);
  const watcher = vscode.workspace.onDidOpenTextDocument((document) => {
    if (supported(document)) load();
  });
  if (vscode.workspace.textDocuments.some(supported)) load();
  return {
    get features() {
      return load();
    },
    dispose: () => {
      watcher.dispose();
      features?.dispose();
    },
  };
}
