import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Redactor } from './api';
import { useDisplayLanguage } from './api/l10n';
import { ApiKeyService } from './auth/apiKeyService';
import { BaseUrlTrust } from './auth/baseUrlTrust';
import { API_AUDIO_CONNECTION } from './auth/apiaudio/connection';
import { AUDIOSTACK_CONNECTION } from './auth/audiostack/connection';
import { ServiceClientProvider } from './auth/serviceClientProvider';
import { registerCommands } from './commands';
import { checkInterruptedDownloads } from './commands/interruptedDownloads';
import type { LanguageFeatures } from './language';
import { lazyLanguageFeatures } from './languageLoader';
import { wrapCommand } from './commands/runCommand';
import { uploadFiles } from './commands/apiaudio/upload';
import { registerFilesCommands } from './commands/audiostack/files';
import { currentService } from './commands/serviceChoice';
import { filesDropActions, registerFilesEditCommands } from './commands/audiostack/edit';
import { registerFilesUploadCommands } from './commands/audiostack/upload';
import type { Services } from './commands/services';
import { ContextKeys, FILES_VIEW_ID, LOG_CHANNEL_NAME, SETTINGS_SECTION, VIEW_ID } from './constants';
import { PlayedMediaFileSystem } from './media/playedMedia';
import { FilesBrowser, ROOT_FOLDER_KEY } from './model/audiostack/filesBrowser';
import { DownloadJournal, DownloadJournalFile } from './model/downloadJournal';
import { JsonFileCache } from './model/jsonFileCache';
import { LocalMediaStore } from './model/localMediaStore';
import { MediaLibrary } from './model/apiaudio/mediaLibrary';
import { MediaDragAndDropController } from './tree/apiaudio/dragAndDrop';
import { FilesDragAndDropController } from './tree/audiostack/filesDragAndDrop';
import { FilesTreeProvider, type FilesTreeNode } from './tree/audiostack/filesTreeProvider';
import { MediaTreeProvider } from './tree/apiaudio/mediaTreeProvider';
import type { MediaTreeNode } from './tree/apiaudio/nodes';
import { staleMessage, updateViewChrome, whenVisible } from './tree/viewChrome';
import { ViewState } from './tree/viewState';
import { readSettings } from './util/config';
import { ExtensionLogger } from './util/logger';

/** The AudioStack Files listing kept between sessions, in the extension's global storage (api.audio Media's is listing.json). */
const FILES_CACHE_FILE = 'audiostack-files.json';
/** The downloads started and not seen end (what a window reload interrupts), in the global storage. */
const DOWNLOAD_JOURNAL_FILE = 'downloads.json';

/** What activate() returns to the integration tests (only in test mode). */
export interface TestHooks {
  services: Services;
  dragAndDrop: MediaDragAndDropController;
  filesDragAndDrop: FilesDragAndDropController;
  language: LanguageFeatures;
  /** Settles when the start-up refresh has finished (it waits for the view to be shown). */
  ready: Promise<void>;
  /** The start-up step that offers to resume or discard interrupted downloads (as activate() runs it). */
  checkInterruptedDownloads: () => Promise<void>;
}

export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  // The layers without `vscode` translate through @vscode/l10n: give it VS Code's bundle.
  useDisplayLanguage({ language: vscode.env.language, bundle: vscode.l10n.bundle });
  // One redactor for the window: the key service feeds it, the logger, the clients and the
  // error messages use it.
  const redactor = new Redactor();
  const logger = new ExtensionLogger(LOG_CHANNEL_NAME, redactor);
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const userAgent = `apiaudio-media-vscode/${version} (VS Code ${vscode.version}; ${process.platform})`;
  const apiKeys = new ApiKeyService(context.secrets, context.globalState, redactor, logger);
  const trust = new BaseUrlTrust(context.globalState);
  const clients = new ServiceClientProvider(API_AUDIO_CONNECTION, apiKeys, trust, logger, userAgent);
  const library = new MediaLibrary({
    connect: (options) => clients.connect(options),
    connectionId: () => clients.connectionId(),
    storage: context.globalState,
    logger,
    cleanText: (text) => redactor.redact(text),
    showPublicLibrary: () => readSettings().showPublicLibrary,
    cache: context.globalStorageUri.scheme === 'file' ? new JsonFileCache(path.join(context.globalStorageUri.fsPath, 'listing.json')) : undefined,
    withProgress: (task) => vscode.window.withProgress({ location: { viewId: VIEW_ID } }, task),
  });
  const tree = new MediaTreeProvider(library, () => readSettings().pageSize);
  // Files dropped on the view are uploaded like the upload command's (errors reported the same way).
  const dragAndDrop = new MediaDragAndDropController((uris, presetTags, retryable) =>
    wrapCommand('apiAudio.upload (drop)', (services) => uploadFiles(services, { uris, presetTags, retryable }), services)(),
  );
  const treeView = vscode.window.createTreeView<MediaTreeNode>(VIEW_ID, {
    treeDataProvider: tree,
    dragAndDropController: dragAndDrop,
    canSelectMany: true,
    showCollapseAll: true,
  });
  // The welcome views wait for the state: "Set API Key" only once the key is known to be missing.
  updateViewChrome(treeView, library);
  const viewState = new ViewState(context.workspaceState, treeView, tree, 'apiAudio.view');
  const localMedia = new LocalMediaStore(localMediaRoot(context));
  // AudioStack Files: the same key, its own address (apiAudio.filesBaseUrl) and view.
  const filesClients = new ServiceClientProvider(AUDIOSTACK_CONNECTION, apiKeys, trust, logger, userAgent);
  const filesBrowser = new FilesBrowser({
    connect: (options) => filesClients.get(options),
    pageSize: () => readSettings().pageSize,
    logger,
    cleanText: (text) => redactor.redact(text),
    connectionId: () => filesClients.connectionId(),
    cache: context.globalStorageUri.scheme === 'file' ? new JsonFileCache(path.join(context.globalStorageUri.fsPath, FILES_CACHE_FILE)) : undefined,
    withProgress: (task) => vscode.window.withProgress({ location: { viewId: FILES_VIEW_ID } }, task),
  });
  const filesTree = new FilesTreeProvider(filesBrowser);
  // File rows dragged onto a folder move there; files from the Explorer or the OS are uploaded.
  const filesDragAndDrop = new FilesDragAndDropController(filesTree, filesDropActions(() => services));
  const filesView = vscode.window.createTreeView<FilesTreeNode>(FILES_VIEW_ID, {
    treeDataProvider: filesTree,
    dragAndDropController: filesDragAndDrop,
    canSelectMany: true,
    showCollapseAll: true,
  });
  const filesViewState = new ViewState(context.workspaceState, filesView, filesTree, 'apiAudio.filesView');
  const files = { clients: filesClients, browser: filesBrowser, tree: filesTree, view: filesView };
  const downloads = new DownloadJournal(
    context.globalStorageUri.scheme === 'file' ? new DownloadJournalFile(path.join(context.globalStorageUri.fsPath, DOWNLOAD_JOURNAL_FILE)) : undefined,
    (message) => logger.warn(`The journal of downloads could not be kept: ${message}`),
  );
  const services: Services = { context, redactor, logger, apiKeys, clients, library, tree, treeView, localMedia, files, downloads };
  const language = lazyLanguageFeatures(services);

  context.subscriptions.push(
    logger,
    apiKeys,
    clients,
    library,
    tree,
    treeView,
    viewState,
    PlayedMediaFileSystem.register(localMedia),
    filesClients,
    filesBrowser,
    filesViewState,
    filesTree,
    filesView,
    ...registerCommands(services),
    ...registerFilesCommands(services),
    ...registerFilesEditCommands(services),
    ...registerFilesUploadCommands(services),
    filesBrowser.onDidChangeState(({ kind, errorMessage }) => {
      void vscode.commands.executeCommand('setContext', ContextKeys.filesState, kind);
      const root = filesBrowser.contents(ROOT_FOLDER_KEY);
      filesView.message = staleMessage(errorMessage, root !== undefined && (root.folders.length > 0 || root.files.length > 0));
    }),
    // A new key or Files address: list again if AudioStack Files is shown, else forget it.
    filesClients.onDidChange(() => {
      // Nobody asked for this listing: a server not confirmed yet is not asked about (its welcome offers the question).
      if (currentService(services) === 'files') void filesBrowser.reload({ background: true });
      else filesBrowser.clear('idle');
    }),
    language,
    library.onDidChange(() => updateViewChrome(treeView, library)),
    // A new key, server or organisation: the listing on screen is stale.
    clients.onDidChange(() => void library.reload({ background: true })),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // A load already running was started with the old value.
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.showPublicLibrary`)) void library.reload();
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.pageSize`)) {
        tree.refresh();
        if (filesBrowser.state.kind !== 'idle') void filesBrowser.refresh();
      }
    }),
  );
  logger.info(`api.audio Media ${version} activated.`);

  void vscode.commands.executeCommand('setContext', ContextKeys.service, currentService(services));
  void vscode.commands.executeCommand('setContext', ContextKeys.filesState, filesBrowser.state.kind);
  const ready = Promise.all([start(services, viewState), startFiles(services, filesViewState)]).then(() => undefined);
  // Read once the views have started, off the activation path: a download a reload cut short.
  void checkInterruptedDownloads(services);
  return context.extensionMode === vscode.ExtensionMode.Test
    ? { services, dragAndDrop, filesDragAndDrop, ready, checkInterruptedDownloads: () => checkInterruptedDownloads(services), get language() { return language.features; } }
    : undefined;
}

/** Where played media is kept: the extension's global storage (a temp folder if it is not on disk). */
function localMediaRoot(context: vscode.ExtensionContext): string {
  const storage = context.globalStorageUri;
  return storage.scheme === 'file' ? path.join(storage.fsPath, 'media') : path.join(os.tmpdir(), 'apiaudio-media', 'media');
}

/**
 * Shows the cached listing at once, then refreshes it when the view is first shown.
 * Commands that need the listing load it themselves.
 */
async function start({ apiKeys, library, logger, treeView }: Services, viewState: ViewState<MediaTreeNode>): Promise<void> {
  try {
    const hasKey = await apiKeys.updateContextKey();
    if (!hasKey) {
      library.clear('noKey');
      return;
    }
    await library.restoreFromCache();
    apiKeys.offerToStoreEnvironmentKey().catch((error: unknown) => {
      logger.error(`Storing the environment's API key failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    await whenVisible(treeView);
    // The selection of the last session comes back with the listing that shows it.
    if (library.listing) await viewState.restoreSelection(!library.listing.fromCache);
    // A command may have loaded the listing while the view was hidden: no second load.
    if (library.listing && !library.listing.fromCache) return;
    // Nobody asked for it: a server not confirmed yet is not asked about at start-up.
    await library.refresh({ background: true });
    await viewState.restoreSelection(true);
  } catch (error) {
    logger.error(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Shows the last session's AudioStack Files listing at once (when AudioStack Files is the
 * service shown), then lists them again when the view is first shown.
 */
async function startFiles(services: Services, viewState: ViewState<FilesTreeNode>): Promise<void> {
  const { browser, view } = services.files;
  try {
    if (currentService(services) !== 'files') return;
    await browser.restoreFromCache();
    await whenVisible(view);
    // The selection of the last session comes back with the listing that shows it.
    if (browser.fromCache) await viewState.restoreSelection(false);
    await browser.start({ background: true });
    await viewState.restoreSelection(true);
  } catch (error) {
    services.logger.error(`Listing AudioStack Files at start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function deactivate(): void {}
