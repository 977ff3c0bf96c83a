// `node scripts/icon.mjs`: draws media/icon.png (128×128, the Marketplace icon) from the
// activity-bar glyph media/apiaudio.svg, white bars on the banner colour, with Debian's
// Chromium (playwright-core). Run again after changing the SVG.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const background = manifest.galleryBanner?.color ?? '#1e2a4a';
const glyph = readFileSync(join(repoRoot, 'media', 'apiaudio.svg'), 'utf8')
  .replace('stroke="currentColor"', 'stroke="#ffffff"')
  .replace(/width="24" height="24"/, 'width="96" height="96"');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(
    `<html><body style="margin:0;width:128px;height:128px;display:flex;align-items:center;justify-content:center;` +
      `background:transparent"><div style="width:128px;height:128px;border-radius:24px;background:${background};` +
      `display:flex;align-items:center;justify-content:center">${glyph}</div></body></html>`,
  );
  await page.screenshot({ path: join(repoRoot, 'media', 'icon.png'), omitBackground: true });
  console.log('wrote media/icon.png');
} finally {
  await browser.close();
}
