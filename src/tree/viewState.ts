import type * as vscode from 'vscode';
import type { MediaTreeProvider } from './mediaTreeProvider';
import type { MediaTreeNode } from './nodes';

/** workspaceState keys: the expanded tag and library rows, and the selected rows (stable ids). */
const EXPANDED_KEY = 'apiAudio.view.expanded';
const SELECTED_KEY = 'apiAudio.view.selected';
/** Enough for any person's tree; a bound on what a window keeps. */
const MAX_IDS = 500;

/**
 * What a person had in the Media view comes back after a window reload: the tags (and the
 * public library) they expanded, and the selected row. Kept per workspace by the rows'
 * stable ids (TreeItem.id), never by position.
 */
export class ViewState implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private selectionRestored = false;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly treeView: vscode.TreeView<MediaTreeNode>,
    private readonly tree: MediaTreeProvider,
  ) {
    tree.followExpansion(treeView, this.ids(EXPANDED_KEY), (ids) => void this.memento.update(EXPANDED_KEY, ids.slice(-MAX_IDS)));
    this.disposables.push(
      treeView.onDidChangeSelection(({ selection }) => {
        // An empty selection before the last session's came back is the view starting, not a person.
        if (!this.selectionRestored && selection.length === 0) return;
        this.selectionRestored = true;
        void this.memento.update(SELECTED_KEY, selection.slice(0, MAX_IDS).map((node) => node.id));
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
    const node = this.ids(SELECTED_KEY)
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
