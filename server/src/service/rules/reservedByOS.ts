import { bindsOnThisMachine, reservedRangeOf } from '../machine/facts';
import { onePerMapping, portsOf, type Rule } from './types';
import { t } from '../l10n';

/**
 * Windows keeps excluded port ranges (Hyper-V, WSL, Docker Desktop and administrators add them) that no
 * ordinary program may bind: the bind fails with access denied while no tool shows the port in use.
 * Only a port this machine would bind is judged, and only where the machine's ranges are known.
 */
export const reservedByOS: Rule = {
  id: 'reservedByOS',
  description: 'A port this machine would bind inside a range the operating system reserves (Windows excluded port ranges).',
  level: 'information',
  roles: ['listen', 'host', 'unknown'],
  help: {
    name: 'PortReservedByOS', uri: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/networking/default-dynamic-port-range-tcpip-chang',
    full: 'The operating system reserves the port (on Windows, an excluded port range set by Hyper-V, WSL or Docker), so binding it fails with an access error.',
  },
  check: (ctx) => {
    const machine = ctx.machine;
    if (!machine || machine.reserved.length === 0) return [];
    return onePerMapping(portsOf(ctx).filter((o) => bindsOnThisMachine(ctx.format, o.role, ctx.kube?.manifest === true)))
      .flatMap((o) => {
        const r = reservedRangeOf(machine, o.port, o.protocol === 'udp' ? 'udp' : 'tcp');
        return r
          ? [{ start: o.start, end: o.end, port: o.port, message: t('Port {0} is inside {1}–{2}, which this Windows machine reserves; binding it fails.', o.port, r.start, r.end) }]
          : [];
      });
  },
};
