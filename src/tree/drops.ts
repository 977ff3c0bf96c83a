// Files dropped on either service's view: from the Explorer (URIs) or from the OS (saved to
// a temporary folder first).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sanitizeFileName } from '../api';
import { URI_LIST_MIME } from '../media/dragData';

export async function droppedUris(dataTransfer: vscode.DataTransfer): Promise<vscode.Uri[]> {
  const text = await dataTransfer.get(URI_LIST_MIME)?.asString();
  if (!text) return [];
  const uris: vscode.Uri[] = [];
  for (const line of text.split(/\r?\n/)) {
    const value = line.trim();
    if (value === '' || value.startsWith('#')) continue;
    try {
      uris.push(vscode.Uri.parse(value, true));
    } catch {
      // Not a URI: ignore the line, as browsers do.
    }
  }
  return uris;
}

/**
 * Files dropped from the OS that arrive as bytes without a path (VS Code in a browser):
 * written to a temporary folder so they can be uploaded like any file, and removed after.
 */
export async function savedOsFiles(dataTransfer: vscode.DataTransfer, known: readonly vscode.Uri[]): Promise<{ uris: vscode.Uri[]; cleanUp: () => Promise<void> }> {
  const pending: vscode.DataTransferFile[] = [];
  const result: vscode.Uri[] = [];
  dataTransfer.forEach((item) => {
    const file = item.asFile();
    if (!file) return;
    if (file.uri) {
      if (!known.some((uri) => uri.toString() === file.uri!.toString()) && !result.some((uri) => uri.toString() === file.uri!.toString())) {
        result.push(file.uri);
      }
    } else {
      pending.push(file);
    }
  });
  if (pending.length === 0) return { uris: result, cleanUp: async () => undefined };
  const dir = path.join(os.tmpdir(), `apiaudio-drop-${randomBytes(6).toString('hex')}`);
  const cleanUp = () => fs.rm(dir, { recursive: true, force: true });
  try {
    await fs.mkdir(dir, { recursive: true });
    for (const file of pending) {
      const target = path.join(dir, sanitizeFileName(file.name));
      await fs.writeFile(target, await file.data());
      result.push(vscode.Uri.file(target));
    }
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return { uris: result, cleanUp };
}
