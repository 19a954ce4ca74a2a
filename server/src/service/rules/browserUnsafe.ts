import { BROWSER_BAD_PORTS, BROWSER_SCHEMES } from '../facts';
import { portsOf, type Rule } from './types';

/** Browsers refuse HTTP(S) and WebSocket URLs on the Fetch standard's "bad ports". */
export const browserUnsafe: Rule = {
  id: 'browserUnsafe',
  description: 'An HTTP(S) or WebSocket URL on a port that browsers refuse (Fetch "bad ports").',
  check: (ctx) =>
    portsOf(ctx)
      .filter((o) => o.scheme !== undefined && BROWSER_SCHEMES.has(o.scheme) && BROWSER_BAD_PORTS.has(o.port))
      .map((o) => ({
        start: o.start, end: o.end, port: o.port,
        message: `Browsers refuse ${o.scheme}:// URLs on port ${o.port} (a Fetch "bad port": ERR_UNSAFE_PORT in Chrome). Serve it on another port, such as 8080.`,
      })),
};
