import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../constants';

import { DEFAULT_BASE_URL } from '../api';
import { DEFAULT_FILES_BASE_URL } from '../api/audiostack/client';
export { DEFAULT_BASE_URL, DEFAULT_FILES_BASE_URL };

/** Typed view of the `apiAudio.*` settings, read fresh on every call. */
export interface Settings {
  baseUrl: string;
  /** AudioStack Files' address (apiAudio.filesBaseUrl). */
  filesBaseUrl: string;
  assumeOrgId: string | undefined;
  downloadDirectory: string | undefined;
  showPublicLibrary: boolean;
  pageSize: number;
  maxConcurrentTransfers: number;
  requestTimeoutMs: number;
  /** How long an AudioStack upload waits for processing (apiAudio.processingTimeoutSeconds), ms. */
  processingTimeoutMs: number;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    baseUrl: (config.get<string>('baseUrl') ?? DEFAULT_BASE_URL).trim() || DEFAULT_BASE_URL,
    filesBaseUrl: (config.get<string>('filesBaseUrl') ?? DEFAULT_FILES_BASE_URL).trim() || DEFAULT_FILES_BASE_URL,
    assumeOrgId: config.get<string>('assumeOrgId')?.trim() || undefined,
    downloadDirectory: expandHome(config.get<string>('downloadDirectory')?.trim() || undefined),
    showPublicLibrary: config.get<boolean>('showPublicLibrary') ?? false,
    pageSize: clampInt(config.get<number>('pageSize'), 500, 10, 10_000),
    maxConcurrentTransfers: clampInt(config.get<number>('maxConcurrentTransfers'), 5, 1, 8),
    requestTimeoutMs: clampInt(config.get<number>('requestTimeoutSeconds'), 30, 5, 600) * 1000,
    processingTimeoutMs: clampInt(config.get<number>('processingTimeoutSeconds'), 300, 1, 3600) * 1000,
  };
}

function expandHome(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value === '~') return os.homedir();
  if (value.startsWith('~/') || value.startsWith('~\\')) return path.join(os.homedir(), value.slice(2));
  return value;
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}
