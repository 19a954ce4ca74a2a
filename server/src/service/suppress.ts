import type { TextDocument } from 'vscode-languageserver-textdocument';
import { RULE_IDS, WORKSPACE_RULE_IDS, type RuleId, type WorkspaceRuleId } from './settings';

export const IGNORE_MARKER = 'iana-ports-ignore-next-line';

// Cross-file rules are named in the same comments, so they must be known here too.
const RULE_SET: ReadonlySet<string> = new Set([...RULE_IDS, ...WORKSPACE_RULE_IDS]);

/**
 * Reads an `iana-ports-ignore-next-line [rule ...]` comment on the line before `line`.
 * Returns undefined when there is none, an empty set for "every rule", or the named rules.
 * The marker counts only inside a comment (after `#`, `//`, `;`, `/*`, `--` or `<!--`).
 */
export function suppressedRules(line: number, doc: TextDocument): Set<RuleId | WorkspaceRuleId> | undefined {
  if (line === 0) return undefined;
  const prev = doc.getText({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } });
  const at = prev.indexOf(IGNORE_MARKER);
  if (at < 0) return undefined;
  const before = prev.slice(0, at);
  if (!/(#|\/\/|;|\/\*|--|<!--)\s*$/.test(before)) return undefined;
  const rules = new Set<RuleId | WorkspaceRuleId>();
  for (const w of prev.slice(at + IGNORE_MARKER.length).split(/[\s,]+/)) if (RULE_SET.has(w)) rules.add(w as RuleId | WorkspaceRuleId);
  return rules;
}

/** The comment leader to write a suppression comment in a format, or undefined when it has no comments. */
export function commentLeader(format: string, languageId: string): string | undefined {
  if (languageId === 'json') return undefined;
  switch (format) {
    case 'json':
      return '//';
    case 'code':
      return ['python', 'ruby', 'perl', 'r', 'elixir', 'julia', 'powershell'].includes(languageId) ? '#' : languageId === 'lua' || languageId === 'haskell' ? '--' : '//';
    case 'keyvalue':
      return languageId === 'ini' ? ';' : '#';
    case 'terraform':
    default:
      return '#';
  }
}
