import * as vscode from 'vscode';
import { VIEW_ID } from '../../constants';
import type { Services } from '../services';

/**
 * Multi-pick from the organisation's tags; the server returns files carrying ALL picked
 * tags. Picking nothing clears the filter.
 */
export async function filterByTags(services: Services): Promise<void> {
  const client = await services.clients.get();
  const tags = await vscode.window.withProgress(
    { location: { viewId: VIEW_ID }, title: vscode.l10n.t('Loading tags…') },
    () => client.listTags(),
  );
  const active = new Set(services.library.filterTags);
  if (tags.length === 0 && active.size === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No media in this organisation has tags yet.'));
    return;
  }
  const items: vscode.QuickPickItem[] = [...new Set([...tags, ...active])]
    .sort((a, b) => a.localeCompare(b))
    .map((tag) => ({ label: tag, picked: active.has(tag) }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Filter api.audio Media by Tags'),
    placeHolder: vscode.l10n.t('Show files that carry all of the picked tags (pick none to clear the filter)'),
    canPickMany: true,
    ignoreFocusOut: false,
  });
  if (!picked) return;
  await services.library.setFilter(picked.map((item) => item.label));
}

export async function clearFilter(services: Services): Promise<void> {
  await services.library.setFilter([]);
}
