import { onePerMapping, portsOf, type Rule } from './types';
import { t } from '../l10n';

/** Formats where a listening port is bound by an ordinary process, not a container or a root daemon. */
const USER_PROCESS_FORMATS = new Set(['code', 'shell', 'dotenv', 'json', 'keyvalue', 'toml']);

/** Below 1024 a non-root Linux process needs CAP_NET_BIND_SERVICE to listen. */
export const privileged: Rule = {
  id: 'privileged',
  description: 'A port below 1024 that a non-root process would bind.',
  level: 'hint',
  roles: ['listen'],
  fix: 'freePort',
  help: {
    name: 'PrivilegedPort', uri: 'https://man7.org/linux/man-pages/man7/capabilities.7.html',
    full: 'On Linux, binding a port below 1024 needs root or CAP_NET_BIND_SERVICE; a process running as a normal user fails with EACCES.',
  },
  check: (ctx) =>
    USER_PROCESS_FORMATS.has(ctx.format)
      ? onePerMapping(portsOf(ctx).filter((o) => o.role === 'listen' && o.port > 0 && o.port < 1024))
          .map((o) => ({
            start: o.start, end: o.end, port: o.port,
            message: `${t('Port {0} needs privileges to listen on (below 1024).', o.port)}\n${t('On Linux a non-root process needs root or CAP_NET_BIND_SERVICE to bind it. Use a port of 1024 or above, or grant the capability.')}`,
          }))
      : [],
};
