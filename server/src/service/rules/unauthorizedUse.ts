import type { PortOccurrence } from '../scan/vocabulary/types';
import type { ServiceRecord } from '../registry/types';
import { unauthorizedConcerns } from '../registry/unauthorized';
import { isBound, onePerMapping, portsOf, type Rule, type RuleFinding } from './types';
import { t } from '../l10n';

/**
 * True when the occurrence's context names the registered service itself: its compose service
 * (`tarantool:`) or that service's image (`tarantool/tarantool`), the program of its command, its key
 * (`TARANTOOL_PORT`) or the host it connects to (`tarantool:3301`). The registered owner's own software
 * uses its own port.
 */
function isOwnersSoftware(o: PortOccurrence, registeredName: string): boolean {
  if (registeredName.length < 3) return false;
  const name = registeredName.toLowerCase();
  if (o.mapping?.service?.toLowerCase().includes(name)) return true;
  return namesWord(o.mapping?.software, name) || namesWord(o.software, name) || namesWord(o.key, name) || namesWord(o.command, name) || namesWord(o.host, name);
}

/** True when `name` (lower-case) stands in `field` as a word of its own: no letter right before or after it. */
function namesWord(field: string | undefined, name: string): boolean {
  if (field === undefined || field.length < name.length) return false;
  const lower = field.toLowerCase();
  for (let i = lower.indexOf(name); i >= 0; i = lower.indexOf(name, i + name.length)) {
    if (!isLetter(lower.charCodeAt(i - 1)) && !isLetter(lower.charCodeAt(i + name.length))) return true;
  }
  return false;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/**
 * IANA records known unauthorized use of some ports: another program may already be there. The
 * finding states IANA's record, and advice to move only where the port is the file's own choice (a port
 * it binds or publishes). The registered owner's own software on its port draws nothing.
 */
export const unauthorizedUse: Rule = {
  id: 'unauthorizedUse',
  description: 'IANA records known unauthorized use of this port.',
  level: 'information',
  roles: ['listen', 'host', 'container', 'connect', 'unknown'],
  fix: 'freePort',
  help: {
    name: 'UnauthorizedUseRecorded', uri: 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml',
    full: 'IANA\'s registry records known unauthorized use of this port by software it did not assign the port to; expect clashes with that software.',
  },
  check: (ctx) => {
    const found: PortOccurrence[] = [];
    const notes = new Map<PortOccurrence, ServiceRecord>();
    for (const o of portsOf(ctx)) {
      if (o.port < 0 || o.port > 65535) continue;
      // Most ports carry no report: a set lookup spares them the full byPort answer.
      if (!ctx.index.mayHaveUnauthorized(o.port)) continue;
      const hit = ctx.index.byPort(o.port, o.protocol).records.find((r) => {
        if (!r.unauthorized) return false;
        // On a range the report names the ports inside it it is about ("ports 27017, 27018 and 27019"):
        // only those are affected.
        return r.portLo === r.portHi || unauthorizedConcerns(r, o.port);
      });
      if (!hit) continue;
      // The registered owner's own software on its own port is what the registration is for.
      if (hit.name !== '' && isOwnersSoftware(o, hit.name)) continue;
      found.push(o);
      notes.set(o, hit);
    }
    // `9001:9001` is one port to move, on its host side: one finding per mapping.
    const findings: RuleFinding[] = [];
    for (const o of onePerMapping(found)) {
      const hit = notes.get(o)!;
      const first = hit.name
        ? t('IANA records unauthorized use of port {0} (registered to {1}).', o.port, hit.name)
        : t('IANA records unauthorized use of port {0} (unassigned).', o.port);
      // IANA's note is quoted as IANA wrote it.
      const note = t('IANA\'s note: "{0}".', hit.unauthorized);
      const advice = isBound(o) ? ` ${t('Another program may already use it; if the port is yours to choose, consider another.')}` : '';
      findings.push({
        start: o.start, end: o.end, port: o.port,
        message: `${first}\n${note}${advice}`,
      });
    }
    return findings;
  },
};
