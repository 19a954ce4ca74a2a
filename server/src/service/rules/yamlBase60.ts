import type { ComposeMapping } from '../scan/vocabulary/types';
import type { Rule, RuleFinding } from './types';
import { t } from '../l10n';

/**
 * The number a YAML 1.1 parser reads from a plain `A:B[:C]` scalar when every part after the first is
 * 0-59 (sexagesimal integers), or undefined when it stays a string.
 */
export function base60Value(text: string): number | undefined {
  if (!/^[1-9][0-9_]*(:[0-5]?[0-9])+$/.test(text)) return undefined;
  return text.replace(/_/g, '').split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

/** Compose tells users to quote port mappings because PyYAML-era parsers read `22:22` as 1342. */
export const yamlBase60: Rule = {
  id: 'yamlBase60',
  description: 'An unquoted HOST:CONTAINER port mapping that YAML 1.1 parsers read as a base-60 number.',
  level: 'warning',
  roles: ['host', 'container'],
  fix: 'quoteMapping',
  help: {
    name: 'YamlBase60Mapping', uri: 'https://yaml.org/type/int.html',
    full: 'An unquoted HOST:CONTAINER mapping whose parts are below 60, such as 22:22, is a base-60 (sexagesimal) integer to YAML 1.1 parsers and reaches Docker as 1342. Quote the mapping.',
  },
  check: (ctx) => {
    const findings: RuleFinding[] = [];
    const seen = new Set<ComposeMapping>();
    for (const o of ctx.occurrences) {
      const m = o.mapping;
      if (!m || m.quoted || seen.has(m)) continue;
      seen.add(m);
      const raw = ctx.text.slice(m.start, m.end);
      const value = base60Value(raw);
      if (value === undefined) continue;
      findings.push({
        start: m.start, end: m.end, port: m.hostLo ?? m.containerLo,
        message: `${t('Unquoted mapping {0} reads as the number {1} in YAML 1.1.', raw, value)}\n${t('YAML 1.1 parsers read it as a base-60 number, not as a port mapping. Quote it: "{0}".', raw)}`,
      });
    }
    return findings;
  },
};
