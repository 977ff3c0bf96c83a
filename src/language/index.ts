// Media IDs and AudioStack file IDs where people write them: hover, completion, checks with
// quick fixes, file-name hints and drop from the Media view, in Python, JavaScript/TypeScript,
// JSON, YAML and plain text. Everything reads the cached v1 listing and what the Files view
// has loaded; the only request is the bounded, cached lookup of an AudioStack file ID that
// is not loaded (fileLookup.ts).
import * as vscode from 'vscode';
import { useDisplayLanguage } from '../api/l10n';
import { COMPLETION_TRIGGER_CHARACTERS, MediaCompletionProvider } from './completionProvider';
import { MediaIdCodeActions, MediaIdDiagnostics } from './diagnostics';
import { MediaDropProvider } from './dropProvider';
import { MediaHoverProvider } from './hoverProvider';
import { MediaInlayHints } from './inlayHints';
import { MEDIA_DOCUMENT_SELECTOR, MediaLanguageModel, type MediaListingSource, type StackFilesSource } from './languageModel';

export type { StackFilesSource } from './languageModel';

export interface LanguageFeatures extends vscode.Disposable {
  model: MediaLanguageModel;
  diagnostics: MediaIdDiagnostics;
  /** VS Code has no command that performs a drop: the integration tests call this directly. */
  drop: MediaDropProvider;
}

export function registerLanguageFeatures(services: { library: MediaListingSource; stackFiles?: StackFilesSource }): LanguageFeatures {
  // This bundle has its own copy of @vscode/l10n (see src/api/l10n.ts).
  useDisplayLanguage({ language: vscode.env.language, bundle: vscode.l10n.bundle });
  const model = new MediaLanguageModel(services.library, services.stackFiles);
  const diagnostics = new MediaIdDiagnostics(model);
  const inlayHints = new MediaInlayHints(model);
  const drop = new MediaDropProvider();
  const disposables: vscode.Disposable[] = [
    model,
    diagnostics,
    inlayHints,
    vscode.languages.registerHoverProvider(MEDIA_DOCUMENT_SELECTOR, new MediaHoverProvider(model)),
    vscode.languages.registerCompletionItemProvider(MEDIA_DOCUMENT_SELECTOR, new MediaCompletionProvider(model), ...COMPLETION_TRIGGER_CHARACTERS),
    vscode.languages.registerCodeActionsProvider(MEDIA_DOCUMENT_SELECTOR, new MediaIdCodeActions(model), {
      providedCodeActionKinds: MediaIdCodeActions.providedCodeActionKinds,
    }),
    vscode.languages.registerInlayHintsProvider(MEDIA_DOCUMENT_SELECTOR, inlayHints),
    vscode.languages.registerDocumentDropEditProvider(MEDIA_DOCUMENT_SELECTOR, drop),
  ];
  return {
    model,
    diagnostics,
    drop,
    dispose: () => {
      for (const disposable of disposables) disposable.dispose();
    },
  };
}
