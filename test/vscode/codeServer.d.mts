// Types for codeServer.mjs, for the TypeScript UI tests that import it.
import type { ChildProcess } from 'node:child_process';

export const CODE_SERVER_VERSION: string;
export const CHROMIUM_ARGS: readonly string[];
export const VSCODE_VERSION: string;

export function ensureCodeServer(cacheRoot: string): string;
export function freePort(): Promise<number>;
export function settingsFiles(userDataDir: string): { user: string; machine: string };
export function registerEmptyLanguagePack(userDataDir: string, language: string): void;

export interface StartOptions {
  repoRoot: string;
  scratch: string;
  workspace: string;
  userSettings?: Record<string, unknown>;
  machineSettings?: Record<string, unknown>;
  installExtensions?: string[];
  env?: NodeJS.ProcessEnv;
  port?: number;
  /** A VS Code language id ("de"): the window's display language. */
  displayLanguage?: string;
}

export interface RunningCodeServer {
  child: ChildProcess;
  port: number;
  log: string[];
  userDataDir: string;
  extensionsDir: string;
  settings: { user: string; machine: string };
  stop(): void;
}

export function startCodeServer(options: StartOptions): Promise<RunningCodeServer>;
export function workbenchUrl(options: { port: number; workspace: string; repoRoot?: string; extensionTestsPath?: string }): string;
