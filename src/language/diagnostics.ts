import * as vscode from 'vscode';
import { Commands } from '../constants';
import { languageKindOf, mediaIdValues } from './documentAnalysis';
import { CODE_INSIGHT_SECTION, codeInsightSetting, rangeOf, type MediaLanguageModel } from './languageModel';
import { closeMatches } from './mediaIndex';

export const DIAGNOSTIC_SOURCE = 'api.audio';
export const UNKNOWN_MEDIA_ID = 'unknownMediaId';

/** Quiet time after an edit before the document is checked again. */
const EDIT_DELAY_MS = 300;
/** Coalesces a burst of listing changes (a refresh fires a few) into one pass. */
const LISTING_DELAY_MS = 50;

/**
 * A warning on each value in a media-ID position (`mediaId`, a mediaFiles entry) that is
 * not in the organisation's listing. Checked against the cached listing only: on open,
 * after edits (debounced per document), and whenever the listing changes.
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
    // While the first listing loads, keep what is shown; a partial listing proves nothing.
    if (!this.model.listingIsComplete) {
      if (this.model.stateKind !== 'loading') this.collection.delete(document.uri);
      return;
    }
    const analysis = this.model.analysis(document);
    if (!analysis) {
      this.collection.delete(document.uri);
      return;
    }
    const index = this.model.index();
    const diagnostics = mediaIdValues(analysis)
      .filter((value) => !index.get(value.value))
      .map((value) => {
        const diagnostic = new vscode.Diagnostic(
          rangeOf(document, value.start, value.end),
          `No media with ID "${value.value}" in the organisation's api.audio library.`,
          vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = UNKNOWN_MEDIA_ID;
        return diagnostic;
      });
    this.collection.set(document.uri, diagnostics);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** Quick fixes for an unknown media ID: look it up on api.audio, or replace it with a listed file of a close name. */
export class MediaIdCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly model: MediaLanguageModel) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!this.model.active) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code !== UNKNOWN_MEDIA_ID) continue;
      const value = document.getText(diagnostic.range);
      for (const [position, match] of closeMatches(value, this.model.index().entries).entries()) {
        const action = new vscode.CodeAction(`Replace with ${match.item.filename} (${match.item.mediaId})`, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, diagnostic.range, match.item.mediaId);
        action.diagnostics = [diagnostic];
        action.isPreferred = position === 0;
        actions.push(action);
      }
      const lookUp = new vscode.CodeAction('Look Up Media by ID', vscode.CodeActionKind.QuickFix);
      lookUp.command = { command: Commands.lookUpMedia, title: 'Look Up Media by ID', arguments: [value] };
      lookUp.diagnostics = [diagnostic];
      actions.push(lookUp);
    }
    return actions;
  }
}
