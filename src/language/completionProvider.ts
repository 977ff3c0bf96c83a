import * as vscode from 'vscode';
import { stackFileMarkdown, stackFileSummary } from '../media/audiostack/stackFiles';
import { contextAt, languageKindOf } from './documentAnalysis';
import { rangeOf, type MediaLanguageModel } from './languageModel';
import { mediaLabel, mediaMarkdown, placeSummary } from '../media/apiaudio/describe';

/** Typing a quote opens completion inside `mediaId="` at once. */
export const COMPLETION_TRIGGER_CHARACTERS = ['"', "'", '`'];

/**
 * Inside the value of `mediaId`: the listed media by file name and tags; inside `fileId` /
 * `file_id`: the AudioStack files the Files view has loaded, by name and folder; inside a
 * mediaFiles entry: both. Accepting one inserts its ID (replacing what the string holds so far).
 */
export class MediaCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly model: MediaLanguageModel) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionList | undefined {
    if (!this.model.active) return undefined;
    const language = languageKindOf(document.languageId);
    if (!language) return undefined;
    const offset = document.offsetAt(position);
    const context = contextAt(document.getText(), language, offset);
    if (context.role === 'other') return undefined;
    // Quoted or bare, the value typed so far is replaced; before a bare value, insert at the cursor.
    const range = context.value ? rangeOf(document, context.value.start, context.value.end) : new vscode.Range(position, position);
    const items: vscode.CompletionItem[] = [];
    if (context.role !== 'fileId') {
      for (const entry of this.model.index().entries) {
        const { item, scope } = entry;
        const completion = new vscode.CompletionItem({ label: mediaLabel(entry), detail: `  ${item.mediaId}`, description: placeSummary(entry) }, vscode.CompletionItemKind.File);
        completion.insertText = item.mediaId;
        completion.detail = mediaLabel(entry);
        completion.documentation = new vscode.MarkdownString(mediaMarkdown(entry), true);
        completion.filterText = `${item.filename} ${item.tags.join(' ')} ${item.mediaId}`;
        completion.sortText = `${scope === 'own' ? 0 : 1}${item.filename.toLowerCase()}`;
        completion.range = range;
        items.push(completion);
      }
    }
    if (context.role !== 'mediaId') {
      for (const { file, folderPath } of this.model.fileIndex().entries) {
        const where = folderPath ?? '';
        const summary = stackFileSummary(file);
        const completion = new vscode.CompletionItem(
          { label: file.fileName, detail: `  ${file.fileId}`, description: [where === '' ? undefined : `AudioStack ${where}`, summary || undefined].filter(Boolean).join(' · ') },
          vscode.CompletionItemKind.File,
        );
        completion.insertText = file.fileId;
        completion.detail = where && where !== '/' ? `${where}/${file.fileName}` : file.fileName;
        completion.documentation = new vscode.MarkdownString(stackFileMarkdown(file, folderPath), true);
        completion.filterText = `${file.fileName} ${where} ${file.fileId}`;
        completion.sortText = `2${where.toLowerCase()}/${file.fileName.toLowerCase()}`;
        completion.range = range;
        items.push(completion);
      }
    }
    return items.length ? new vscode.CompletionList(items, false) : undefined;
  }
}
