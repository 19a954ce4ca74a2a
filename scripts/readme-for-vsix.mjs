// Writes dist/README.md, the README that `npm run package` puts into the VSIX: README.md with its pictures
// (docs/images/*.png) inlined as data: URIs. The Extensions view of an installed extension renders the
// README in a webview whose Content Security Policy allows images from https: and data: only, and resolves a
// relative path against the workbench's own files, so a picture shipped beside the README never shows
// (scripts/e2e/extension-page.mjs checks this). An https: URL would need a public repository and the network;
// a data: URI works offline. The repository's README keeps its relative links, which GitHub and the Markdown
// preview show. The pictures are small (16 colours, see scripts/e2e/ui.mjs) to keep the VSIX under 1 MB.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A picture larger than this is no README screenshot made for the VSIX (they are 5-15 KB). */
const MAX_PICTURE_BYTES = 40_000;

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
let inlined = 0;
const out = readme.replace(/!\[([^\]]*)\]\((docs\/images\/[\w.-]+\.png)\)/g, (_, alt, file) => {
  const bytes = fs.readFileSync(path.join(ROOT, file));
  if (bytes.length > MAX_PICTURE_BYTES) throw new Error(`${file} is ${bytes.length} bytes; README pictures for the VSIX stay under ${MAX_PICTURE_BYTES}`);
  inlined++;
  return `![${alt}](data:image/png;base64,${bytes.toString('base64')})`;
});
fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'dist', 'README.md'), out);
console.log(`dist/README.md: README.md with ${inlined} pictures inlined (${out.length} characters)`);
