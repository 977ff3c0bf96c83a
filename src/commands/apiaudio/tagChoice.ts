// What the tag picker holds, without VS Code: the rows it offers (in an order that only
// grows at the end), which are checked, and what the typed text would add.
//
// The picker never turns typed text into a row while the person types. VS Code's quick
// pick reports selections by row position, and it echoes every programmatic change back
// a moment later: rows that moved under a pending echo were once checked or unchecked
// by position (a tag typed at a person's pace became one tag per pause). So rows change
// only when the organisation's tags arrive, and only by appending; the typed text (commas
// separate several tags) is applied when the person presses Enter.
import { checkTag, normaliseTags } from '../../api/apiaudio/tags';
import { formatList } from '../../util/l10nFormat';

export interface TagRow {
  readonly tag: string;
  /** Not one of the organisation's tags (yet): a preset or a tag added here. */
  readonly isNew: boolean;
}

export class TagChoice {
  private readonly order: string[] = [];
  private readonly existing = new Set<string>();
  private checkedTags = new Set<string>();

  constructor(preset: readonly string[]) {
    for (const tag of normaliseTags(preset)) if (checkTag(tag) === undefined) this.append(tag, true);
  }

  rows(): TagRow[] {
    return this.order.map((tag) => ({ tag, isNew: !this.existing.has(tag) }));
  }

  isChecked(tag: string): boolean {
    return this.checkedTags.has(tag);
  }

  /** The organisation's tags arrived: they are appended (sorted) after the rows shown. */
  addExisting(tags: readonly string[]): void {
    const valid = normaliseTags(tags).filter((tag) => checkTag(tag) === undefined);
    for (const tag of valid) this.existing.add(tag);
    for (const tag of [...valid].sort((a, b) => a.localeCompare(b))) if (!this.order.includes(tag)) this.append(tag, false);
  }

  /** The checked rows, as the picker reports them: exactly these are checked now. */
  select(tags: readonly string[]): void {
    this.checkedTags = new Set(tags.filter((tag) => this.order.includes(tag)));
  }

  /** The typed text as tags: split at commas (which api.audio uses between tags), trimmed, without empties or repeats. */
  typed(value: string): string[] {
    return normaliseTags(value.split(',')).filter((tag) => checkTag(tag) === undefined);
  }

  /** What Enter uploads with: the checked rows, then exactly the typed tags. */
  accept(value: string): string[] {
    const ordered = this.order.filter((tag) => this.checkedTags.has(tag));
    return normaliseTags([...ordered, ...this.typed(value)]);
  }

  private append(tag: string, checked: boolean): void {
    this.order.push(tag);
    if (checked) this.checkedTags.add(tag);
  }
}

/** “a”, “a” and “b”, “a”, “b”, and “c” — as `language` (a VS Code language id) lists them. */
export function quotedList(tags: readonly string[], language: string): string {
  return formatList(
    language,
    tags.map((tag) => `“${tag}”`),
  );
}
