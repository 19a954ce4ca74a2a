// Stands in for Node's built-in modules (and csv-parse) in the web worker bundles (scripts/build.mjs aliases them
// here). The code that needs them is not run there: the folder walker and the downloaded-registry
// reader are switched off by the browser runtime. Anything that still calls one fails with a clear
// message instead of a missing module at load time.

function unavailable(name: string): (...args: unknown[]) => never {
  return () => {
    throw new Error(`${name} is not available in a web worker`);
  };
}

/** The default import (`import fs from 'node:fs'`): every member is a function that fails when called. */
const anyModule: unknown = new Proxy({}, {
  get(_target, key) {
    if (key === 'sep') return '/';
    return unavailable(String(key));
  },
});
export default anyModule;

// The named imports the sources use. promisify(fs.readFile) runs when a module loads, so it must not
// fail; the function it returns does, when called.
export const promisify = (): ((...args: unknown[]) => never) => unavailable('the file system');
export const fileURLToPath = unavailable('fileURLToPath');
export const pathToFileURL = unavailable('pathToFileURL');
export const readFileSync = unavailable('readFileSync');
export const existsSync = unavailable('existsSync');
export const createRequire = unavailable('createRequire');
// csv-parse/sync, which reads IANA's CSV files from disk in the Node server only.
export const parse = unavailable('the CSV reader');
