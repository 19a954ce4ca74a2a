import { onePerMapping, portsOf, type Rule } from './types';
import { t } from '../l10n';

/**
 * A port above 65535 or below 0 cannot be bound or reached. In `99999:99999` the mapping is reported
 * once, on its host side; the container side shows once that is fixed.
 */
export const outOfRange: Rule = {
  id: 'outOfRange',
  description: 'A port above 65535 or below 0.',
  level: 'error',
  roles: ['listen', 'host', 'container', 'connect', 'unknown'],
  fix: 'freePort',
  help: {
    name: 'PortOutOfRange', uri: 'https://www.rfc-editor.org/rfc/rfc6335#section-6',
    full: 'TCP, UDP, SCTP and DCCP ports are 16-bit numbers: 0 to 65535. A larger or negative number is rejected or silently wrapped by the software that reads it.',
  },
  check: (ctx) =>
    onePerMapping(portsOf(ctx).filter((o) => o.port > 65535 || o.port < 0))
      .map((o) => ({
        start: o.start, end: o.end, port: o.port,
        message: `${t('Port {0} is out of range (0–65535).', o.port)}\n${t('TCP and UDP ports run from 0 to 65535: nothing can bind or reach it. Choose a port in the User range (1024–49151).')}`,
      })),
};
