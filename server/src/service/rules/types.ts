import type { MachineSnapshot } from '../machine/types';
import type { RegistryIndex } from '../registry/registryIndex';
import type { FormatId } from '../scan/detect';
import type { PortOccurrence, PortRole } from '../scan/vocabulary/types';
import type { RuleLevel, Settings } from '../settings';
import type { KubeFacts } from '../workspaceKube';

/** What every rule sees: the document's text, format, ports, the registry and the settings. */
export interface RuleContext {
  /** The document's URI; some rules look at the file name (dev-server configs). */
  uri: string;
  text: string;
  format: FormatId;
  occurrences: PortOccurrence[];
  index: RegistryIndex;
  settings: Settings;
  /**
   * A YAML document's Kubernetes objects and whether it is a manifest, read once per document version
   * with its scan (`ScanResult.kube`); undefined for other formats. The Kubernetes rules and reservedByOS
   * read this, never the text.
   */
  kube?: KubeFacts;
  /** What this machine says about its ports, where the server reads it (the reservedByOS rule). */
  machine?: MachineSnapshot;
  /** The occurrences that are ports, kept by `portsOf` for the rules after the first. */
  ports?: PortOccurrence[];
}

/** A problem a rule found, in document offsets. */
export interface RuleFinding {
  start: number;
  end: number;
  message: string;
  /** Other places that explain this finding (the other half of a duplicate). */
  related?: { start: number; end: number; message: string }[];
  /** The port the finding is about, for quick fixes and `ignorePorts`. */
  port?: number;
  /** The most this finding may weigh, whatever the rule's level (an undeclared numeric probe port: a hint). */
  maxLevel?: 'hint' | 'information' | 'warning';
}

/** The quick fix a rule's finding offers besides ignoring it: another port, a quoted mapping, a valid name. */
export type RuleFix = 'freePort' | 'quoteMapping' | 'renamePort';

/**
 * A rule's row of the rule table: settings (`ianaPorts.lint.<id>` and its default), quick fixes, the
 * command line's SARIF metadata and the README read it, so a rule is described once, in its own file.
 */
export interface RuleInfo {
  /** Also its setting key, `ianaPorts.lint.<id>`. */
  id: string;
  /** One line for the settings table and docs. */
  description: string;
  /** Its level until the user sets one. */
  level: RuleLevel;
  /**
   * The roles of the ports it judges; rules on names and on Kubernetes objects judge none directly.
   * test/unit/rule-table.test.ts holds every finding of a per-document rule to them.
   */
  roles: readonly PortRole[];
  fix?: RuleFix;
  /** The rule judges the document's Kubernetes objects (`ctx.kube`), so they are read when it is enabled. */
  readsKube?: boolean;
  /** Why the rule exists and where to read more (SARIF's rule help); the description serves when absent. */
  help?: { name: string; uri: string; full: string };
}

export interface Rule extends RuleInfo {
  check(ctx: RuleContext): RuleFinding[];
}

/** Numbers that are ports (not service names), the input of most rules; shared, so not to be changed. */
export function portsOf(ctx: RuleContext): PortOccurrence[] {
  return (ctx.ports ??= ctx.occurrences.filter((o) => o.kind === 'port'));
}

/**
 * True for a port something binds: a listener (`listen`), a published host port (`host`), or a port
 * whose direction the context leaves open (`unknown`, such as a bare `port:` key). A client's address
 * (`connect`) and the container side of a mapping that publishes a host port (Compose's `8080:80`,
 * `docker run -p`, `kubectl port-forward`; judged on its host side) are not: the rules about where a
 * listener should sit (dynamicRange, ephemeralRange) say nothing to them.
 */
export function isBound(o: PortOccurrence): boolean {
  if (o.role === 'container') return o.mapping ? o.mapping.hostLo === null : o.pair === undefined;
  return o.role !== 'connect';
}

/**
 * How much a side of a mapping is the user's to change, most first: the host side (`8080` of
 * `8080:80`, `hostPort`, `nodePort`) is the user's free choice; a listener (a Service's `targetPort`, the
 * local end of `ssh -L`) comes next; the container side is fixed by the image and a client's address by
 * the server it reaches.
 */
const CHOICE: Record<PortOccurrence['role'], number> = { host: 4, listen: 3, unknown: 2, container: 1, connect: 0 };

/**
 * The occurrences a rule reports, at most one per mapping: of the sides of one mapping that draw the
 * finding (`61000:61000`, both ends of `61000-61002:61000-61002`), the one the user would change, the
 * first of equals. Others pass unchanged, in their order. Linear: one map entry per mapping.
 */
export function onePerMapping(found: PortOccurrence[]): PortOccurrence[] {
  let best: Map<object, PortOccurrence> | undefined;
  for (const o of found) {
    const m = o.mapping ?? o.pair;
    if (m === undefined) continue;
    best ??= new Map();
    const b = best.get(m);
    if (b === undefined || CHOICE[o.role] > CHOICE[b.role]) best.set(m, o);
  }
  if (best === undefined) return found;
  return found.filter((o) => {
    const m = o.mapping ?? o.pair;
    return m === undefined || best.get(m) === o;
  });
}
