// Runs a TypeScript maintenance script (registry build and update) through tsx, passing its arguments on.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsxCli = require.resolve('tsx/cli');
const r = spawnSync(process.execPath, [tsxCli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
