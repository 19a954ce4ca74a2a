// The Marketplace promise is a VSIX under 1 MB (1,000,000 bytes): every packaging run checks it, so that a
// bundle that grows past it fails here instead of being noticed in a release.
import fs from 'node:fs';

const LIMIT = 1_000_000;
const file = process.argv[2] ?? 'dist/iana-ports.vsix';
const size = fs.statSync(file).size;
if (size >= LIMIT) {
  console.error(`${file} is ${size.toLocaleString('en')} bytes, over the ${LIMIT.toLocaleString('en')}-byte limit: look at \`unzip -lv ${file}\` for what grew.`);
  process.exit(1);
}
console.log(`${file}: ${size.toLocaleString('en')} bytes (limit ${LIMIT.toLocaleString('en')})`);
