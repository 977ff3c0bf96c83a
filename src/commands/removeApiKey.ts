import * as vscode from 'vscode';
import type { Services } from './services';

/**
 * `apiAudio.removeApiKey`: forgets the stored key. When one of the SDK's environment
 * variables also holds a key, the view keeps listing with it, and every message says so.
 */
export async function removeApiKey(services: Services): Promise<void> {
  const { stored, environmentVariable: variable } = await services.apiKeys.sources();
  if (!stored) {
    if (variable) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t({
          message: 'No api.audio key is stored in VS Code. The key comes from the environment variable {0}: remove it there and restart VS Code to stop using it.',
          args: [variable],
          comment: ['{0} is the name of an environment variable, such as apiaudio_key'],
        }),
      );
    }
    return;
  }
  const remove = vscode.l10n.t('Remove');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Remove the api.audio API key from this machine\'s secret storage?'),
    {
      modal: true,
      detail: variable
        ? vscode.l10n.t({
            message: 'The Media view keeps listing with the key in the environment variable {0}.',
            args: [variable],
            comment: ['{0} is the name of an environment variable, such as apiaudio_key'],
          })
        : vscode.l10n.t('The Media view stays empty until you set a key again.'),
    },
    remove,
  );
  if (answer !== remove) return;
  await services.apiKeys.remove();
  services.logger.info('API key removed from secret storage.');
  const fallback = await services.apiKeys.get();
  if (fallback?.source === 'environment') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t({
        message: 'The stored key was removed. The Media view keeps listing with the key in the environment variable {0}.',
        args: [fallback.variable],
        comment: ['{0} is the name of an environment variable, such as apiaudio_key'],
      }),
    );
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('The api.audio API key was removed.'));
  }
}
