// Prompts shared by the transfer commands: the tag picker and the download conflict prompt.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConflictChoice } from '../api';
import { quotedList, TagChoice } from './tagChoice';

interface TagItem extends vscode.QuickPickItem {
  readonly tag: string;
}

/**
 * A multi-select quick pick of the organisation's tags that also takes new ones: the
 * typed text (commas separate several) is added when the person presses Enter, and the
 * title says so while they type. The extension never writes the input box: a value set from
 * here would overwrite keys the person typed meanwhile. It opens at once, busy until `loadExisting` answers (closing it aborts the
 * request). Resolves with the tags (trimmed, de-duplicated; possibly none) or undefined
 * when dismissed; rejects when the tags cannot be loaded.
 */
export function pickTags(
  loadExisting: (signal: AbortSignal) => Promise<readonly string[]>,
  options: { title: string; preset?: readonly string[] },
): Promise<string[] | undefined> {
  return new TagPicker(options.title, options.preset ?? []).run(loadExisting);
}

/** Shows a TagChoice in a quick pick; see tagChoice.ts for why rows never move. */
class TagPicker {
  private readonly choice: TagChoice;
  /** One item object per tag, kept across updates of the list. */
  private readonly items = new Map<string, TagItem>();
  private readonly quickPick = vscode.window.createQuickPick<TagItem>();

  constructor(
    private readonly title: string,
    preset: readonly string[],
  ) {
    this.choice = new TagChoice(preset);
    this.quickPick.placeholder = vscode.l10n.t('Check tags, or type new ones separated by commas (Enter to upload)');
    this.quickPick.canSelectMany = true;
    this.quickPick.matchOnDescription = true;
    this.quickPick.ignoreFocusOut = true;
  }

  run(loadExisting: (signal: AbortSignal) => Promise<readonly string[]>): Promise<string[] | undefined> {
    const loading = new AbortController();
    return new Promise((resolve, reject) => {
      let result: string[] | undefined;
      let loadError: unknown;
      const quickPick = this.quickPick;
      const disposables = [
        quickPick.onDidChangeValue(() => this.showTitle()),
        quickPick.onDidChangeSelection((selection) => this.choice.select(selection.map((item) => item.tag))),
        quickPick.onDidAccept(() => {
          result = this.choice.accept(quickPick.value);
          quickPick.hide();
        }),
        quickPick.onDidHide(() => {
          loading.abort();
          for (const disposable of disposables) disposable.dispose();
          quickPick.dispose();
          if (loadError !== undefined) reject(loadError);
          else resolve(result);
        }),
      ];
      this.showRows();
      quickPick.busy = true;
      quickPick.show();
      loadExisting(loading.signal).then(
        (tags) => {
          this.choice.addExisting(tags);
          quickPick.busy = false;
          this.showRows();
        },
        (error: unknown) => {
          if (loading.signal.aborted) return;
          loadError = error;
          quickPick.hide();
        },
      );
    });
  }

  /** The title names what Enter adds besides the checked rows. */
  private showTitle(): void {
    const typed = this.choice.typed(this.quickPick.value);
    this.quickPick.title =
      typed.length === 0
        ? this.title
        : vscode.l10n.t({
            message: '{0}: Enter adds {1}',
            args: [this.title, quotedList(typed, vscode.env.language)],
            comment: ['{0} is the picker\'s title ("Tags for a.wav"), {1} the typed tags in quotes'],
          });
  }

  /** Sets the rows (only ever appended to) and their checks, consistently in one update. */
  private showRows(): void {
    const newTag = vscode.l10n.t('new tag');
    const items = this.choice.rows().map((row) => {
      const description = row.isNew ? newTag : undefined;
      let item = this.items.get(row.tag);
      if (!item || item.description !== description) {
        item = { label: row.tag, tag: row.tag, description };
        this.items.set(row.tag, item);
      }
      // `picked` travels with the rows, so the list is right even before the selection arrives.
      item.picked = this.choice.isChecked(row.tag);
      return item;
    });
    this.quickPick.items = items;
    this.quickPick.selectedItems = items.filter((item) => this.choice.isChecked(item.tag));
    this.showTitle();
  }
}

export type ConflictAnswer = Exclude<ConflictChoice, 'fail'>;

/** How the conflict question reads: the destroying button's word, and the question for one file (in the display language). */
export interface ConflictWords {
  /** The destroying button: Overwrite (a local file) or Replace (a file on a service); "… All" follows for several. */
  replace: 'overwrite' | 'replace';
  question: (existingPath: string) => { message: string; detail: string };
}

const DOWNLOAD_CONFLICT_WORDS: ConflictWords = {
  replace: 'overwrite',
  question: (existingPath) => ({
    message: vscode.l10n.t('{0} already exists in {1}.', path.basename(existingPath), path.dirname(existingPath)),
    detail: vscode.l10n.t('Keep Both saves the download as {0}, Skip keeps the existing file, Overwrite replaces it.', numbered(existingPath)),
  }),
};

/**
 * Asks what to do about an existing file, one modal at a time even when several downloads
 * run at once. With several files it also offers "… All"; dismissing the dialog (Cancel)
 * skips this file and every later conflict.
 */
export class ConflictResolver {
  private remembered: ConflictAnswer | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Files the person chose to skip (or skipped by Cancel), by path. */
  readonly skipped = new Set<string>();

  constructor(
    private readonly several: boolean,
    private readonly words: ConflictWords = DOWNLOAD_CONFLICT_WORDS,
  ) {}

  readonly resolve = (existingPath: string): Promise<ConflictAnswer> => {
    const answer = this.queue.then(() => this.ask(existingPath));
    this.queue = answer.catch(() => undefined);
    return answer;
  };

  private async ask(existingPath: string): Promise<ConflictAnswer> {
    const choice = this.remembered ?? (await this.prompt(existingPath));
    if (choice === 'skip') this.skipped.add(existingPath);
    return choice;
  }

  private async prompt(existingPath: string): Promise<ConflictAnswer> {
    const overwrite = this.words.replace === 'overwrite';
    const keepBoth = vscode.l10n.t('Keep Both');
    const skip = vscode.l10n.t('Skip');
    const replace = overwrite ? vscode.l10n.t('Overwrite') : vscode.l10n.t('Replace');
    const keepBothAll = vscode.l10n.t('Keep Both for All');
    const replaceAll = overwrite ? vscode.l10n.t('Overwrite All') : vscode.l10n.t('Replace All');
    // The first button is the default (Enter): one that never destroys the existing file.
    const buttons = this.several ? [keepBoth, skip, replace, keepBothAll, replaceAll] : [keepBoth, skip, replace];
    const question = this.words.question(existingPath);
    const detail = this.several
      ? vscode.l10n.t({ message: '{0} Cancel skips every file that already exists.', args: [question.detail], comment: ['{0} is what each button does, in whole sentences'] })
      : question.detail;
    const answer = await vscode.window.showWarningMessage(question.message, { modal: true, detail }, ...buttons);
    switch (answer) {
      case replace:
        return 'overwrite';
      case keepBoth:
        return 'rename';
      case skip:
        return 'skip';
      case replaceAll:
        return (this.remembered = 'overwrite');
      case keepBothAll:
        return (this.remembered = 'rename');
      default:
        return (this.remembered = 'skip');
    }
  }
}

function numbered(file: string): string {
  const ext = path.extname(file);
  return `${path.basename(file, ext)} (1)${ext}`;
}
