import * as vscode from 'vscode';
import { Commands, SETTINGS_SECTION, type CommandId } from '../constants';
import { copyDownloadUrl, copyMediaFilesEntry, copyMediaId } from './apiaudio/copy';
import { deleteMedia } from './apiaudio/delete';
import { download } from './apiaudio/download';
import { clearFilter, filterByTags } from './apiaudio/filterByTags';
import { findMedia } from './apiaudio/findMedia';
import { lookUpMedia } from './apiaudio/lookUpMedia';
import { revealMediaById } from './apiaudio/revealMedia';
import { open } from './apiaudio/open';
import { removeApiKey } from './removeApiKey';
import { wrapCommand, type CommandHandler } from './runCommand';
import type { Services } from './services';
import { setApiKey } from './setApiKey';
import { upload, uploadFromView, uploadToTag } from './apiaudio/upload';
import type { ShowMoreNode } from '../tree/apiaudio/nodes';

/** Every command the extension contributes, with its handler. */
const COMMANDS: Record<CommandId, CommandHandler> = {
  [Commands.setApiKey]: setApiKey,
  [Commands.removeApiKey]: removeApiKey,
  [Commands.refresh]: (services) => services.library.refresh(),
  [Commands.filterByTags]: filterByTags,
  [Commands.clearFilter]: clearFilter,
  [Commands.findMedia]: findMedia,
  [Commands.upload]: upload,
  [Commands.uploadFromView]: uploadFromView,
  [Commands.uploadToTag]: uploadToTag,
  [Commands.lookUpMedia]: lookUpMedia,
  [Commands.revealMedia]: revealMediaById,
  [Commands.open]: open,
  [Commands.download]: download,
  [Commands.copyMediaId]: copyMediaId,
  [Commands.copyDownloadUrl]: copyDownloadUrl,
  [Commands.copyMediaFilesEntry]: copyMediaFilesEntry,
  [Commands.delete]: deleteMedia,
  [Commands.showMore]: (services, node) => {
    if ((node as ShowMoreNode | undefined)?.kind === 'more') services.tree.showMore(node as ShowMoreNode);
  },
  [Commands.togglePublicLibrary]: async () => {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    // Write where the value in force comes from, or a workspace value would win over ours.
    const inspected = config.inspect<boolean>('showPublicLibrary');
    const target =
      inspected?.workspaceFolderValue !== undefined
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : inspected?.workspaceValue !== undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
    await config.update('showPublicLibrary', !config.get<boolean>('showPublicLibrary'), target);
  },
  // In a remote window (SSH, WSL, code-server) the addresses are machine settings, shown
  // only on the Remote tab: open that one there, where every setting of ours is listed.
  [Commands.openSettings]: (services) =>
    vscode.commands.executeCommand(
      vscode.env.remoteName ? 'workbench.action.openRemoteSettings' : 'workbench.action.openSettings',
      { query: `@ext:${services.context.extension.id}` },
    ),
  [Commands.showLog]: (services) => services.logger.show(),
};

export function registerCommands(services: Services): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]) => vscode.commands.registerCommand(id, wrapCommand(id, handler, services)));
}
