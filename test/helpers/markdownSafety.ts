import assert from 'node:assert/strict';

/**
 * Removes CommonMark code spans (a backtick run up to the next run of the same length): their
 * content is shown literally, so HTML or link syntax inside them is harmless.
 */
export function stripCodeSpans(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    if (md[i] === '\\' && i + 1 < md.length) {
      out += md.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (md[i] !== '`') {
      out += md[i++];
      continue;
    }
    let j = i;
    while (md[j] === '`') j++;
    const run = j - i;
    // Find a closing run of exactly the same length.
    let k = j;
    let close = -1;
    while (k < md.length) {
      if (md[k] !== '`') {
        k++;
        continue;
      }
      let m = k;
      while (md[m] === '`') m++;
      if (m - k === run) {
        close = k;
        break;
      }
      k = m;
    }
    if (close < 0) {
      // An unmatched run is literal backticks.
      out += md.slice(i, j);
      i = j;
    } else {
      out += ' CODE ';
      i = close + run;
    }
  }
  return out;
}

/** Whether the character at `i` is preceded by an odd number of backslashes (escaped). */
function escaped(s: string, i: number): boolean {
  let n = 0;
  for (let k = i - 1; k >= 0 && s[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

/**
 * Asserts that markdown shown to a user cannot run or load anything: outside code spans there is no
 * raw HTML (no unescaped `<`), every link goes to an http(s) URL (no `command:`, `javascript:`, `data:`,
 * `file:` or `vscode:` target), there are no images and no reference-style link definitions.
 */
export function assertSafeMarkdown(md: string, what = 'markdown'): void {
  const s = stripCodeSpans(md);
  const show = (i: number) => `${what}: ${JSON.stringify(s.slice(Math.max(0, i - 60), i + 60))}`;
  for (let i = s.indexOf('<'); i >= 0; i = s.indexOf('<', i + 1)) {
    assert.ok(escaped(s, i), 'raw HTML or autolink: ' + show(i));
  }
  for (let i = s.indexOf(']('); i >= 0; i = s.indexOf('](', i + 1)) {
    if (escaped(s, i)) continue;
    const target = s.slice(i + 2, s.indexOf(')', i + 2) < 0 ? undefined : s.indexOf(')', i + 2));
    assert.match(target, /^https?:\/\/[^\s<>"'`\\()]+$/, 'link target: ' + show(i));
    // The opening bracket of this link must not be an image's `![`.
    let open = i - 1;
    let depth = 0;
    for (; open >= 0; open--) {
      if (s[open] === ']' && !escaped(s, open)) depth++;
      if (s[open] === '[' && !escaped(s, open)) {
        if (depth === 0) break;
        depth--;
      }
    }
    assert.ok(open < 0 || s[open - 1] !== '!' || escaped(s, open - 1), 'image: ' + show(i));
  }
  assert.doesNotMatch(s, /^ {0,3}\[[^\]]+\]:/m, `${what}: reference-style link definition`);
  // Whatever escaping did, no scheme that VS Code would act on may follow an unescaped `(`.
  for (const m of s.matchAll(/(?<!\\)\(\s*<?\s*(command|javascript|data|file|vscode|vbscript):/gi)) {
    // Only a problem when it follows an unescaped `]` (a link); plain prose in parentheses is fine.
    const at = m.index!;
    assert.ok(at === 0 || s[at - 1] !== ']' || escaped(s, at - 1), 'command/script link: ' + show(at));
  }
}

/** Asserts an LSP MarkupContent (or string) is markdown or plain text, carries no trust flags, and is safe. */
export function assertSafeMarkup(content: unknown, what: string): void {
  if (content === undefined || content === null) return;
  if (typeof content === 'string') return assertSafeMarkdown(content, what);
  assert.equal(typeof content, 'object', what);
  const c = content as Record<string, unknown>;
  // LSP MarkupContent has exactly kind and value; VS Code's isTrusted/supportHtml must never travel with it.
  for (const key of Object.keys(c)) assert.ok(key === 'kind' || key === 'value', `${what}: unexpected key ${key} (isTrusted/supportHtml/...)`);
  assert.ok(c.kind === 'markdown' || c.kind === 'plaintext', `${what}: kind ${String(c.kind)}`);
  assert.equal(typeof c.value, 'string');
  if (c.kind === 'markdown') assertSafeMarkdown(c.value as string, what);
}
