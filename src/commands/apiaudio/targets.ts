import * as vscode from 'vscode';
import { asLocatedMedia, locatedMedia, type MediaScope } from '../../media/apiaudio/location';
import { mediaNodeFor, uniqueMediaNodes, type MediaNode, type MediaTreeNode } from '../../tree/apiaudio/nodes';
import { mediaPicks, type MediaPick } from './findMedia';
import type { Services } from '../services';

export interface TargetRequest {
  /** The palette's picker takes several items (Download, Copy IDs, Delete) or one (Open, Copy Download URL). */
  many: boolean;
  /** The title of the picker when the command runs from the palette (in the display language). */
  title: string;
  /** Which items the picker offers: Delete offers only the organisation's own. */
  scopes?: readonly MediaScope[];
}

/**
 * The media an item command acts on, from however it was run. A keybinding command gets no
 * arguments of its own: the keybindings in package.json pass `[{ $treeViewId, $focusedTreeItem:
 * true }]`, which VS Code's extension host replaces with `[the tree's focused element]` (how it
 * builds a view's title-action context); the array tells a keyboard call from the others.
 *
 * - a menu or an inline button: (clicked node, selected nodes) — VS Code passes the
 *   selection when the clicked row is part of it;
 * - a keybinding: `[focused node]` — the row the keyboard is on, or the whole selection when
 *   that row is part of it (the Explorer's rule); without a known focused row, the selection;
 * - a hover's link: (a media reference, see mediaReference); another command: (node);
 * - the Command Palette: nothing — the person picks the media in a Find Media picker.
 * Resolves with no nodes when the person dismissed the picker or nothing applies.
 */
export async function mediaTargets(services: Services, args: readonly unknown[], request: TargetRequest): Promise<MediaNode[]> {
  const [node, nodes] = args;
  if (Array.isArray(nodes) && nodes.some(isTreeNode)) return uniqueMediaNodes(nodes.filter(isTreeNode));
  if (Array.isArray(node)) return fromKeyboard(services, node[0]);
  if (isTreeNode(node)) return uniqueMediaNodes([node]);
  const reference = asLocatedMedia(node);
  if (reference) return [mediaNodeFor(reference)];
  if (node === undefined || node === null) return pickMedia(services, request);
  return [];
}

/** The Explorer's rule: the focused row, or the selection when the focused row is part of it. */
function fromKeyboard(services: Services, focused: unknown): MediaNode[] {
  const selection = services.treeView.selection;
  let rows: readonly MediaTreeNode[];
  if (!isTreeNode(focused)) rows = selection; // a VS Code that does not say which row is focused
  else if (selection.some((selected) => selected.id === focused.id)) rows = selection;
  else rows = [focused];
  const targets = uniqueMediaNodes(rows);
  if (targets.length === 0) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('The row the keyboard is on is not a file: move to one with the arrow keys.'), 5000);
  }
  return targets;
}

/**
 * Asks for the media with a Find Media picker (file name, tags, ID; checkboxes when the
 * command takes several). Loads the listing first when the view never has. Escape: none.
 */
async function pickMedia(services: Services, request: TargetRequest): Promise<MediaNode[]> {
  if (!services.library.listing) await services.library.refresh();
  const scopes = request.scopes ?? ['own', 'public'];
  const entries = locatedMedia(services.library.listing).filter((entry) => scopes.includes(entry.scope));
  if (entries.length === 0) {
    const problem = services.library.state.errorMessage;
    void vscode.window.showInformationMessage(
      problem ? vscode.l10n.t('No media to pick: {0}', problem) : vscode.l10n.t('No media is listed. Upload files or refresh the api.audio Media view first.'),
    );
    return [];
  }
  const options = {
    title: request.title,
    placeHolder: request.many
      ? vscode.l10n.t('Type part of a file name, tag or media ID; Space checks an item, Enter confirms')
      : vscode.l10n.t('Type part of a file name, tag or media ID'),
    matchOnDescription: true,
    matchOnDetail: true,
  };
  const picked: MediaPick[] = request.many
    ? ((await vscode.window.showQuickPick(mediaPicks(entries), { ...options, canPickMany: true })) ?? [])
    : [await vscode.window.showQuickPick(mediaPicks(entries), options)].filter((pick): pick is MediaPick => pick !== undefined);
  const byKey = new Map(entries.map((entry) => [`${entry.scope}/${entry.item.mediaId}`, entry]));
  return picked.flatMap((pick) => {
    const entry = byKey.get(`${pick.scope}/${pick.mediaId}`);
    return entry ? [mediaNodeFor(entry)] : [];
  });
}

function isTreeNode(value: unknown): value is MediaTreeNode {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}
