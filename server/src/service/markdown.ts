/**
 * Markdown building blocks that are safe with untrusted text. Registry text and file text go through
 * `escapeMarkdown`, so nothing in them can become a link, a command, raw HTML or formatting.
 */

// Escaped text never starts a line in our cards, so list and heading markers (- + # .) need no escape;
// brackets are escaped, so parentheses cannot form a link.
const MD_SPECIAL = /[\\`*_{}[\]|~<>&]/g;
const MD_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** Escapes text for markdown: every character with a meaning is escaped, newlines become spaces. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(MD_SPECIAL, (c) => MD_ESCAPES[c] ?? '\\' + c);
}

/** Inline code with a fence longer than any backtick run inside, so the text cannot break out. */
export function inlineCode(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  let longest = 0;
  for (const m of clean.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/**
 * A markdown link to an http(s) URL, or just the escaped text when the URL is anything else
 * (a `command:` or `javascript:` link can never be produced).
 */
export function link(label: string, url: string): string {
  if (!/^https?:\/\/[^\s<>()"'`\\]+$/i.test(url)) return escapeMarkdown(label);
  return `[${escapeMarkdown(label)}](${url})`;
}

/** Shortens text to at most `max` characters at a word boundary, adding an ellipsis. */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.lastIndexOf(' ', max - 1);
  return t.slice(0, cut > max / 2 ? cut : max - 1) + '…';
}
