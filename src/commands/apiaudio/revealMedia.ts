import * as vscode from 'vscode';
import { revealMedia } from './findMedia';
import type { Services } from '../services';
import { Commands } from '../../constants';

/**
 * `apiAudio.revealMedia` (mediaId, scope?): the hover's and the file-name hint's "Reveal in
 * Media View". Says so when the item is not in the view (filtered out, or not listed).
 */
export async function revealMediaById(services: Services, mediaId?: unknown, scope?: unknown): Promise<boolean> {
  if (typeof mediaId !== 'string' || mediaId.trim() === '') return false;
  if (await revealMedia(services, mediaId.trim(), scope === 'public' ? 'public' : 'own')) return true;
  const filtered = services.library.filterTags.length > 0;
  const action = filtered ? vscode.l10n.t('Clear Filter') : vscode.l10n.t('Refresh');
  const choice = await vscode.window.showInformationMessage(
    filtered
      ? vscode.l10n.t("Media {0} is hidden by the Media view's tag filter.", mediaId)
      : vscode.l10n.t('Media {0} is not in the Media view. Refresh it to list new files.', mediaId),
    action,
  );
  if (choice === action) await vscode.commands.executeCommand(filtered ? Commands.clearFilter : Commands.refresh);
  return false;
}
