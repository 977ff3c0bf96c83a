import * as vscode from 'vscode';
import { contextAt, languageKindOf } from './documentAnalysis';
import { rangeOf, type MediaLanguageModel } from './languageModel';
import { mediaLabel, mediaMarkdown, placeSummary } from '../media/describe';

/** Typing a quote opens completion inside `mediaId="` at once. */
export const COMPLETION_TRIGGER_CHARACTERS = ['"', "'", '`'];

/**
 * Inside the value of `mediaId` or of a mediaFiles entry: the listed media by file name
 * and tags; accepting one inserts its ID (replacing what the string holds so far).
 */
export class MediaCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly model: MediaLanguageModel) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionList | undefined {
    if (!this.model.active) return undefined;
    const language = languageKindOf(document.languageId);
    if (!language) return undefined;
    const entries = this.model.index().entries;
    if (entries.length === 0) return undefined;
    const offset = document.offsetAt(position);
    const context = contextAt(document.getText(), language, offset);
    if (context.role === 'other') return undefined;
    // Quoted or bare, the value typed so far is replaced; before a bare value, insert at the cursor.
    const range = context.value ? rangeOf(document, context.value.start, context.value.end) : new vscode.Range(position, position);
    const items = entries.map((entry) => {
      const { item, scope } = entry;
      const completion = new vscode.CompletionItem({ label: mediaLabel(entry), detail: `  ${item.mediaId}`, description: placeSummary(entry) }, vscode.CompletionItemKind.File);
      completion.insertText = item.mediaId;
      completion.detail = mediaLabel(entry);
      completion.documentation = new vscode.MarkdownString(mediaMarkdown(entry), true);
      completion.filterText = `${item.filename} ${item.tags.join(' ')} ${item.mediaId}`;
      completion.sortText = `${scope === 'own' ? 0 : 1}${item.filename.toLowerCase()}`;
      completion.range = range;
      return completion;
    });
    return new vscode.CompletionList(items, false);
  }
}
