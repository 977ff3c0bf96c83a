// A JSON value kept in one file, replaced atomically. Pure Node: no `vscode` import.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * For data too large for VS Code's globalState (which every window loads at start): the
 * last media listing. A missing or unreadable file reads as undefined; a write goes to a
 * temporary file first, so a crash never leaves half a file behind.
 */
export class JsonFileCache<T> {
  constructor(readonly file: string) {}

  async read(): Promise<T | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.file, 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  async write(value: T): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await fs.writeFile(temporary, JSON.stringify(value));
      await fs.rename(temporary, this.file);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  async clear(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }
}
