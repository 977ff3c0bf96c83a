import * as vscode from 'vscode';
import { Commands, FilesCommands } from '../constants';
import { languageKindOf, mediaIdValues, type ValueOccurrence } from './documentAnalysis';
import { closeFileMatches } from './fileInsight';
import { CODE_INSIGHT_SECTION, codeInsightSetting, rangeOf, type MediaLanguageModel } from './languageModel';
import { closeMatches } from './mediaIndex';

export const DIAGNOSTIC_SOURCE = 'api.audio';
/** Not in the api.audio (v1) listing. */
export const UNKNOWN_MEDIA_ID = 'unknownMediaId';
/** AudioStack answered 404 for it (in a fileId / file_id position). */
export const UNKNOWN_FILE_ID = 'unknownFileId';
/** A mediaFiles value neither service has. */
export const UNKNOWN_MEDIA_OR_FILE_ID = 'unknownMediaOrFileId';
const UNKNOWN_CODES = [UNKNOWN_MEDIA_ID, UNKNOWN_FILE_ID, UNKNOWN_MEDIA_OR_FILE_ID];

/** Quiet time after an edit before the document is checked again. */
const EDIT_DELAY_MS = 300;
/** Coalesces a burst of listing changes (a refresh fires a few) into one pass. */
const LISTING_DELAY_MS = 50;

/**
 * A warning on each value in an ID position (`mediaId`, a mediaFiles entry, `fileId` /
 * `file_id`) that is truly unknown (judgeId in fileInsight.ts): checked against the cached
 * v1 listing and what the Files view has loaded, on open, after edits (debounced per
 * document), and whenever either changes. An AudioStack ID that is not loaded is handed to
 * the model's lookup (which waits until the documents are still, and asks once); its answer
 * changes the model, which checks the documents again.
 */
export class MediaIdDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('apiAudio.media');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(private readonly model: MediaLanguageModel) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document, EDIT_DELAY_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.cancel(document.uri);
        this.collection.delete(document.uri);
      }),
      model.onDidChange(() => this.scheduleAll(LISTING_DELAY_MS)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${CODE_INSIGHT_SECTION}.diagnostics`)) this.scheduleAll(0);
      }),
    );
    this.scheduleAll(0);
  }

  private get enabled(): boolean {
    return codeInsightSetting('diagnostics', true);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!this.model.active || !this.enabled) return;
    if (!languageKindOf(document.languageId) && !this.collection.has(document.uri)) return;
    const key = document.uri.toString();
    this.cancel(document.uri);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.update(document);
      }, delayMs),
    );
  }

  private scheduleAll(delayMs: number): void {
    if (!this.model.active || !this.enabled) {
      for (const timer of this.timers.values()) clearTimeout(timer);
      this.timers.clear();
      this.collection.clear();
      return;
    }
    const key = '*';
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        for (const document of vscode.workspace.textDocuments) this.update(document);
      }, delayMs),
    );
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  /** Checks one document now. */
  update(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    if (!this.model.active || !this.enabled) {
      this.collection.delete(document.uri);
      return;
    }
    const analysis = this.model.analysis(document);
    if (!analysis) {
      this.collection.delete(document.uri);
      return;
    }
    // While the first v1 listing loads, keep its warnings as shown; a partial listing proves nothing.
    const keepMedia = !this.model.listingIsComplete && this.model.stateKind === 'loading';
    const diagnostics: vscode.Diagnostic[] = keepMedia ? (this.collection.get(document.uri) ?? []).filter((diagnostic) => diagnostic.code === UNKNOWN_MEDIA_ID) : [];
    const toLookUp: string[] = [];
    for (const value of mediaIdValues(analysis)) {
      const verdict = this.model.judge(value);
      if (verdict.kind === 'undecided' && verdict.lookUp) toLookUp.push(value.value);
      if (verdict.kind !== 'unknown') continue;
      if (keepMedia && verdict.services === 'media') continue;
      diagnostics.push(this.diagnostic(document, value, verdict.services));
    }
    if (toLookUp.length > 0) this.model.lookup?.request(toLookUp);
    this.collection.set(document.uri, diagnostics);
  }

  private diagnostic(document: vscode.TextDocument, value: ValueOccurrence, services: 'media' | 'files' | 'both'): vscode.Diagnostic {
    const message =
      services === 'media'
        ? vscode.l10n.t({ message: 'No media with ID "{0}" in the organisation\'s api.audio library.', args: [value.value], comment: ['{0} is the ID written in the code'] })
        : services === 'files'
          ? vscode.l10n.t({ message: 'No AudioStack file with ID "{0}".', args: [value.value], comment: ['{0} is the ID written in the code'] })
          : vscode.l10n.t({
              message: 'No media with ID "{0}" in the organisation\'s api.audio library, and no AudioStack file with that ID.',
              args: [value.value],
              comment: ['{0} is the ID written in the code'],
            });
    const diagnostic = new vscode.Diagnostic(rangeOf(document, value.start, value.end), message, vscode.DiagnosticSeverity.Warning);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = services === 'media' ? UNKNOWN_MEDIA_ID : services === 'files' ? UNKNOWN_FILE_ID : UNKNOWN_MEDIA_OR_FILE_ID;
    return diagnostic;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/**
 * Quick fixes for an unknown ID: replace it with a listed media item or a loaded AudioStack
 * file of a close name (or an ID a typo away); look it up on api.audio (v1); list the
 * AudioStack folders again (which looks the ID up again).
 */
export class MediaIdCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly model: MediaLanguageModel) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!this.model.active) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string' || !UNKNOWN_CODES.includes(diagnostic.code)) continue;
      const value = document.getText(diagnostic.range);
      const media = diagnostic.code !== UNKNOWN_FILE_ID;
      const files = diagnostic.code !== UNKNOWN_MEDIA_ID;
      const replacements: Array<{ title: string; id: string; distance: number }> = [];
      if (media) {
        for (const match of closeMatches(value, this.model.index().entries)) {
          replacements.push({
            title: vscode.l10n.t({ message: 'Replace with {0} ({1})', args: [match.item.filename, match.item.mediaId], comment: ['{0} is a file name, {1} its ID'] }),
            id: match.item.mediaId,
            distance: match.distance,
          });
        }
      }
      if (files) {
        for (const match of closeFileMatches(value, this.model.fileIndex().entries)) {
          const { fileName, fileId } = match.file;
          const title =
            match.folderPath && match.folderPath !== '/'
              ? vscode.l10n.t({ message: 'Replace with {0} in {1} ({2})', args: [fileName, match.folderPath, fileId], comment: ['{0} is a file name, {1} its folder path, {2} its file ID'] })
              : vscode.l10n.t({ message: 'Replace with {0} ({1})', args: [fileName, fileId], comment: ['{0} is a file name, {1} its ID'] });
          replacements.push({ title, id: fileId, distance: match.distance });
        }
      }
      replacements.sort((a, b) => a.distance - b.distance);
      for (const [position, replacement] of replacements.slice(0, 3).entries()) {
        const action = new vscode.CodeAction(replacement.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, diagnostic.range, replacement.id);
        action.diagnostics = [diagnostic];
        action.isPreferred = position === 0;
        actions.push(action);
      }
      if (media) {
        const title = vscode.l10n.t('Look Up Media by ID');
        const lookUp = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        lookUp.command = { command: Commands.lookUpMedia, title, arguments: [value] };
        lookUp.diagnostics = [diagnostic];
        actions.push(lookUp);
      }
      if (files) {
        const refresh = new vscode.CodeAction(vscode.l10n.t('Refresh AudioStack Files and Look Up Again'), vscode.CodeActionKind.QuickFix);
        refresh.command = { command: FilesCommands.refresh, title: vscode.l10n.t('Refresh AudioStack Files') };
        refresh.diagnostics = [diagnostic];
        actions.push(refresh);
      }
    }
    return actions;
  }
}
