import * as vscode from 'vscode';
import { mediaFilesEntries, placeholderAt, valueAt } from './documentAnalysis';
import { rangeOf, type MediaLanguageModel } from './languageModel';
import { hoverMarkdown } from './hoverLinks';

/**
 * Hover on a string that is a listed media ID (or on `<<media::name>>`, whose name the
 * document's mediaFiles maps to one): the file's name, tags, metadata and actions.
 */
export class MediaHoverProvider implements vscode.HoverProvider {
  constructor(private readonly model: MediaLanguageModel) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.model.active) return undefined;
    const analysis = this.model.analysis(document);
    const index = this.model.index();
    if (!analysis || index.size === 0) return undefined;
    const offset = document.offsetAt(position);

    const placeholder = placeholderAt(analysis, offset);
    if (placeholder) {
      const mediaId = mediaFilesEntries(analysis).get(placeholder.name);
      const entry = mediaId === undefined ? undefined : index.get(mediaId);
      if (entry) {
        return new vscode.Hover(hoverMarkdown(entry, `mediaFiles entry "${placeholder.name}"`), rangeOf(document, placeholder.start, placeholder.end));
      }
    }
    const value = valueAt(analysis, offset);
    if (!value || value.dynamic) return undefined;
    const entry = index.get(value.value);
    if (!entry) return undefined;
    return new vscode.Hover(hoverMarkdown(entry), rangeOf(document, value.start, value.end));
  }
}
