import type { RuleId } from '../settings';
import { browserUnsafe } from './browserUnsafe';
import { duplicateHostPort } from './duplicateHostPort';
import { dynamicRange } from './dynamicRange';
import { ephemeralRange } from './ephemeralRange';
import { duplicateContainerPort, nodePortRange, probePort } from './kubePods';
import { outOfRange } from './outOfRange';
import { portName } from './portName';
import { privileged } from './privileged';
import { reservedByOS } from './reservedByOS';
import type { Rule } from './types';
import { unauthorizedUse } from './unauthorizedUse';
import { yamlBase60 } from './yamlBase60';

export type { Rule, RuleContext, RuleFinding } from './types';

/** Every rule, keyed by its id, which is also its setting key `ianaPorts.lint.<id>`. */
export const RULES: Record<RuleId, Rule> = {
  outOfRange, dynamicRange, ephemeralRange, browserUnsafe, unauthorizedUse, duplicateHostPort, yamlBase60, portName, privileged, reservedByOS,
  probePort, duplicateContainerPort, nodePortRange,
};
