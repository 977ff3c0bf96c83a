import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { groupByTag, type TagGroup } from '../model/grouping';
import type { MediaLibrary, MediaScope } from '../model/mediaLibrary';
import {
  LIBRARY_LABEL,
  UNTAGGED_LABEL,
  mediaNodeId,
  tagNodeId,
  type LibraryNode,
  type MediaNode,
  type MediaTreeNode,
  type ShowMoreNode,
  type TagNode,
} from './nodes';

const LIBRARY_NODE: LibraryNode = { kind: 'library', id: 'public' };

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
   * Groups and tag nodes of the current listing. VS Code finds the element to refresh or
   * reveal by object identity, so a listing's tag nodes are built once and reused.
   */
  private groupsCache: { listing: unknown; groups: Record<MediaScope, TagGroup[]>; nodes: Record<MediaScope, TagNode[]> } | undefined;

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

  getChildren(node?: MediaTreeNode): MediaTreeNode[] {
    const listing = this.library.listing;
    if (!listing) return [];
    if (!node) {
      const roots: MediaTreeNode[] = this.tagNodes('own');
      if (listing.publicItems !== undefined || listing.publicError !== undefined) roots.push(LIBRARY_NODE);
      return roots;
    }
    switch (node.kind) {
      case 'library':
        if (listing.publicError !== undefined) {
          return [{ kind: 'message', id: 'public/error', text: 'Could not load the public library', tooltip: listing.publicError }];
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
        return node.scope === 'public' ? LIBRARY_NODE : undefined;
      case 'media':
        return this.tagNodes(node.scope).find((tag) => tag.id === tagNodeId(node.scope, node.tag));
      case 'more':
        return node.parent;
      case 'message':
        return node.id.startsWith('public/') ? LIBRARY_NODE : undefined;
      default:
        return undefined;
    }
  }

  getTreeItem(node: MediaTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'library': {
        const item = new vscode.TreeItem(LIBRARY_LABEL, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('library');
        item.contextValue = 'library';
        const count = this.library.listing?.publicItems?.length;
        item.description = count === undefined ? undefined : `${count}`;
        item.tooltip = 'Media that api.audio shares with every organisation';
        return item;
      }
      case 'tag': {
        const item = new vscode.TreeItem(node.tag ?? UNTAGGED_LABEL, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = `${node.count}`;
        item.iconPath = new vscode.ThemeIcon(node.tag === undefined ? 'circle-slash' : 'tag');
        item.contextValue = node.scope === 'public' ? 'tag.public' : node.tag === undefined ? 'untagged' : 'tag';
        item.tooltip = `${node.tag === undefined ? 'Files without tags' : `Tag "${node.tag}"`}: ${node.count} file${node.count === 1 ? '' : 's'}`;
        item.accessibilityInformation = { label: `${node.tag ?? UNTAGGED_LABEL}, ${node.count} files` };
        return item;
      }
      case 'media':
        return mediaTreeItem(node);
      case 'more': {
        const item = new vscode.TreeItem('Show more…', vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = `${node.remaining} more`;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.contextValue = 'more';
        item.command = { command: Commands.showMore, title: 'Show More', arguments: [node] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('warning');
        item.tooltip = node.tooltip;
        item.contextValue = 'message';
        return item;
      }
    }
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
      const items = this.group(scope, tagNode.tag)?.items ?? [];
      const index = items.findIndex((item) => item.mediaId === mediaId);
      if (index < 0) continue;
      const visible = this.shown.get(tagNode.id) ?? this.pageSize();
      if (index >= visible) {
        this.shown.set(tagNode.id, Math.ceil((index + 1) / this.pageSize()) * this.pageSize());
        this.changeEmitter.fire(tagNode);
      }
      return { kind: 'media', id: mediaNodeId(scope, tagNode.tag, mediaId), scope, tag: tagNode.tag, item: items[index] };
    }
    return undefined;
  }

  private cache(): NonNullable<MediaTreeProvider['groupsCache']> | undefined {
    const listing = this.library.listing;
    if (!listing) return undefined;
    if (this.groupsCache?.listing !== listing) {
      const groups = { own: groupByTag(listing.items), public: groupByTag(listing.publicItems ?? []) };
      const nodesFor = (scope: MediaScope): TagNode[] =>
        groups[scope].map((group) => ({ kind: 'tag', id: tagNodeId(scope, group.tag), scope, tag: group.tag, count: group.count }));
      this.groupsCache = { listing, groups, nodes: { own: nodesFor('own'), public: nodesFor('public') } };
    }
    return this.groupsCache;
  }

  private group(scope: MediaScope, tag: string | undefined): TagGroup | undefined {
    return this.cache()?.groups[scope].find((group) => group.tag === tag);
  }

  private tagNodes(scope: MediaScope): TagNode[] {
    return this.cache()?.nodes[scope] ?? [];
  }

  private mediaNodes(parent: TagNode): MediaTreeNode[] {
    const items = this.group(parent.scope, parent.tag)?.items ?? [];
    const limit = this.shown.get(parent.id) ?? this.pageSize();
    const nodes: MediaTreeNode[] = items.slice(0, limit).map((item) => ({
      kind: 'media',
      id: mediaNodeId(parent.scope, parent.tag, item.mediaId),
      scope: parent.scope,
      tag: parent.tag,
      item,
    }));
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
  item.description = media.tags.length ? media.tags.join(', ') : media.mediaId;
  item.resourceUri = vscode.Uri.from({ scheme: 'apiaudio-media', path: `/${media.mediaId}/${path.basename(media.filename) || 'media'}` });
  // Codicons rather than the file icon theme: the default theme draws wav and mp3 alike.
  item.iconPath = new vscode.ThemeIcon(iconFor(media.filename));
  item.contextValue = node.scope === 'public' ? 'media.public' : 'media.own';
  item.tooltip = mediaTooltip(node);
  item.command = { command: Commands.open, title: 'Open', arguments: [node] };
  item.accessibilityInformation = {
    label: `${media.filename}, ${media.tags.length ? `tags ${media.tags.join(', ')}` : 'untagged'}, media ID ${media.mediaId}`,
  };
  return item;
}

/** wav: a waveform; mp3: a media file; anything else the service returns: a plain file. */
export function iconFor(filename: string): string {
  const extension = path.extname(filename).toLowerCase();
  if (extension === '.wav') return 'pulse';
  if (extension === '.mp3') return 'file-media';
  return 'file';
}

function mediaTooltip(node: MediaNode): vscode.MarkdownString {
  const { item } = node;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMarkdown(item.filename)}**\n\n`);
  md.appendMarkdown(`Media ID: \`${item.mediaId}\`\n\n`);
  md.appendMarkdown(`Tags: ${item.tags.length ? item.tags.map((tag) => `\`${tag}\``).join(' ') : '_none_'}\n\n`);
  if (node.scope === 'public') md.appendMarkdown('From the public api.audio library\n\n');
  const extra = Object.entries(item.metadata);
  if (extra.length) {
    md.appendMarkdown('| | |\n|---|---|\n');
    for (const [key, value] of extra) {
      md.appendMarkdown(`| ${escapeMarkdown(key)} | ${escapeMarkdown(formatValue(value))} |\n`);
    }
  }
  return md;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (char) => `\\${char}`);
}
