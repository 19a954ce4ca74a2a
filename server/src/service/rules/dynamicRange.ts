import { isRangeBound } from './rangeBound';
import { isBound, onePerMapping, portsOf, type Rule } from './types';
import { t } from '../l10n';

/** IANA leaves 49152-65535 for dynamic use; the OS may hand the same port to an outgoing connection. */
export const dynamicRange: Rule = {
  id: 'dynamicRange',
  description: 'A fixed port in the Dynamic/Private range 49152–65535.',
  level: 'warning',
  roles: ['listen', 'host', 'container', 'unknown'],
  fix: 'freePort',
  help: {
    name: 'PortInDynamicRange', uri: 'https://www.rfc-editor.org/rfc/rfc6335#section-6',
    full: 'IANA leaves 49152-65535 to dynamic and private use (RFC 6335, section 6): operating systems hand ports from it to outgoing connections, so a service fixed there can fail to bind when one is taken.',
  },
  check: (ctx) =>
    onePerMapping(portsOf(ctx)
      // The ends of a range or pool (`1024:65535` in an ACL, `pasv_min_port=50000`, a TURN relay's
      // `min-port=49152`) bind nothing themselves: the software picks a free port inside.
      // A client's address (`orders.internal:50051`, a database URL) draws nothing: the user of this file
      // cannot move the listener it connects to.
      .filter((o) => isBound(o) && o.port >= 49152 && o.port <= 65535 && !isRangeBound(o)))
      .map((o) => ({
        start: o.start, end: o.end, port: o.port,
        message: `${t('Port {0} is in the Dynamic/Private range (49152–65535).', o.port)}\n${t('Operating systems hand these ports out for outgoing connections, so it may be taken when the service starts. Use a fixed port in the User range (1024–49151).')}`,
      })),
};
