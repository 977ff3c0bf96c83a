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
 * a tag that does not exist offers "Add tag “…”". It opens at once, busy until
 * `loadExisting` answers (closing it aborts the request). Resolves with the checked tags
 * (trimmed, de-duplicated; possibly none) or undefined when dismissed; rejects when the
 * tags cannot be loaded.
 */
export function pickTags(
  loadExisting: (signal: AbortSignal) => Promise<readonly string[]>,
  options: { title: string; preset?: readonly string[] },
): Promise<string[] | undefined> {
  const preset = normaliseTags(options.preset ?? []);
  let existing: readonly string[] = [];
  const all = [...preset];
  const checked = new Set(preset);
  const loading = new AbortController();
  const quickPick = vscode.window.createQuickPick<TagItem>();
  quickPick.title = options.title;
  quickPick.placeholder = 'Check the tags for the upload, or type a new tag (Enter to upload)';
  quickPick.canSelectMany = true;
  quickPick.matchOnDescription = true;
  quickPick.ignoreFocusOut = true;

  const render = () => {
    const typed = quickPick.value.trim();
    const top: TagItem[] = [];
    if (typed !== '' && !all.includes(typed)) {
      const problem = checkTag(quickPick.value);
      top.push(
        problem
          ? { label: `$(warning) ${problem}`, alwaysShow: true }
          : { label: `Add tag “${typed}”`, tag: typed, isNew: true, alwaysShow: true },
      );
    }
    const items = [...top, ...all.map((tag): TagItem => ({ label: tag, tag, description: existing.includes(tag) ? undefined : 'new' }))];
    quickPick.items = items;
    quickPick.selectedItems = items.filter((item) => !item.isNew && item.tag !== undefined && checked.has(item.tag));
  };

  return new Promise((resolve, reject) => {
    let result: string[] | undefined;
    let loadError: unknown;
    const disposables = [
      quickPick.onDidChangeValue(() => render()),
      quickPick.onDidChangeSelection((selection) => {
        const visible = new Set(quickPick.items.map((item) => item.tag));
        // Items hidden by the filter keep their state; visible ones follow the selection.
        for (const tag of [...checked]) if (visible.has(tag)) checked.delete(tag);
        let added = false;
        for (const item of selection) {
          if (item.tag === undefined) continue;
          checked.add(item.tag);
          if (item.isNew && !all.includes(item.tag)) {
            all.push(item.tag);
            added = true;
          }
        }
        if (added) {
          quickPick.value = '';
          render();
        }
      }),
      quickPick.onDidAccept(() => {
        for (const item of quickPick.selectedItems) if (item.tag !== undefined) checked.add(item.tag);
        // Enter on a typed new tag adds it, as the placeholder promises.
        const typed = quickPick.value.trim();
        if (typed !== '' && !all.includes(typed) && checkTag(typed) === undefined) checked.add(typed);
        result = normaliseTags([...checked].filter((tag) => checkTag(tag) === undefined));
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
    render();
    quickPick.busy = true;
    quickPick.show();
    loadExisting(loading.signal).then(
      (tags) => {
        existing = tags;
        for (const tag of normaliseTags([...tags].sort((a, b) => a.localeCompare(b)))) if (!all.includes(tag)) all.push(tag);
        quickPick.busy = false;
        render();
      },
      (error: unknown) => {
        if (loading.signal.aborted) return;
        loadError = error;
        quickPick.hide();
      },
    );
  });
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
    const buttons = this.several ? [OVERWRITE, KEEP_BOTH, SKIP, OVERWRITE_ALL, KEEP_BOTH_ALL] : [OVERWRITE, KEEP_BOTH, SKIP];
    const answer = await vscode.window.showWarningMessage(
      `${path.basename(existingPath)} already exists in ${path.dirname(existingPath)}.`,
      {
        modal: true,
        detail: `Overwrite replaces it, Keep Both saves the download as ${numbered(existingPath)}, Skip keeps the existing file.${
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
