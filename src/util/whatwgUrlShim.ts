// Bundled in place of the `whatwg-url` package (see esbuild.mjs). node-fetch 2 only falls
// back to it when Node has no global URL, which Node 10+ always has; aliasing it to Node's
// own URL keeps its 290 KB of Unicode tables out of dist/extension.js.
export { URL, URLSearchParams } from 'node:url';
