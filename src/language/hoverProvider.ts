import * as vscode from 'vscode';
import { mediaFilesEntries, placeholderAt, valueAt } from './documentAnalysis';
import { rangeOf, type MediaLanguageModel } from './languageModel';
import { fileHoverMarkdown, hoverMarkdown } from './hoverLinks';

/** How long a hover waits for the lookup of an AudioStack file ID that is not loaded. */
const HOVER_LOOKUP_WAIT_MS = 5_000;

/**
 * Hover on a string that is a listed media ID (or on `<<media::name>>`, whose name the
 * document's mediaFiles maps to one): the file's name, tags, metadata and actions. On an
 * AudioStack file ID (fileId, file_id, a mediaFiles value): the file's name, folder, size,
 * duration and status, from what the Files view loaded or, for an ID not loaded, from the
 * one lookup (asked for at once: hovering is a person's request, not a keystroke).
 */
export class MediaHoverProvider implements vscode.HoverProvider {
  constructor(private readonly model: MediaLanguageModel) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.model.active) return undefined;
    const analysis = this.model.analysis(document);
    if (!analysis) return undefined;
    const index = this.model.index();
    const offset = document.offsetAt(position);

    const placeholder = placeholderAt(analysis, offset);
    if (placeholder) {
      const mediaId = mediaFilesEntries(analysis).get(placeholder.name);
      const entry = mediaId === undefined ? undefined : index.get(mediaId);
      if (entry) {
        return new vscode.Hover(hoverMarkdown(entry, vscode.l10n.t({ message: 'mediaFiles entry "{0}"', args: [placeholder.name], comment: ['"mediaFiles" is code and stays; {0} is the name of the entry'] })), rangeOf(document, placeholder.start, placeholder.end));
      }
    }
    const value = valueAt(analysis, offset);
    if (!value || value.dynamic) return undefined;
    const entry = index.get(value.value);
    if (entry && value.role !== 'fileId') return new vscode.Hover(hoverMarkdown(entry), rangeOf(document, value.start, value.end));
    if (value.role === 'other') return undefined;
    let verdict = this.model.judge(value);
    if (verdict.kind === 'undecided' && verdict.lookUp && this.model.lookup) {
      await this.model.lookup.settle(value.value, HOVER_LOOKUP_WAIT_MS, () => token.isCancellationRequested);
      if (token.isCancellationRequested) return undefined;
      verdict = this.model.judge(value);
    }
    if (verdict.kind !== 'stackFile') return undefined;
    return new vscode.Hover(fileHoverMarkdown(verdict.entry), rangeOf(document, value.start, value.end));
  }
}
