import type { RuleLevel } from '../settings';
import { duplicateHostPortAcrossFiles, ingressBackendPort, unmatchedTargetPort } from './acrossFiles';
import { browserUnsafe } from './browserUnsafe';
import { duplicateHostPort } from './duplicateHostPort';
import { dynamicRange } from './dynamicRange';
import { ephemeralRange } from './ephemeralRange';
import { duplicateContainerPort, nodePortRange, probePort } from './kubePods';
import { outOfRange } from './outOfRange';
import { portName } from './portName';
import { privileged } from './privileged';
import { reservedByOS } from './reservedByOS';
import type { Rule, RuleInfo } from './types';
import { unauthorizedUse } from './unauthorizedUse';
import { yamlBase60 } from './yamlBase60';

export type { Rule, RuleContext, RuleFinding, RuleFix, RuleInfo } from './types';

/**
 * The rule table: every rule that judges one document, keyed by its id, which is also its setting key
 * `ianaPorts.lint.<id>`. Each rule's file holds its id, default level, the roles it judges and its fix;
 * the ids and defaults of the settings are derived here.
 */
export const RULES = {
  outOfRange, dynamicRange, ephemeralRange, browserUnsafe, unauthorizedUse, duplicateHostPort, yamlBase60, portName, privileged, reservedByOS,
  probePort, duplicateContainerPort, nodePortRange,
} satisfies Record<string, Rule>;
export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];
/** The per-document rules that judge a document's Kubernetes objects (besides reservedByOS, which needs a machine's facts too). */
export const KUBE_RULE_IDS = RULE_IDS.filter((id) => RULES[id].readsKube === true);

/** The rules that compare the files of a workspace (their rows are in acrossFiles.ts). */
export const WORKSPACE_RULES = { duplicateHostPortAcrossFiles, unmatchedTargetPort, ingressBackendPort } satisfies Record<string, RuleInfo>;
export type WorkspaceRuleId = keyof typeof WORKSPACE_RULES;
export const WORKSPACE_RULE_IDS = Object.keys(WORKSPACE_RULES) as WorkspaceRuleId[];

/** Every row of the rule table, the per-document rules first, in a stable order. */
export const RULE_ROWS: readonly RuleInfo[] = [...Object.values(RULES), ...Object.values(WORKSPACE_RULES)];

const ROWS: ReadonlyMap<string, RuleInfo> = new Map(RULE_ROWS.map((r) => [r.id, r]));

/** A rule's row by id, or undefined for an id no rule has (a diagnostic from elsewhere). */
export function ruleInfo(id: string): RuleInfo | undefined {
  return ROWS.get(id);
}

/** Each rule's level until the user sets one. */
export const DEFAULT_LINT = Object.fromEntries(RULE_ROWS.map((r) => [r.id, r.level])) as Record<RuleId | WorkspaceRuleId, RuleLevel>;
