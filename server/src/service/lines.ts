import type { Position } from 'vscode-languageserver-types';

/**
 * Offsets where lines start, as `TextDocument` counts them (`\n`, `\r\n` and `\r` end a line).
 * Without `\r` the native `indexOf` finds the line ends: a document's own line table is built by a
 * loop over every character, which costs several milliseconds on a large file before V8 has
 * optimised it, on the path of a newly opened file's first diagnostics.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** `TextDocument.positionAt` over line starts from `lineStarts`: the same clamping and end-of-line rules. */
export function positionIn(text: string, starts: number[], offset: number): Position {
  offset = Math.max(Math.min(offset, text.length), 0);
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] > offset) hi = mid;
    else lo = mid + 1;
  }
  const line = lo - 1;
  const start = starts[line];
  // An offset inside a line break (between \r and \n) belongs to the end of its line.
  while (offset > start && (text.charCodeAt(offset - 1) === 10 || text.charCodeAt(offset - 1) === 13)) offset--;
  return { line, character: offset - start };
}
