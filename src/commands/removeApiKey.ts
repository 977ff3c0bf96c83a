import * as vscode from 'vscode';
import type { Services } from './services';

export async function removeApiKey(services: Services): Promise<void> {
  const remove = 'Remove';
  const answer = await vscode.window.showWarningMessage(
    'Remove the api.audio API key from this machine\'s secret storage?',
    { modal: true, detail: 'The Media view stays empty until you set a key again.' },
    remove,
  );
  if (answer !== remove) return;
  await services.apiKeys.remove();
  services.logger.info('API key removed from secret storage.');
  const fallback = await services.apiKeys.get();
  if (fallback?.source === 'environment') {
    void vscode.window.showInformationMessage(
      `The stored key was removed. The key in the environment variable ${fallback.variable} is still used.`,
    );
  } else {
    void vscode.window.showInformationMessage('The api.audio API key was removed.');
  }
}
