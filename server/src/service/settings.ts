import type { EphemeralPreset, PortRange } from './facts';

/** A rule's level; `ignore` turns the rule off. */
export type RuleLevel = 'ignore' | 'hint' | 'information' | 'warning' | 'error';

export const RULE_IDS = [
  'outOfRange', 'dynamicRange', 'ephemeralRange', 'browserUnsafe', 'unauthorizedUse', 'duplicateHostPort',
  'yamlBase60', 'portName', 'privileged', 'reservedByOS', 'probePort', 'duplicateContainerPort', 'nodePortRange',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Rules that compare files across the workspace; their severities live beside the others in `lint`. */
export const WORKSPACE_RULE_IDS = ['duplicateHostPortAcrossFiles', 'unmatchedTargetPort', 'ingressBackendPort'] as const;
export type WorkspaceRuleId = (typeof WORKSPACE_RULE_IDS)[number];

/** The extension's settings (`ianaPorts.*`), as the server reads them for one document. */
export interface Settings {
  hover: { enable: boolean };
  completion: { enable: boolean };
  diagnostics: { enable: boolean };
  /** Show what common software runs on a port beside IANA's answer. */
  commonPractice: { enable: boolean };
  /** Name the service beside a port as an inlay hint. */
  inlayHints: { enable: boolean };
  /** Severity of each rule. */
  lint: Record<RuleId | WorkspaceRuleId, RuleLevel>;
  /** Compare the Compose projects of a workspace with each other, as if all ran on one Docker host. */
  compose: { compareProjects: boolean };
  /** OS whose ephemeral range the `ephemeralRange` rule checks, or a custom range list like `"32768-60999"`. */
  ephemeralRange: EphemeralPreset | 'custom';
  /** Custom ephemeral ranges used when ephemeralRange is `custom`, e.g. `["32768-60999"]`. */
  customEphemeralRanges: string[];
  /** Ports (`8080`) or ranges (`9000-9010`) never flagged by any rule. */
  ignorePorts: (number | string)[];
  /** Documents larger than this many characters are not scanned (a message says so). */
  maxFileSize: number;
  // Extra files to serve: glob pattern -> format id, e.g. { "**/*.myconf": "keyvalue" }.
  files: { associations: Record<string, string> };
  /** Where "Update Registry from IANA" downloads the registry XML (the client reads it; https only). */
  registry: { url: string };
  /** Whether to read this machine's ports in use and reserved ranges: `auto` only where that starts no process (Linux). */
  machine: { enable: 'auto' | 'on' | 'off' };
}

/** IANA's official XML of the Service Name and Transport Protocol Port Number Registry. */
export const IANA_REGISTRY_URL = 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml';

export const DEFAULT_LINT: Record<RuleId | WorkspaceRuleId, RuleLevel> = {
  outOfRange: 'error',
  dynamicRange: 'warning',
  ephemeralRange: 'information',
  browserUnsafe: 'warning',
  unauthorizedUse: 'information',
  duplicateHostPort: 'error',
  yamlBase60: 'warning',
  portName: 'error',
  privileged: 'hint',
  reservedByOS: 'information',
  probePort: 'error',
  duplicateContainerPort: 'warning',
  nodePortRange: 'warning',
  duplicateHostPortAcrossFiles: 'warning',
  unmatchedTargetPort: 'error',
  ingressBackendPort: 'warning',
};

export const DEFAULT_SETTINGS: Settings = {
  hover: { enable: true },
  completion: { enable: true },
  diagnostics: { enable: true },
  commonPractice: { enable: true },
  inlayHints: { enable: false },
  lint: DEFAULT_LINT,
  compose: { compareProjects: false },
  ephemeralRange: 'linux',
  customEphemeralRanges: [],
  ignorePorts: [],
  maxFileSize: 5_000_000,
  files: { associations: {} },
  registry: { url: IANA_REGISTRY_URL },
  machine: { enable: 'auto' },
};

const LEVELS: ReadonlySet<string> = new Set(['ignore', 'hint', 'information', 'warning', 'error']);
const MACHINE_MODES: ReadonlySet<string> = new Set(['auto', 'on', 'off']);
const PRESETS: ReadonlySet<string> = new Set(['iana', 'linux', 'windows', 'macos', 'freebsd', 'custom']);

function bool(v: unknown, d: boolean): boolean {
  return typeof v === 'boolean' ? v : d;
}

function section(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * Merges a client's `ianaPorts` configuration section over the defaults. Anything missing, null or
 * of the wrong type falls back to the default, so a bad settings.json never breaks the server.
 */
/**
 * The largest `maxFileSize` honoured, whatever the settings say: the setting is a user setting only
 * (application scope), and this ceiling holds for clients that send a workspace value anyway. A 200 MB
 * Dockerfile took the server past 3.8 GB.
 */
export const MAX_FILE_SIZE_CEILING = 16_000_000;

export function resolveSettings(raw: unknown): Settings {
  const s = section(raw);
  const lintIn = section(s.lint);
  const lint = { ...DEFAULT_LINT };
  for (const id of [...RULE_IDS, ...WORKSPACE_RULE_IDS]) {
    const v = lintIn[id];
    if (typeof v === 'string' && LEVELS.has(v)) lint[id] = v as RuleLevel;
  }
  const eph = typeof s.ephemeralRange === 'string' && PRESETS.has(s.ephemeralRange) ? (s.ephemeralRange as Settings['ephemeralRange']) : DEFAULT_SETTINGS.ephemeralRange;
  const custom = Array.isArray(s.customEphemeralRanges) ? s.customEphemeralRanges.filter((x): x is string => typeof x === 'string') : [];
  const ignore = Array.isArray(s.ignorePorts) ? s.ignorePorts.filter((x): x is number | string => typeof x === 'number' || typeof x === 'string') : [];
  const maxFileSize = typeof s.maxFileSize === 'number' && s.maxFileSize > 0 ? Math.min(s.maxFileSize, MAX_FILE_SIZE_CEILING) : DEFAULT_SETTINGS.maxFileSize;
  const assoc: Record<string, string> = {};
  for (const [k, v] of Object.entries(section(section(s.files).associations))) if (typeof v === 'string') assoc[k] = v;
  return {
    hover: { enable: bool(section(s.hover).enable, true) },
    completion: { enable: bool(section(s.completion).enable, true) },
    diagnostics: { enable: bool(section(s.diagnostics).enable, true) },
    commonPractice: { enable: bool(section(s.commonPractice).enable, true) },
    inlayHints: { enable: bool(section(s.inlayHints).enable, false) },
    lint,
    compose: { compareProjects: bool(section(s.compose).compareProjects, false) },
    ephemeralRange: eph,
    customEphemeralRanges: custom,
    ignorePorts: ignore,
    maxFileSize,
    files: { associations: assoc },
    registry: { url: typeof section(s.registry).url === 'string' && section(s.registry).url ? (section(s.registry).url as string) : IANA_REGISTRY_URL },
    machine: { enable: MACHINE_MODES.has(section(s.machine).enable as string) ? (section(s.machine).enable as Settings['machine']['enable']) : 'auto' },
  };
}

/** Parses `"8080"`, `8080` or `"9000-9010"` into a range; undefined when malformed. */
export function parseRange(v: number | string): PortRange | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? { start: v, end: v } : undefined;
  const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5}))?\s*$/.exec(v);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2] ? Number(m[2]) : start;
  return end >= start ? { start, end } : undefined;
}

/** `ignorePorts` parsed once per settings object: sorted, merged ranges as [start0, end0, start1, end1, ...]. */
const ignoredRanges = new WeakMap<readonly (number | string)[], Int32Array>();

function compileIgnorePorts(list: readonly (number | string)[]): Int32Array {
  const ranges: PortRange[] = [];
  for (const v of list) {
    const r = parseRange(v);
    if (r) ranges.push(r);
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: number[] = [];
  for (const r of ranges) {
    const n = merged.length;
    if (n && r.start <= merged[n - 1] + 1) merged[n - 1] = Math.max(merged[n - 1], r.end);
    else merged.push(r.start, r.end);
  }
  return Int32Array.from(merged);
}

/**
 * True when a port is listed in `ignorePorts`. The list is parsed and merged once per settings object
 * and searched by halves: 10,000 entries made every check of every port parse 10,000 strings.
 */
export function isIgnoredPort(settings: Settings, port: number): boolean {
  if (!settings.ignorePorts.length) return false;
  let r = ignoredRanges.get(settings.ignorePorts);
  if (!r) ignoredRanges.set(settings.ignorePorts, (r = compileIgnorePorts(settings.ignorePorts)));
  let lo = 0;
  let hi = r.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (port < r[2 * mid]) hi = mid - 1;
    else if (port > r[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}
