// api.audio Media's tag picker: the organisation's tags to check, new ones typed (Upload).
import * as vscode from 'vscode';
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
