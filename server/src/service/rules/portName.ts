import type { Rule, RuleFinding } from './types';

/**
 * Why a Kubernetes port name breaks IANA_SVC_NAME (k8s.io/apimachinery IsValidPortName), or undefined
 * when it is valid: at most 15 characters of [a-z0-9-], at least one letter, no `--`, no hyphen at an end.
 */
export function portNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 15) return `is ${name.length} characters long (at most 15)`;
  if (/[A-Z]/.test(name)) return 'has upper-case letters (only a-z, 0-9 and -)';
  if (!/^[a-z0-9-]+$/.test(name)) return 'has characters other than a-z, 0-9 and -';
  if (!/[a-z]/.test(name)) return 'has no letter';
  if (name.includes('--')) return 'has two hyphens in a row';
  if (name.startsWith('-') || name.endsWith('-')) return 'starts or ends with a hyphen';
  return undefined;
}

/** A Kubernetes port name that the API server rejects. */
export const portName: Rule = {
  id: 'portName',
  description: 'A Kubernetes port name that breaks the IANA_SVC_NAME rules.',
  check: (ctx) => {
    const findings: RuleFinding[] = [];
    for (const o of ctx.occurrences) {
      if (o.kind !== 'name' || o.name === undefined) continue;
      const problem = portNameProblem(o.name);
      if (problem) {
        findings.push({
          start: o.start, end: o.end,
          message: `Port name "${o.name}" ${problem}; Kubernetes rejects it (IANA_SVC_NAME). Use a lower-case name such as "${suggestName(o.name)}".`,
        });
      }
    }
    return findings;
  },
};

/** A valid name close to an invalid one, for the message and the quick fix. */
export function suggestName(name: string): string {
  let s = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  if (s.length > 15) s = s.slice(0, 15).replace(/-+$/, '');
  if (!/[a-z]/.test(s)) s = ('port-' + s).slice(0, 15);
  return s || 'port';
}
