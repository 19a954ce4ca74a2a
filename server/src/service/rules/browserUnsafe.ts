import { BROWSER_BAD_PORTS, BROWSER_SCHEMES } from '../facts';
import type { PortOccurrence } from '../scan/vocabulary/types';
import { portsOf, type Rule, type RuleContext } from './types';

/** Config files of dev servers whose port a browser opens (vite.config.ts, webpack.config.js, angular.json, ...). */
const DEV_SERVER_CONFIG = /(^|\/)(vite|vitest|webpack|rollup|vue|nuxt|astro|svelte|next|remix|quasar|rsbuild|rspack)\.config\.[cm]?[jt]s$|(^|\/)angular\.json$|(^|\/)\.devcontainer\.json$|(^|\/)devcontainer\.json$/;

/** Commands that start a dev server a browser opens; a port flag on their line is a browser port. */
const DEV_SERVER_COMMAND = /\b(vite|next\s+(dev|start)|nuxt|astro|ng\s+serve|webpack(-dev-server|\s+serve)|react-scripts|http-server|live-server|serve|parcel|storybook|remix|docusaurus|gatsby|svelte-kit|expo\s+start|ember\s+serve|hugo\s+server|jekyll\s+serve|mkdocs\s+serve)\b/;

function lineAt(text: string, offset: number): string {
  const s = text.lastIndexOf('\n', offset - 1) + 1;
  const e = text.indexOf('\n', offset);
  return text.slice(s, e < 0 ? text.length : e);
}

/** True when the port is one a browser will open: in an http(s)/ws URL or a dev server's own port. */
function browserPort(ctx: RuleContext, o: PortOccurrence): boolean {
  // An HTTP request file's requests are sent by a REST client (REST Client, JetBrains' HTTP Client), which has no bad-port list.
  if (ctx.format === 'http') return false;
  if (o.scheme !== undefined) return BROWSER_SCHEMES.has(o.scheme);
  if (o.role !== 'listen') return false;
  // The file name decides, without a query or fragment the URI may carry.
  if (DEV_SERVER_CONFIG.test(ctx.uri.replace(/[?#].*$/, ''))) return true;
  return (ctx.format === 'json' || ctx.format === 'shell') && DEV_SERVER_COMMAND.test(lineAt(ctx.text, o.start));
}

/** Browsers refuse HTTP(S) and WebSocket URLs on the Fetch standard's "bad ports". */
export const browserUnsafe: Rule = {
  id: 'browserUnsafe',
  description: 'An HTTP(S) or WebSocket URL, or a dev-server port, on a port that browsers refuse (Fetch "bad ports").',
  check: (ctx) =>
    portsOf(ctx)
      .filter((o) => BROWSER_BAD_PORTS.has(o.port) && browserPort(ctx, o))
      .map((o) => ({
        start: o.start, end: o.end, port: o.port,
        message: o.scheme
          ? `Browsers refuse ${o.scheme}:// URLs on port ${o.port} (a Fetch "bad port").\nChrome reports ERR_UNSAFE_PORT. Serve it on another port, such as 8080.`
          : `Browsers refuse to open port ${o.port} (a Fetch "bad port").\nChrome reports ERR_UNSAFE_PORT, so this dev server cannot be reached from a browser. Use another port, such as 5173 or 8080.`,
      })),
};
