// Prompts shared by the transfer commands: the tag picker and the download conflict prompt.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConflictChoice } from '../api';
import { checkTag, normaliseTags } from '../model/grouping';

interface TagItem extends vscode.QuickPickItem {
  /** The tag this item stands for; undefined for the line that explains a bad tag. */
  tag?: string;
  /** True for "Add tag “…”", the item offering the typed value as a new tag. */
  isNew?: boolean;
}

/**
 * A multi-select quick pick of the organisation's tags that also accepts new ones: typing
 * a tag that does not exist offers it as a new tag, already checked (Enter applies it; the
 * count says so). It opens at once, busy until `loadExisting` answers (closing it aborts
 * the request). Resolves with the checked tags (trimmed, de-duplicated; possibly none) or
 * undefined when dismissed; rejects when the tags cannot be loaded.
 */
export function pickTags(
  loadExisting: (signal: AbortSignal) => Promise<readonly string[]>,
  options: { title: string; preset?: readonly string[] },
): Promise<string[] | undefined> {
  const picker = new TagPicker(options.title, normaliseTags(options.preset ?? []));
  return picker.run(loadExisting);
}

/** The state behind pickTags: known tags, checked tags, and the typed one. */
class TagPicker {
  private existing: readonly string[] = [];
  /** Tags offered as rows: the preset, the organisation's, and new ones kept. */
  private readonly all: string[];
  private readonly checked: Set<string>;
  /** The typed new tag the person unchecked (it is then not applied). */
  private declined: string | undefined;
  private readonly quickPick = vscode.window.createQuickPick<TagItem>();

  constructor(title: string, preset: string[]) {
    this.all = [...preset];
    this.checked = new Set(preset);
    this.quickPick.title = title;
    this.quickPick.placeholder = 'Check the tags for the upload, or type a new tag (Enter to upload)';
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
        quickPick.onDidChangeValue(() => this.render()),
        quickPick.onDidChangeSelection((selection) => this.onSelection(selection)),
        quickPick.onDidAccept(() => {
          result = this.accepted();
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
      this.render();
      quickPick.busy = true;
      quickPick.show();
      loadExisting(loading.signal).then(
        (tags) => this.addExisting(tags),
        (error: unknown) => {
          if (loading.signal.aborted) return;
          loadError = error;
          quickPick.hide();
        },
      );
    });
  }

  /** The typed value when it would make a valid new tag. */
  private typedNewTag(): string | undefined {
    const typed = this.quickPick.value.trim();
    if (typed === '' || this.all.includes(typed) || checkTag(typed) !== undefined) return undefined;
    return typed;
  }

  private addExisting(tags: readonly string[]): void {
    this.existing = tags;
    for (const tag of normaliseTags([...tags].sort((a, b) => a.localeCompare(b)))) if (!this.all.includes(tag)) this.all.push(tag);
    this.quickPick.busy = false;
    this.render();
  }

  private render(): void {
    const typed = this.quickPick.value.trim();
    const top: TagItem[] = [];
    if (typed !== '' && !this.all.includes(typed)) {
      const problem = checkTag(this.quickPick.value);
      top.push(
        problem
          ? { label: `$(warning) ${problem}`, alwaysShow: true }
          : { label: `Add tag “${typed}”`, tag: typed, isNew: true, alwaysShow: true },
      );
    }
    const rows = this.all.map((tag): TagItem => ({ label: tag, tag, description: this.existing.includes(tag) ? undefined : 'new tag' }));
    const items = [...top, ...rows];
    this.quickPick.items = items;
    // The typed new tag shows checked: it is what Enter applies.
    this.quickPick.selectedItems = items.filter((item) =>
      item.isNew ? item.tag !== this.declined : item.tag !== undefined && this.checked.has(item.tag),
    );
  }

  private onSelection(selection: readonly TagItem[]): void {
    const visible = new Set(this.quickPick.items.filter((item) => !item.isNew).map((item) => item.tag));
    // Rows hidden by the filter keep their state; visible ones follow the selection.
    for (const tag of [...this.checked]) if (visible.has(tag)) this.checked.delete(tag);
    for (const item of selection) if (!item.isNew && item.tag !== undefined) this.checked.add(item.tag);
    const typed = this.quickPick.items.find((item) => item.isNew);
    if (!typed?.tag) return;
    if (selection.some((item) => item.isNew)) {
      // Checked again after being unchecked: keep it as a row, so another can be typed.
      if (this.declined === typed.tag) {
        this.declined = undefined;
        this.all.push(typed.tag);
        this.checked.add(typed.tag);
        this.quickPick.value = '';
        this.render();
      }
    } else {
      this.declined = typed.tag;
    }
  }

  private accepted(): string[] {
    for (const item of this.quickPick.selectedItems) if (!item.isNew && item.tag !== undefined) this.checked.add(item.tag);
    const typed = this.typedNewTag();
    const tags = [...this.checked];
    if (typed !== undefined && typed !== this.declined) tags.unshift(typed);
    return normaliseTags(tags.filter((tag) => checkTag(tag) === undefined));
  }
}

export type ConflictAnswer = Exclude<ConflictChoice, 'fail'>;

const OVERWRITE = 'Overwrite';
const KEEP_BOTH = 'Keep Both';
const SKIP = 'Skip';
const OVERWRITE_ALL = 'Overwrite All';
const KEEP_BOTH_ALL = 'Keep Both for All';

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

  constructor(private readonly several: boolean) {}

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
    // The first button is the default (Enter): one that never destroys the existing file.
    const buttons = this.several ? [KEEP_BOTH, SKIP, OVERWRITE, KEEP_BOTH_ALL, OVERWRITE_ALL] : [KEEP_BOTH, SKIP, OVERWRITE];
    const answer = await vscode.window.showWarningMessage(
      `${path.basename(existingPath)} already exists in ${path.dirname(existingPath)}.`,
      {
        modal: true,
        detail: `Keep Both saves the download as ${numbered(existingPath)}, Skip keeps the existing file, Overwrite replaces it.${
          this.several ? ' Cancel skips every file that already exists.' : ''
        }`,
      },
      ...buttons,
    );
    switch (answer) {
      case OVERWRITE:
        return 'overwrite';
      case KEEP_BOTH:
        return 'rename';
      case SKIP:
        return 'skip';
      case OVERWRITE_ALL:
        return (this.remembered = 'overwrite');
      case KEEP_BOTH_ALL:
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
