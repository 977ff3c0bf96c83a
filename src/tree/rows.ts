// The rows both services' trees draw alike: "Show more…" after a page, and a message row
// (what failed, with Retry on a click).
import * as vscode from 'vscode';

/** "Show more…", with how many are left when the tree knows it. */
export function showMoreTreeItem(row: { id: string; contextValue: string; command: string; node: unknown; remaining?: string }): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Show more…'), vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  if (row.remaining !== undefined) item.description = vscode.l10n.t({ message: '{0} more', args: [row.remaining], comment: ['{0} is a count of files not shown yet'] });
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = row.contextValue;
  item.command = { command: row.command, title: vscode.l10n.t('Show More'), arguments: [row.node] };
  return item;
}

/** A message row: its text, the detail beside it (and read out with it), the full reason on hover; a click retries when `retry` names the command. */
export function messageTreeItem(row: {
  id: string;
  text: string;
  description?: string;
  tooltip?: string;
  contextValue: string;
  retry?: { command: string; arguments?: unknown[] };
}): vscode.TreeItem {
  const item = new vscode.TreeItem(row.text, vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  item.iconPath = new vscode.ThemeIcon('warning');
  item.description = row.description;
  item.tooltip = row.tooltip;
  item.accessibilityInformation = {
    label: row.description ? vscode.l10n.t({ message: '{0}: {1}', args: [row.text, row.description], comment: ['{0} is a message row, {1} its detail'] }) : row.text,
  };
  item.contextValue = row.contextValue;
  if (row.retry) item.command = { command: row.retry.command, title: vscode.l10n.t('Retry'), arguments: row.retry.arguments };
  return item;
}
