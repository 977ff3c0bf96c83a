// Writes dist/README.md, the README that `npm run package` puts in the .vsix: README.md
// with each picture it links by a relative path (media/*.png) inlined as a data: URL.
//
// Why inline: VS Code shows an installed extension's README (Extensions view → Details) in a
// webview whose Content-Security-Policy allows pictures from `https:` and `data:` only, and
// it gives the page no base address, so `media/tree.png` resolves against the webview
// itself and fails even when the file is in the package. vsce would rewrite relative links
// to the repository's https address, but the extension has no public repository
// (`--no-rewrite-relative-links --allow-missing-repository`). README.md itself keeps its
// relative links, which is what a repository page and an editor preview want.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'README.md');
const target = join(root, 'dist', 'README.md');

const MIME = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

/** `![alt](path)` with an optional title; the path has no spaces (README's pictures do not). */
const IMAGE = /!\[([^\]]*)\]\(([^)\s]+)(\s+"[^"]*")?\)/g;

const readme = readFileSync(source, 'utf8');
const inlined = [];
const packaged = readme.replace(IMAGE, (whole, alt, link, title = '') => {
  if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('#')) return whole;
  const file = resolve(root, decodeURI(link));
  if (!file.startsWith(root + sep)) throw new Error(`README.md: the picture ${link} is outside the repository.`);
  const mime = MIME[extname(file).toLowerCase()];
  if (!mime) {
    throw new Error(`README.md: the picture ${link} cannot be shown on the Details page (use PNG, JPEG, GIF or WebP; VS Code refuses SVG there).`);
  }
  if (!existsSync(file)) throw new Error(`README.md: the picture ${link} does not exist (npm run screenshots writes media/*.png).`);
  const bytes = readFileSync(file);
  inlined.push(`${relative(root, file)} (${(bytes.length / 1024).toFixed(1)} KB)`);
  return `![${alt}](data:${mime};base64,${bytes.toString('base64')}${title})`;
});

mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, packaged);
console.log(`dist/README.md: ${inlined.length} pictures inlined: ${inlined.join(', ')}`);
