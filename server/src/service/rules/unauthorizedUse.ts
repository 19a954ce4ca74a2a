import { portsOf, type Rule, type RuleFinding } from './types';

/** IANA records known unauthorized use of some ports: another program may already be there. */
export const unauthorizedUse: Rule = {
  id: 'unauthorizedUse',
  description: 'IANA records known unauthorized use of this port.',
  check: (ctx) => {
    const findings: RuleFinding[] = [];
    for (const o of portsOf(ctx)) {
      if (o.port < 0 || o.port > 65535) continue;
      // Most ports carry no report: a set lookup spares them the full byPort answer.
      if (!ctx.index.mayHaveUnauthorized(o.port)) continue;
      const hit = ctx.index.byPort(o.port, o.protocol).records.find((r) => {
        if (!r.unauthorized) return false;
        if (r.portLo === r.portHi) return true;
        // On a range the report names one port inside it; only that port is affected.
        const named = /\bport\s+(\d+)/i.exec(r.unauthorized);
        return !named || Number(named[1]) === o.port;
      });
      if (!hit) continue;
      findings.push({
        start: o.start, end: o.end, port: o.port,
        message: `IANA records unauthorized use of port ${o.port} (${hit.name || 'unassigned'}): "${hit.unauthorized}". Another program may already use it; consider a different port.`,
      });
    }
    return findings;
  },
};
