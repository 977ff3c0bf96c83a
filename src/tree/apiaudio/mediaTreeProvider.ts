import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { groupByTag, type TagGroup } from '../../model/apiaudio/grouping';
import { mediaMarkdown, tagSummary } from '../../media/apiaudio/describe';
import { publicLibraryLabel, type MediaScope } from '../../media/apiaudio/location';
import { playedMediaUri } from '../../media/playedMedia';
import type { MediaLibrary } from '../../model/apiaudio/mediaLibrary';
import { formatCount, formatList, formatTime } from '../../util/l10nFormat';
import { fileCount, firstSentence } from '../../util/text';
import {
  FILTER_NODE_ID,
  STALE_NODE_ID,
  LIBRARY_NODE_ID,
  mediaNodeFor,
  tagNodeId,
  type FilterNode,
  type LibraryNode,
  type MediaNode,
  type MediaTreeNode,
  type MessageNode,
  type ShowMoreNode,
  type TagNode,
} from './nodes';
import { iconFor } from '../icons';
import { showMoreTreeItem,messageTreeItem } from '../rows';

/** The nodes of one listing. VS Code finds the element to refresh or reveal by object identity. */
interface ListingNodes {
  listing: unknown;
  filterKey: string;
  groups: Record<MediaScope, TagGroup[]>;
  tags: Record<MediaScope, TagNode[]>;
  library: LibraryNode;
  filter: FilterNode | undefined;
}

/**
 * A thin TreeDataProvider over MediaLibrary: roots are the organisation's tags (then
 * "Untagged", then the public library), each tag lists its items page by page.
 */
export class MediaTreeProvider implements vscode.TreeDataProvider<MediaTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<MediaTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  /** How many items each tag node shows, by node id (grows with "Show more…"). */
  private readonly shown = new Map<string, number>();
  /**
   * Groups and nodes of the current listing, built once per listing: every listing gets
   * its own node objects (ids stay the same), so a refresh racing VS Code's getChildren
   * never registers one object under two listings.
   */
  private nodesCache: ListingNodes | undefined;
  /**
   * Ids of the tag and library rows the person expanded: a row that disappears (filtered
   * out) and comes back opens again.
   */
  private readonly expanded = new Set<string>();

  constructor(
    private readonly library: MediaLibrary,
    private readonly pageSize: () => number,
  ) {
    this.disposables.push(library.onDidChange(() => this.changeEmitter.fire(undefined)));
  }

  /** Redraws everything and forgets "Show more…" paging (the page size changed). */
  refresh(): void {
    this.shown.clear();
    this.changeEmitter.fire(undefined);
  }

  /**
   * Follows the rows the person expands and collapses in `treeView`, starting from the ids
   * `remembered` (expanded in the last session); `save` hears every change.
   */
  followExpansion(treeView: vscode.TreeView<MediaTreeNode>, remembered: Iterable<string> = [], save?: (ids: string[]) => void): void {
    for (const id of remembered) this.expanded.add(id);
    this.disposables.push(
      treeView.onDidExpandElement(({ element }) => {
        if (element.kind !== 'tag' && element.kind !== 'library') return;
        this.expanded.add(element.id);
        save?.([...this.expanded]);
      }),
      treeView.onDidCollapseElement(({ element }) => {
        if (this.expanded.delete(element.id)) save?.([...this.expanded]);
      }),
    );
  }

  getChildren(node?: MediaTreeNode): MediaTreeNode[] {
    const listing = this.library.listing;
    const nodes = this.cache();
    if (!listing || !nodes) return [];
    if (!node) {
      const stale = this.staleNode();
      const roots: MediaTreeNode[] = [...(stale ? [stale] : []), ...(nodes.filter ? [nodes.filter] : []), ...nodes.tags.own];
      if (listing.publicItems !== undefined || listing.publicError !== undefined) roots.push(nodes.library);
      return roots;
    }
    switch (node.kind) {
      case 'library':
        if (listing.publicError !== undefined) {
          return [{ kind: 'message', id: 'public/error', text: vscode.l10n.t('Could not load the public library'), tooltip: listing.publicError, retryable: true }];
        }
        return this.tagNodes('public');
      case 'tag':
        return this.mediaNodes(node);
      default:
        return [];
    }
  }

  getParent(node: MediaTreeNode): MediaTreeNode | undefined {
    switch (node.kind) {
      case 'tag':
        return node.scope === 'public' ? this.cache()?.library : undefined;
      case 'media':
        return this.tagNodes(node.scope).find((tag) => tag.id === tagNodeId(node.scope, node.tag));
      case 'more':
        return node.parent;
      case 'message':
        return node.id.startsWith('public/') ? this.cache()?.library : undefined;
      default:
        return undefined;
    }
  }

  getTreeItem(node: MediaTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'filter': {
        const tags = node.tags.join(' + ');
        const list = formatList(vscode.env.language, node.tags);
        const item = new vscode.TreeItem(vscode.l10n.t({ message: 'Filtered by tags: {0}', args: [tags], comment: ['{0} is the tag names'] }), vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('filter');
        item.contextValue = 'filter';
        item.tooltip = vscode.l10n.t({
          message: 'Only files that carry all of these tags are listed: {0}. Click to change the filter; the clear button removes it.',
          args: [list],
          comment: ['{0} is a list of tag names'],
        });
        item.command = { command: Commands.filterByTags, title: vscode.l10n.t('Filter by Tags…') };
        item.accessibilityInformation = { label: vscode.l10n.t({ message: 'Filtered by tags: {0}', args: [list], comment: ['{0} is the tag names'] }) };
        return item;
      }
      case 'library': {
        const item = new vscode.TreeItem(publicLibraryLabel(), this.collapsibleState(node.id));
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('library');
        item.contextValue = 'library';
        const count = this.library.listing?.publicItems?.length;
        item.description = count === undefined ? undefined : formatCount(vscode.env.language, count);
        item.tooltip = vscode.l10n.t('Media that api.audio shares with every organisation');
        item.accessibilityInformation = {
          label: count === undefined ? publicLibraryLabel() : vscode.l10n.t({ message: '{0}, {1}', args: [publicLibraryLabel(), fileCount(count)], comment: ['{0} is a row label, {1} a count of files'] }),
        };
        return item;
      }
      case 'tag': {
        const label = node.tag ?? vscode.l10n.t('Untagged');
        const item = new vscode.TreeItem(label, this.collapsibleState(node.id));
        item.id = node.id;
        item.description = formatCount(vscode.env.language, node.count);
        item.iconPath = new vscode.ThemeIcon(node.tag === undefined ? 'circle-slash' : 'tag');
        item.contextValue = node.scope === 'public' ? 'tag.public' : node.tag === undefined ? 'untagged' : 'tag';
        item.tooltip =
          node.tag === undefined
            ? vscode.l10n.t({ message: 'Files without tags: {0}', args: [fileCount(node.count)], comment: ['{0} is a count of files'] })
            : vscode.l10n.t({ message: 'Tag "{0}": {1}', args: [node.tag, fileCount(node.count)], comment: ['{0} is a tag name, {1} a count of files'] });
        item.accessibilityInformation = { label: vscode.l10n.t({ message: '{0}, {1}', args: [label, fileCount(node.count)], comment: ['{0} is a row label, {1} a count of files'] }) };
        return item;
      }
      case 'media':
        return mediaTreeItem(node);
      case 'more': {
        return showMoreTreeItem({
          id: node.id,
          contextValue: 'more',
          command: Commands.showMore,
          node,
          remaining: formatCount(vscode.env.language, node.remaining),
        });
      }
      case 'message': {
        return messageTreeItem({
          ...node,
          contextValue: node.retryable ? 'retryableMessage' : 'message',
          retry: node.retryable ? { command: Commands.refresh } : undefined,
        });
      }
    }
  }

  /**
   * The first row while the listing on screen is older than a refresh that failed: what
   * failed, since when the listing is unchanged, and (on the row) Retry, Open Settings and
   * Show Log. A view message could say it, but not offer the next step.
   */
  private staleNode(): MessageNode | undefined {
    const { errorMessage } = this.library.state;
    const listing = this.library.listing;
    if (!errorMessage || !listing) return undefined;
    const at = formatTime(vscode.env.language, listing.fetchedAt);
    return {
      kind: 'message',
      id: STALE_NODE_ID,
      text: vscode.l10n.t({ message: 'Could not refresh: showing the listing from {0}', args: [at], comment: ['{0} is a time of day'] }),
      description: firstSentence(errorMessage),
      tooltip: vscode.l10n.t({ message: '{0}\n\nClick to try again.', args: [errorMessage], comment: ['{0} is an error message'] }),
      retryable: true,
    };
  }

  /** Shows the next page of a tag's items. */
  showMore(node: ShowMoreNode): void {
    const current = this.shown.get(node.parent.id) ?? this.pageSize();
    this.shown.set(node.parent.id, current + this.pageSize());
    this.changeEmitter.fire(node.parent);
  }

  /**
   * The first node that shows `mediaId`, paging its tag far enough that it is visible:
   * what Find Media and a finished upload reveal.
   */
  findNode(mediaId: string, scope: MediaScope = 'own'): MediaNode | undefined {
    for (const tagNode of this.tagNodes(scope)) {
      const node = this.mediaNodeIn(tagNode, mediaId);
      if (node) return node;
    }
    return undefined;
  }

  /**
   * The row with `id` in the current listing (a tag, the public library, an item under a
   * tag), paging its tag far enough to show it: what a reload restores the selection to.
   */
  nodeById(id: string): MediaTreeNode | undefined {
    const nodes = this.cache();
    if (!nodes) return undefined;
    if (id === LIBRARY_NODE_ID) return this.getChildren().find((node) => node.kind === 'library');
    const tags = [...this.tagNodes('own'), ...this.tagNodes('public')];
    const tag = tags.find((tagNode) => tagNode.id === id);
    if (tag) return tag;
    // A tag's name may hold a slash: try every tag the id starts with.
    for (const tagNode of tags) {
      const node = id.startsWith(`${tagNode.id}/`) ? this.mediaNodeIn(tagNode, id.slice(tagNode.id.length + 1)) : undefined;
      if (node) return node;
    }
    return undefined;
  }

  /** The node of `mediaId` under `tagNode`, its page shown. */
  private mediaNodeIn(tagNode: TagNode, mediaId: string): MediaNode | undefined {
    const { scope } = tagNode;
    const items = this.group(scope, tagNode.tag)?.items ?? [];
    const index = items.findIndex((item) => item.mediaId === mediaId);
    if (index < 0) return undefined;
    const visible = this.shown.get(tagNode.id) ?? this.pageSize();
    if (index >= visible) {
      this.shown.set(tagNode.id, Math.ceil((index + 1) / this.pageSize()) * this.pageSize());
      this.changeEmitter.fire(tagNode);
    }
    return mediaNodeFor({ scope, item: items[index] }, tagNode.tag);
  }

  private collapsibleState(id: string): vscode.TreeItemCollapsibleState {
    return this.expanded.has(id) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  }

  private cache(): ListingNodes | undefined {
    const listing = this.library.listing;
    if (!listing) return undefined;
    const filterTags = this.library.filterTags;
    const filterKey = filterTags.join('\u0000');
    if (this.nodesCache?.listing !== listing || this.nodesCache.filterKey !== filterKey) {
      const groups = { own: groupByTag(listing.items), public: groupByTag(listing.publicItems ?? []) };
      const nodesFor = (scope: MediaScope): TagNode[] =>
        groups[scope].map((group) => ({ kind: 'tag', id: tagNodeId(scope, group.tag), scope, tag: group.tag, count: group.count }));
      this.nodesCache = {
        listing,
        filterKey,
        groups,
        tags: { own: nodesFor('own'), public: nodesFor('public') },
        library: { kind: 'library', id: LIBRARY_NODE_ID },
        filter: filterTags.length ? { kind: 'filter', id: FILTER_NODE_ID, tags: [...filterTags] } : undefined,
      };
    }
    return this.nodesCache;
  }

  private group(scope: MediaScope, tag: string | undefined): TagGroup | undefined {
    return this.cache()?.groups[scope].find((group) => group.tag === tag);
  }

  private tagNodes(scope: MediaScope): TagNode[] {
    return this.cache()?.tags[scope] ?? [];
  }

  private mediaNodes(parent: TagNode): MediaTreeNode[] {
    const items = this.group(parent.scope, parent.tag)?.items ?? [];
    const limit = this.shown.get(parent.id) ?? this.pageSize();
    const nodes: MediaTreeNode[] = items.slice(0, limit).map((item) => mediaNodeFor({ scope: parent.scope, item }, parent.tag));
    if (items.length > limit) {
      nodes.push({ kind: 'more', id: `${parent.id}/\u0000more`, parent, remaining: items.length - limit });
    }
    return nodes;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function mediaTreeItem(node: MediaNode): vscode.TreeItem {
  const { item: media } = node;
  const item = new vscode.TreeItem(media.filename, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = media.tags.length ? tagSummary(media.tags) : media.mediaId;
  item.resourceUri = playedMediaUri(media);
  // Codicons rather than the file icon theme: the default theme draws wav and mp3 alike.
  item.iconPath = new vscode.ThemeIcon(iconFor(media.filename));
  item.contextValue = node.scope === 'public' ? 'media.public' : 'media.own';
  item.tooltip = new vscode.MarkdownString(mediaMarkdown(node), true);
  item.command = { command: Commands.open, title: vscode.l10n.t('Open'), arguments: [node] };
  item.accessibilityInformation = {
    label: media.tags.length
      ? vscode.l10n.t({ message: '{0}, tags {1}, media ID {2}', args: [media.filename, tagSummary(media.tags), media.mediaId], comment: ['{0} is a file name, {1} its tags, {2} its Media ID'] })
      : vscode.l10n.t({ message: '{0}, untagged, media ID {1}', args: [media.filename, media.mediaId], comment: ['{0} is a file name, {1} its Media ID'] }),
  };
  return item;
}
