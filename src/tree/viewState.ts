import type * as vscode from 'vscode';

/** Enough for any person's tree; a bound on what a window keeps. */
const MAX_IDS = 500;

/** What a tree offers so that its expanded rows and its selection come back (both services' trees do). */
export interface RememberingTree<T extends { id: string }> {
  /** Draws the rows with these ids expanded, and reports the ids expanded from now on. */
  followExpansion(treeView: vscode.TreeView<T>, remembered: Iterable<string>, save: (ids: string[]) => void): void;
  /** The row with this id as it would be drawn now, or undefined when what is loaded lacks it. */
  nodeById(id: string): T | undefined;
}

/**
 * What a person had in a view comes back after a window reload: the rows they expanded
 * (tags and the public library; folders) and the selected row. Kept per workspace under
 * `keyPrefix` by the rows' stable ids (TreeItem.id), never by position.
 */
export class ViewState<T extends { id: string }> implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private selectionRestored = false;
  private readonly expandedKey: string;
  private readonly selectedKey: string;

  /** `keyPrefix`: the workspaceState keys' start (`apiAudio.view` for api.audio Media). */
  constructor(
    private readonly memento: vscode.Memento,
    private readonly treeView: vscode.TreeView<T>,
    private readonly tree: RememberingTree<T>,
    keyPrefix: string,
  ) {
    this.expandedKey = `${keyPrefix}.expanded`;
    this.selectedKey = `${keyPrefix}.selected`;
    tree.followExpansion(treeView, this.ids(this.expandedKey), (ids) => void this.memento.update(this.expandedKey, ids.slice(-MAX_IDS)));
    this.disposables.push(
      treeView.onDidChangeSelection(({ selection }) => {
        // An empty selection before the last session's came back is the view starting, not a person.
        if (!this.selectionRestored && selection.length === 0) return;
        this.selectionRestored = true;
        void this.memento.update(this.selectedKey, selection.slice(0, MAX_IDS).map((node) => node.id));
      }),
    );
  }

  /**
   * Selects the row that was selected in the last session (the API selects one row), once a
   * listing is shown. Call it when the view is visible: revealing opens a hidden view.
   * `final`: the listing is fresh, so a row it lacks is gone; stop trying.
   */
  async restoreSelection(final: boolean): Promise<void> {
    if (this.selectionRestored) return;
    const node = this.ids(this.selectedKey)
      .map((id) => this.tree.nodeById(id))
      .find((candidate) => candidate !== undefined);
    if (!node && !final) return;
    this.selectionRestored = true;
    // The keyboard stays where it is (an editor, say): select without moving the focus.
    if (!node || this.treeView.selection.length > 0) return;
    try {
      await this.treeView.reveal(node, { select: true, focus: false, expand: false });
    } catch {
      // The row went away meanwhile (a refresh): nothing to restore.
    }
  }

  private ids(key: string): string[] {
    const value = this.memento.get<unknown>(key);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
