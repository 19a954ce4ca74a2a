import { commonPracticeByPort } from './softwarePorts';

/**
 * Facts about ports that are not in IANA's registry but bite people: browser-blocked ports,
 * operating-system ephemeral ranges and what everyday software runs where IANA's name misleads.
 * Sources are in ../shared/FACTS.md and the README.
 */

/** Ports the WHATWG Fetch standard blocks for HTTP(S) and WebSocket URLs ("bad ports"). */
export const BROWSER_BAD_PORTS: ReadonlySet<number> = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109,
  110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531,
  532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060,
  5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** Config files of dev servers whose port a browser opens (vite.config.ts, webpack.config.js, angular.json, devcontainer.json). */
const DEV_SERVER_CONFIG = /(^|\/)(vite|vitest|webpack|rollup|vue|nuxt|astro|svelte|next|remix|quasar|rsbuild|rspack)\.config\.[cm]?[jt]s$|(^|\/)angular\.json$|(^|\/)\.devcontainer\.json$|(^|\/)devcontainer\.json$/;

/** True for a development server's config file, by its URI (a query or fragment aside). */
export function isDevServerConfig(uri: string): boolean {
  return DEV_SERVER_CONFIG.test(uri.replace(/[?#].*$/, ''));
}

/** URL schemes a browser fetches, to which the bad-port list applies. */
export const BROWSER_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'ws', 'wss']);

export interface PortRange {
  start: number;
  end: number;
}

export type EphemeralPreset = 'iana' | 'linux' | 'windows' | 'macos' | 'freebsd';

/** Default ephemeral (dynamic source port) ranges by operating system. */
export const EPHEMERAL_PRESETS: Record<EphemeralPreset, PortRange & { label: string }> = {
  iana: { start: 49152, end: 65535, label: 'IANA dynamic range' },
  linux: { start: 32768, end: 60999, label: 'Linux ephemeral range (net.ipv4.ip_local_port_range)' },
  windows: { start: 49152, end: 65535, label: 'Windows dynamic port range' },
  macos: { start: 49152, end: 65535, label: 'macOS ephemeral range' },
  freebsd: { start: 10000, end: 65535, label: 'FreeBSD ephemeral range' },
};

/** Kubernetes' default NodePort range (kube-apiserver --service-node-port-range). */
export const KUBERNETES_NODEPORT_RANGE: PortRange = { start: 30000, end: 32767 };

/**
 * What common software runs on a port, one short line per port, shown labelled as common practice.
 * Built from the sourced table in softwarePorts.ts, which completion also reads.
 */
export const COMMON_PRACTICE: ReadonlyMap<number, string> = commonPracticeByPort();

/** Parses `"8080"`, `8080` or `"9000-9010"` into a range; undefined when malformed. */
export function parseRange(v: number | string): PortRange | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? { start: v, end: v } : undefined;
  const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5}))?\s*$/.exec(v);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2] ? Number(m[2]) : start;
  return end >= start ? { start, end } : undefined;
}
