import * as vscode from 'vscode';
import { ApiAudioError, validateApiKeyFormat } from '../api';
import { withCancellableProgress } from './cancellableProgress';
import type { Services } from './services';

/**
 * Asks for the key in a password box (validated as typed), checks it against api.audio,
 * and stores it in SecretStorage. A rejected key is never stored; when the service cannot
 * be reached, the user may store it anyway.
 */
export async function setApiKey(services: Services): Promise<boolean> {
  let value: string | undefined;
  for (;;) {
    value = await vscode.window.showInputBox({
      title: vscode.l10n.t('api.audio: Set API Key'),
      prompt: vscode.l10n.t('Paste your api.audio API key. It is kept in VS Code\'s secret storage, never in settings.'),
      placeHolder: vscode.l10n.t('API key (at least 32 characters)'),
      password: true,
      ignoreFocusOut: true,
      value,
      validateInput: (text) => validateApiKeyFormat(text.trim()),
    });
    if (value === undefined) return false;
    const key = value.trim();
    const problem = validateApiKeyFormat(key);
    if (problem) {
      void vscode.window.showErrorMessage(problem);
      return false;
    }
    const verdict = await checkKey(services, key);
    if (verdict === 'cancelled') return false;
    if (verdict === 'rejected') {
      const retry = vscode.l10n.t('Try Again');
      const answer = await vscode.window.showErrorMessage(vscode.l10n.t('api.audio rejected this API key. Check that you copied all of it.'), retry);
      if (answer === retry) continue;
      return false;
    }
    if (verdict !== 'valid') {
      const save = vscode.l10n.t('Save Anyway');
      const answer = await vscode.window.showWarningMessage(
        services.redactor.redact(
          vscode.l10n.t({
            message: 'The key could not be checked: {0} Save it anyway?',
            args: [verdict.problem],
            comment: ['{0} is why the check failed, a whole sentence such as "Could not reach api.audio."'],
          }),
        ),
        save,
      );
      if (answer !== save) return false;
    }
    await services.apiKeys.store(key);
    services.logger.info('API key stored in secret storage.');
    void vscode.window.showInformationMessage(vscode.l10n.t('api.audio API key saved in secret storage.'));
    return true;
  }
}

type Verdict = 'valid' | 'rejected' | 'cancelled' | { problem: string };

async function checkKey(services: Services, key: string): Promise<Verdict> {
  const client = await services.clients.create(key);
  return withCancellableProgress(vscode.l10n.t('Checking the API key with api.audio…'), async (signal): Promise<Verdict> => {
    try {
      await client.listTags({ signal });
      return 'valid';
    } catch (error) {
      if (!(error instanceof ApiAudioError)) throw error;
      if (error.code === 'auth') return 'rejected';
      if (error.code === 'cancelled') return 'cancelled';
      return { problem: error.message };
    }
  });
}
