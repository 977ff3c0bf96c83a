// Shared helpers for the integration suite (runs inside the VS Code extension host).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

interface Manifest {
  name: string;
  publisher: string;
  contributes: {
    commands: Array<{ command: string; title: string; category?: string; icon?: string }>;
    views: Record<string, Array<{ id: string; name: string }>>;
    menus?: Record<string, Array<{ command: string; when?: string; group?: string }>>;
  };
}

export function readManifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
}

const manifest = readManifest();
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
