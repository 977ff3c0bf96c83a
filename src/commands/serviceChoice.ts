// Which service the Media view shows: api.audio Media (v1, by tag) or AudioStack Files
// (folders). The choice is kept on this machine (global state) and mirrored in a context key.
import * as vscode from 'vscode';
import { ContextKeys, FILES_VIEW_ID, SERVICE_STATE_KEY, VIEW_ID, type MediaService } from '../constants';
import type { Services } from './services';

/** The services' names as the picker shows them. */
function serviceLabel(service: MediaService): string {
  return service === 'media' ? vscode.l10n.t('api.audio Media') : vscode.l10n.t('AudioStack Files');
}

/** Which service the Media view shows (remembered on this machine; api.audio Media until chosen). */
export function currentService(services: Services): MediaService {
  return services.context.globalState.get<unknown>(SERVICE_STATE_KEY) === 'files' ? 'files' : 'media';
}

/** Shows `service` in the Media view, remembers it on this machine, and lists it when first shown. */
export async function showService(services: Services, service: MediaService): Promise<void> {
  await services.context.globalState.update(SERVICE_STATE_KEY, service);
  await vscode.commands.executeCommand('setContext', ContextKeys.service, service);
  await vscode.commands.executeCommand(`${service === 'files' ? FILES_VIEW_ID : VIEW_ID}.focus`);
  if (service === 'files' && services.files.browser.state.kind === 'idle') await services.files.browser.start();
}

/** `apiAudio.switchService`: a picker of the two services, the current one marked. */
export async function switchService(services: Services): Promise<void> {
  const current = currentService(services);
  const picked = await vscode.window.showQuickPick(
    (['media', 'files'] as const).map((service) => ({
      label: serviceLabel(service),
      description: service === current ? vscode.l10n.t('shown now') : undefined,
      detail: service === 'media' ? vscode.l10n.t('api.audio (v1): your media by tag') : vscode.l10n.t('AudioStack (v2): your files in folders'),
      service,
    })),
    { title: vscode.l10n.t('Show in the Media View'), placeHolder: vscode.l10n.t('Which service should the Media view show?') },
  );
  if (picked) await showService(services, picked.service);
}
