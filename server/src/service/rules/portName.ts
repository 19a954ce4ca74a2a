import type { Rule, RuleFinding } from './types';
import { t } from '../l10n';

/**
 * Why a Kubernetes container port name breaks IANA_SVC_NAME (k8s.io/apimachinery IsValidPortName), or
 * undefined when it is valid: at most 15 characters of [a-z0-9-], at least one letter, no `--`, no
 * hyphen at an end.
 */
export function portNameProblem(name: string): string | undefined {
  if (name.length === 0) return t('is empty');
  if (name.length > 15) return t('is {0} characters long (at most {1})', name.length, 15);
  if (/[A-Z]/.test(name)) return t('has upper-case letters');
  if (!/^[a-z0-9-]+$/.test(name)) return t('has characters other than a-z, 0-9 and -');
  if (!/[a-z]/.test(name)) return t('has no letter');
  if (name.includes('--')) return t('has two hyphens in a row');
  if (name.startsWith('-') || name.endsWith('-')) return t('starts or ends with a hyphen');
  return undefined;
}

/**
 * Why a Service port name breaks the DNS label rule (IsDNS1123Label), or undefined when it is valid:
 * at most 63 characters of [a-z0-9-], starting and ending with a letter or digit.
 */
export function servicePortNameProblem(name: string): string | undefined {
  if (name.length === 0) return t('is empty');
  if (name.length > 63) return t('is {0} characters long (at most {1})', name.length, 63);
  if (/[A-Z]/.test(name)) return t('has upper-case letters');
  if (!/^[a-z0-9-]+$/.test(name)) return t('has characters other than a-z, 0-9 and -');
  if (name.startsWith('-') || name.endsWith('-')) return t('starts or ends with a hyphen');
  return undefined;
}

/** A name the file does not hold itself: a Helm, Go, ERB or shell template fills it in. */
export function isTemplatedName(name: string): boolean {
  return name.includes('{{') || name.includes('<%') || name.includes('${') || name.includes('}}');
}

/**
 * A Kubernetes port name that the API server rejects: a container's port name must be an IANA
 * service name, a Service's a DNS label. Other names (a compose port's free-text `name`) and names a
 * template fills in are not judged.
 */
export const portName: Rule = {
  id: 'portName',
  description: "A Kubernetes container port name that is no IANA service name, or a Service port name that is no DNS label.",
  level: 'error',
  roles: [],
  fix: 'renamePort',
  help: {
    name: 'InvalidPortName', uri: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports',
    full: 'Kubernetes requires a container port name to be an IANA_SVC_NAME (at most 15 characters, lowercase letters, digits and hyphens, at least one letter, no double hyphen) and a Service port name to be a DNS label; the API server rejects other names.',
  },
  check: (ctx) => {
    const findings: RuleFinding[] = [];
    for (const o of ctx.occurrences) {
      if (o.kind !== 'name' || o.name === undefined || o.nameOf === undefined || isTemplatedName(o.name)) continue;
      const container = o.nameOf === 'container';
      const problem = container ? portNameProblem(o.name) : servicePortNameProblem(o.name);
      if (problem) {
        findings.push({
          start: o.start, end: o.end,
          message: container
            ? `${t('Container port name "{0}" {1}.', shortened(o.name), problem)}\n${t('Kubernetes rejects it: a container port name is an IANA service name, at most 15 characters of a-z, 0-9 and -, with a letter, no "--" and no hyphen at an end.')}`
            : `${t('Service port name "{0}" {1}.', shortened(o.name), problem)}\n${t('Kubernetes rejects it: a Service port name is a DNS label, at most 63 characters of a-z, 0-9 and -, starting and ending with a letter or digit.')}`,
        });
      }
    }
    return findings;
  },
};

/** A name as the first line of a message quotes it: long names cut, so the line stays short. */
function shortened(name: string): string {
  return name.length > 24 ? name.slice(0, 23) + '…' : name;
}

/** A valid name close to an invalid one, for the quick fix: 15 characters for a container, 63 for a Service. */
export function suggestName(name: string, max = 15): string {
  let s = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  if (s.length > max) s = s.slice(0, max).replace(/-+$/, '');
  if (max === 15 && !/[a-z]/.test(s)) s = ('port-' + s).slice(0, 15);
  return s || 'port';
}
