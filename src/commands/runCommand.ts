import * as vscode from 'vscode';
import { Commands } from '../constants';
import { NoApiKeyError, SettingsError } from '../util/errors';
import { isCancelled } from './outcome';
import type { Services } from './services';

export type CommandHandler = (services: Services, ...args: unknown[]) => unknown;

/**
 * Wraps a handler once: cancellation is silent; any other failure is logged in full and
 * shown as one short message with a way forward ("Show Log", "Set API Key", "Open Settings").
 */
export function wrapCommand(id: string, handler: CommandHandler, services: Services): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    try {
      return await handler(services, ...args);
    } catch (error) {
      if (isCancelled(error)) {
        services.logger.debug(`${id}: cancelled`);
        return undefined;
      }
      reportError(services, `${id} failed`, error);
      return undefined;
    }
  };
}

/** Logs `error` with detail and shows its message once, with the action that helps most. */
export function reportError(services: Services, context: string, error: unknown): void {
  const message = services.redactor.redact(error instanceof Error ? error.message : String(error));
  services.logger.error(`${context}: ${error instanceof Error ? (error.stack ?? message) : message}`);
  const actions: Array<{ title: string; run: () => unknown }> = [];
  if (error instanceof NoApiKeyError || (error instanceof Error && (error as { code?: string }).code === 'auth')) {
    actions.push({ title: vscode.l10n.t('Set API Key'), run: () => vscode.commands.executeCommand(Commands.setApiKey) });
  } else if (error instanceof SettingsError) {
    actions.push({ title: vscode.l10n.t('Open Settings'), run: () => vscode.commands.executeCommand(Commands.openSettings) });
  }
  actions.push({ title: vscode.l10n.t('Show Log'), run: () => services.logger.show() });
  vscode.window.showErrorMessage(message, ...actions.map((action) => action.title)).then(
    (choice) => actions.find((action) => action.title === choice)?.run(),
    () => undefined,
  );
}
