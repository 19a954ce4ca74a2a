// node:events for the web worker extension host's test bundle: only the recovery test, which runs in
// the Node extension host alone, uses once().
export function once(): never {
  throw new Error('node:events is not available in the web worker extension host');
}
