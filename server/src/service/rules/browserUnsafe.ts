import { BROWSER_BAD_PORTS, BROWSER_SCHEMES, isDevServerConfig } from '../facts';
import { isDevServerCommand } from '../scan/vocabulary/commands';
import type { PortOccurrence } from '../scan/vocabulary/types';
import { onePerMapping, portsOf, type Rule, type RuleContext } from './types';
import { t } from '../l10n';

/** True when the port is one a browser will open: in an http(s)/ws URL or a dev server's own port. */
function browserPort(ctx: RuleContext, o: PortOccurrence): boolean {
  // An HTTP request file's requests are sent by a REST client (REST Client, JetBrains' HTTP Client), which has no bad-port list.
  if (ctx.format === 'http') return false;
  if (o.scheme !== undefined) return BROWSER_SCHEMES.has(o.scheme);
  if (o.role !== 'listen') return false;
  if (isDevServerConfig(ctx.uri)) return true;
  // A dev server's command in a script (package.json, shell); in a container its port is not the one a browser opens.
  return (ctx.format === 'json' || ctx.format === 'shell') && o.command !== undefined && isDevServerCommand(o.command);
}

/** Browsers refuse HTTP(S) and WebSocket URLs on the Fetch standard's "bad ports". */
export const browserUnsafe: Rule = {
  id: 'browserUnsafe',
  description: 'An HTTP(S) or WebSocket URL, or a dev-server port, on a port that browsers refuse (Fetch "bad ports").',
  level: 'warning',
  roles: ['listen', 'connect', 'unknown'],
  fix: 'freePort',
  help: {
    name: 'BrowserBlockedPort', uri: 'https://fetch.spec.whatwg.org/#port-blocking',
    full: 'Browsers refuse HTTP(S) and WebSocket connections to the Fetch standard\'s "bad ports" (for example 6000, 6665-6669) with ERR_UNSAFE_PORT, so a web server or a dev server there cannot be opened in a browser.',
  },
  check: (ctx) =>
    onePerMapping(portsOf(ctx).filter((o) => BROWSER_BAD_PORTS.has(o.port) && browserPort(ctx, o)))
      .map((o) => ({
        start: o.start, end: o.end, port: o.port,
        message: o.scheme
          ? `${t('Browsers refuse {0}:// URLs on port {1} (a Fetch "bad port").', o.scheme, o.port)}\n${t('Chrome reports ERR_UNSAFE_PORT. Serve it on another port, such as 8080.')}`
          : `${t('Browsers refuse to open port {0} (a Fetch "bad port").', o.port)}\n${t('Chrome reports ERR_UNSAFE_PORT, so this dev server cannot be reached from a browser. Use another port, such as 5173 or 8080.')}`,
      })),
};
