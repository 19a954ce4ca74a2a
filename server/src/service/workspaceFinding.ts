import type { Range } from 'vscode-languageserver-types';
import type { RuleLevel, WorkspaceRuleId } from './settings';

/** A finding of a rule that compares files across the workspace (Compose duplicates, Kubernetes references). */
export interface WorkspaceFinding {
  rule: WorkspaceRuleId;
  range: Range;
  message: string;
  /** The port the finding is about, for `ignorePorts` and quick fixes. */
  port?: number;
  /** The most this finding may weigh, whatever the rule's level (a numeric targetPort: a hint). */
  maxLevel?: Exclude<RuleLevel, 'ignore'>;
  related: { uri: string; range: Range; message: string }[];
  /**
   * A finding shown under one value of `compose.compareProjects` only: `on` for a clash with a Compose
   * project side by side, `off` for the same place's clash within its project, which the `on` finding
   * repeats.
   */
  compareProjects?: 'on' | 'off';
}

/** At most this many related places per finding; the message gives the full count. */
export const MAX_RELATED = 10;

/** Adds a finding to the list of its document. */
export function pushFinding(out: Map<string, WorkspaceFinding[]>, uri: string, f: WorkspaceFinding): void {
  const list = out.get(uri);
  if (list) list.push(f);
  else out.set(uri, [f]);
}
