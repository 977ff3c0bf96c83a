import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../constants';
import { locatedMedia } from '../media/apiaudio/location';
import type { LibraryListing } from '../model/apiaudio/mediaLibrary';
import type { StackFile } from '../api/audiostack/model';
import { analyzeDocument, languageKindOf, SUPPORTED_LANGUAGE_IDS, type DocumentAnalysis, type ValueOccurrence } from './documentAnalysis';
import { judgeId, StackFileIndex, type IdVerdict } from './fileInsight';
import { FileLookupCache, type FileLookupApi } from './fileLookup';
import { MediaIndex } from './mediaIndex';

/**
 * What the language features need from the media library: the cached listing, its
 * change notifications and its state. Nothing here sends a request.
 */
export interface MediaListingSource {
  readonly listing: Pick<LibraryListing, 'items' | 'publicItems'> | undefined;
  onDidChange(listener: () => void): { dispose(): void };
  readonly state: { kind: string };
  /** A tag filter makes the listing partial: unknown IDs cannot be told apart then. */
  readonly filterTags?: readonly string[];
}

/**
 * What the language features need from AudioStack Files: what the Files view has loaded
 * (no request), and a client for the one bounded lookup of an ID that is not loaded, only
 * when it is usable without asking the person anything.
 */
export interface StackFilesSource {
  loadedFiles(): readonly StackFile[];
  /** '/' for the root, `Music/Beds`, or undefined when not loaded. */
  folderPath(folderId: string | undefined): string | undefined;
  /** What is loaded changed: one folder (its key), or everything (undefined: a refresh). */
  onDidChange(listener: (folderKey: string | undefined) => void): { dispose(): void };
  /** The client when it needs no question (no trust modal); undefined otherwise. */
  lookupClient(): Promise<FileLookupApi | undefined>;
  /** The key or the Files address changed: every lookup answer is stale. */
  onDidChangeConnection(listener: () => void): { dispose(): void };
  log?(message: string): void;
}

export const CODE_INSIGHT_SECTION = `${SETTINGS_SECTION}.codeInsight`;

/** The documents the features work in: the supported languages, saved or not. */
export const MEDIA_DOCUMENT_SELECTOR: vscode.DocumentFilter[] = SUPPORTED_LANGUAGE_IDS.flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
]);

/** Documents larger than this are not analysed (generated data, logs). */
const MAX_DOCUMENT_LENGTH = 2_000_000;

export function codeInsightSetting(name: 'diagnostics' | 'fileNameHints', fallback: boolean): boolean {
  return vscode.workspace.getConfiguration(CODE_INSIGHT_SECTION).get<boolean>(name) ?? fallback;
}

/**
 * Shared by the providers: the listing as an index (rebuilt lazily after a change) and
 * each open document's analysis (kept per document version).
 */
export class MediaLanguageModel implements vscode.Disposable {
  private cachedIndex: MediaIndex | undefined;
  private cachedFiles: StackFileIndex | undefined;
  /** The lookup of AudioStack file IDs that are not loaded; undefined without a Files source. */
  readonly lookup: FileLookupCache | undefined;
  private readonly analyses = new Map<string, { version: number; languageId: string; analysis: DocumentAnalysis }>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires after the listing changed. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  constructor(
    private readonly library: MediaListingSource,
    private readonly files?: StackFilesSource,
  ) {
    this.disposables.push(
      library.onDidChange(() => {
        this.cachedIndex = undefined;
        this.changeEmitter.fire();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.analyses.delete(document.uri.toString())),
    );
    if (files) {
      const lookup = new FileLookupCache({ connect: () => files.lookupClient(), log: files.log?.bind(files) });
      this.lookup = lookup;
      this.disposables.push(
        lookup,
        lookup.onDidChange(() => this.changeEmitter.fire()),
        files.onDidChange((folderKey) => {
          this.cachedFiles = undefined;
          // A refresh of everything looks the IDs that are not loaded up again, too.
          if (folderKey === undefined) lookup.reset();
          this.changeEmitter.fire();
        }),
        files.onDidChangeConnection(() => lookup.reset()),
      );
    }
  }

  /** False without an API key: every feature then returns nothing at once. */
  get active(): boolean {
    return this.library.state.kind !== 'noKey';
  }

  /** The state the listing is in (`ready`, `loading`, …). */
  get stateKind(): string {
    return this.library.state.kind;
  }

  /**
   * Whether the listing is the organisation's whole library, so that an ID missing from
   * it is worth a warning: loaded (or kept after a failed refresh) and not filtered by tag.
   */
  get listingIsComplete(): boolean {
    const kind = this.library.state.kind;
    if ((this.library.filterTags?.length ?? 0) > 0) return false;
    if (kind === 'ready' || kind === 'empty') return true;
    return (kind === 'unreachable' || kind === 'failed') && locatedMedia(this.library.listing).length > 0;
  }

  index(): MediaIndex {
    this.cachedIndex ??= new MediaIndex(locatedMedia(this.library.listing));
    return this.cachedIndex;
  }

  /** The AudioStack files the Files view has loaded (empty without a Files source). */
  fileIndex(): StackFileIndex {
    const files = this.files;
    this.cachedFiles ??= new StackFileIndex(files ? files.loadedFiles().map((file) => ({ file, folderPath: files.folderPath(file.folderId) })) : []);
    return this.cachedFiles;
  }

  /** What a value in an ID position is (see judgeId in fileInsight.ts for the rule). */
  judge(value: ValueOccurrence): IdVerdict {
    return judgeId(value.value, value.role, {
      mediaKnown: this.index().get(value.value) !== undefined,
      mediaComplete: this.listingIsComplete,
      loaded: this.fileIndex().get(value.value),
      lookup: this.lookup?.result(value.value) ?? (this.files ? undefined : { kind: 'unavailable' }),
      folderPathOf: (file) => this.files?.folderPath(file.folderId),
    });
  }

  /** The document's analysis, or undefined for a language it does not know or a huge file. */
  analysis(document: vscode.TextDocument): DocumentAnalysis | undefined {
    const language = languageKindOf(document.languageId);
    if (!language) return undefined;
    const key = document.uri.toString();
    const cached = this.analyses.get(key);
    if (cached && cached.version === document.version && cached.languageId === document.languageId) return cached.analysis;
    const text = document.getText();
    if (text.length > MAX_DOCUMENT_LENGTH) return undefined;
    const analysis = analyzeDocument(text, language);
    this.analyses.set(key, { version: document.version, languageId: document.languageId, analysis });
    return analysis;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.analyses.clear();
  }
}

/** A document range from analysis offsets. */
export function rangeOf(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}
