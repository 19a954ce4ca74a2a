import { EPHEMERAL_PRESETS, parseRange, type PortRange } from '../facts';
import type { Settings } from '../settings';
import { isRangeBound } from './rangeBound';
import { isBound, onePerMapping, portsOf, type Rule } from './types';
import { t } from '../l10n';

/** The ephemeral ranges the settings select, with a label for messages. */
export function ephemeralRanges(settings: Settings): { ranges: PortRange[]; label: string } {
  if (settings.ephemeralRange === 'custom') {
    const ranges = settings.customEphemeralRanges.map(parseRange).filter((r): r is PortRange => !!r);
    return { ranges, label: t('configured ephemeral range') };
  }
  const p = EPHEMERAL_PRESETS[settings.ephemeralRange];
  return { ranges: [p], label: `${presetLabel(settings.ephemeralRange, p.label)} ${p.start}–${p.end}` };
}

/** A preset's name in the display language (each a literal, so that the translation test sees it). */
function presetLabel(preset: string, english: string): string {
  switch (preset) {
    case 'iana': return t('IANA dynamic range');
    case 'linux': return t('Linux ephemeral range (net.ipv4.ip_local_port_range)');
    case 'windows': return t('Windows dynamic port range');
    case 'macos': return t('macOS ephemeral range');
    case 'freebsd': return t('FreeBSD ephemeral range');
    default: return english;
  }
}

/**
 * A listener inside the chosen OS's ephemeral range may find its port taken by an outgoing connection.
 * Ports the dynamicRange rule already reports are left to it, unless that rule is off.
 */
export const ephemeralRange: Rule = {
  id: 'ephemeralRange',
  description: "A port inside the chosen operating system's ephemeral range (setting `ianaPorts.ephemeralRange`).",
  level: 'information',
  roles: ['listen', 'host', 'container', 'unknown'],
  fix: 'freePort',
  help: {
    name: 'PortInEphemeralRange', uri: 'https://www.kernel.org/doc/html/latest/networking/ip-sysctl.html',
    full: "The chosen operating system assigns source ports of outgoing connections from its ephemeral range (Linux: net.ipv4.ip_local_port_range, 32768-60999 by default); a listener fixed inside it can collide with them.",
  },
  check: (ctx) => {
    const { ranges, label } = ephemeralRanges(ctx.settings);
    const dynamicOn = ctx.settings.lint.dynamicRange !== 'ignore';
    return onePerMapping(portsOf(ctx)
      .filter((o) => isBound(o) && ranges.some((r) => o.port >= r.start && o.port <= r.end) && !(dynamicOn && o.port >= 49152) && !isRangeBound(o)))
      .map((o) => ({
        start: o.start, end: o.end, port: o.port,
        message: `${t('Port {0} is inside the {1}.', o.port, label)}\n${t('The OS may give it to an outgoing connection before your service binds it. Pick a port outside that range.')}`,
      }));
  },
};
