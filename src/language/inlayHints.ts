import * as vscode from 'vscode';
import { Commands } from '../constants';
import { mediaFilesEntries } from './documentAnalysis';
import { CODE_INSIGHT_SECTION, codeInsightSetting, type MediaLanguageModel } from './languageModel';
import { mediaLabel, mediaMarkdown } from '../media/apiaudio/describe';
import { stackFileMarkdown } from '../media/audiostack/stackFiles';
import type { KnownStackFile } from './fileInsight';
import type { LocatedMedia } from '../media/apiaudio/location';

/**
 * The file name beside each listed media ID (and each `<<media::name>>` the document's
 * mediaFiles resolves), when `apiAudio.codeInsight.fileNameHints` is on.
 */
export class MediaInlayHints implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  constructor(private readonly model: MediaLanguageModel) {
    this.disposables.push(
      model.onDidChange(() => this.changeEmitter.fire()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${CODE_INSIGHT_SECTION}.fileNameHints`)) this.changeEmitter.fire();
      }),
    );
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    if (!this.model.active || !codeInsightSetting('fileNameHints', false)) return [];
    const analysis = this.model.analysis(document);
    const index = this.model.index();
    const files = this.model.fileIndex();
    if (!analysis || index.size + files.size === 0) return [];
    const first = document.offsetAt(range.start);
    const last = document.offsetAt(range.end);
    const hints: vscode.InlayHint[] = [];
    for (const value of analysis.values) {
      if (value.end < first || value.start > last || value.dynamic) continue;
      // After the closing quote, so the hint never sits inside the string.
      const position = () => document.positionAt(value.terminated && value.quote ? value.end + value.quote.length : value.end);
      const entry = value.role === 'fileId' ? undefined : index.get(value.value);
      const file = value.role === 'mediaId' || entry ? undefined : files.get(value.value);
      if (entry) hints.push(this.hint(position(), entry));
      else if (file) hints.push(this.fileHint(position(), file));
    }
    const entries = analysis.placeholders.length ? mediaFilesEntries(analysis) : undefined;
    for (const placeholder of analysis.placeholders) {
      if (placeholder.end < first || placeholder.start > last) continue;
      const mediaId = entries?.get(placeholder.name);
      const entry = mediaId === undefined ? undefined : index.get(mediaId);
      if (entry) hints.push(this.hint(document.positionAt(placeholder.end), entry));
    }
    return hints.sort((a, b) => a.position.compareTo(b.position));
  }

  private hint(position: vscode.Position, entry: LocatedMedia): vscode.InlayHint {
    const part = new vscode.InlayHintLabelPart(mediaLabel(entry));
    part.tooltip = new vscode.MarkdownString(mediaMarkdown(entry), true);
    part.command = { command: Commands.revealMedia, title: vscode.l10n.t('Reveal in Media View'), arguments: [entry.item.mediaId, entry.scope] };
    const hint = new vscode.InlayHint(position, [part]);
    hint.paddingLeft = true;
    return hint;
  }

  /** An AudioStack file's name (and folder) beside its ID, from what the Files view loaded. */
  private fileHint(position: vscode.Position, entry: KnownStackFile): vscode.InlayHint {
    const where = entry.folderPath && entry.folderPath !== '/' ? `${entry.folderPath}/` : '';
    const part = new vscode.InlayHintLabelPart(`${where}${entry.file.fileName}`);
    part.tooltip = new vscode.MarkdownString(stackFileMarkdown(entry.file, entry.folderPath), true);
    const hint = new vscode.InlayHint(position, [part]);
    hint.paddingLeft = true;
    return hint;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
