import { IANA_REGISTRY_URL } from '../protocol';
import { parseRange, type EphemeralPreset } from './facts';
import { inIntervals, mergeIntervals } from './portIntervals';
import { DEFAULT_LINT, RULE_IDS, WORKSPACE_RULE_IDS, type RuleId, type WorkspaceRuleId } from './rules';

/** A rule's level; `ignore` turns the rule off. */
export type RuleLevel = 'ignore' | 'hint' | 'information' | 'warning' | 'error';

export { DEFAULT_LINT, IANA_REGISTRY_URL, parseRange, RULE_IDS, WORKSPACE_RULE_IDS, type RuleId, type WorkspaceRuleId };

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

/** `ignorePorts` parsed once per settings object: sorted, merged ranges (portIntervals.ts). */
const ignoredRanges = new WeakMap<readonly (number | string)[], Float64Array>();

function compileIgnorePorts(list: readonly (number | string)[]): Float64Array {
  const spans: [number, number][] = [];
  for (const v of list) {
    const r = parseRange(v);
    if (r) spans.push([r.start, r.end]);
  }
  return mergeIntervals(spans);
}

/**
 * True when a port is listed in `ignorePorts`. The list is parsed and merged once per settings object
 * and searched by halves: 10,000 entries made every check of every port parse 10,000 strings.
 */
export function isIgnoredPort(settings: Settings, port: number): boolean {
  if (!settings.ignorePorts.length) return false;
  let r = ignoredRanges.get(settings.ignorePorts);
  if (!r) ignoredRanges.set(settings.ignorePorts, (r = compileIgnorePorts(settings.ignorePorts)));
  return inIntervals(r, port);
}
