import { DEFAULT_SETTINGS, parseRange, resolveSettings, type Settings } from '../service/settings';
import { readRegularFile } from '../workspace/regularFile';

/**
 * The command line's settings file, `.iana-ports.json` or `--config FILE`: the editor's `ianaPorts.*`
 * settings, nested as in `{ "lint": { "dynamicRange": "error" } }`, optionally inside `{ "ianaPorts": ... }`.
 * The editor forgives a bad value by using the default; in CI that would hide a typo behind a green
 * run, so here every unknown key and every value the editor would not use is an error.
 */

export const CONFIG_FILE = '.iana-ports.json';
/** A settings file is a few hundred bytes; anything over this is not one. */
export const MAX_CONFIG_BYTES = 1 << 20;
const LEVELS = ['ignore', 'hint', 'information', 'warning', 'error'];

export class ConfigError extends Error {}

/** Keys whose value is a map of the user's own keys (glob -> format), not a settings section. */
const FREE_MAPS = new Set(['files.associations']);

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function at(obj: unknown, keys: string[]): unknown {
  let v = obj;
  for (const k of keys) v = isObject(v) ? v[k] : undefined;
  return v;
}

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

/** Lists what is wrong with a settings object; empty when the editor would use every value in it. */
export function configProblems(raw: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(raw)) return ['the file must hold a JSON object, like { "lint": { "dynamicRange": "error" } }'];
  const inner = isObject(raw.ianaPorts) && Object.keys(raw).length === 1 ? raw.ianaPorts : raw;
  const resolved = resolveSettings(inner);
  const walk = (given: Record<string, unknown>, defaults: Record<string, unknown>, prefix: string[]): void => {
    for (const [key, value] of Object.entries(given)) {
      const keys = [...prefix, key];
      const name = keys.join('.');
      if (problems.length >= 20) return;
      if (!Object.prototype.hasOwnProperty.call(defaults, key)) {
        const flat = key.replace(/^ianaPorts\./, '');
        const nested = flat.split('.');
        const known = nested.length > 1 && at(DEFAULT_SETTINGS, nested) !== undefined;
        problems.push(known
          ? `unknown key "${name}": write it nested, as in { "${nested[0]}": { "${nested.slice(1).join('": { "')}": ${show(value)}${' }'.repeat(nested.length - 1)} }`
          : `unknown key "${name}"`);
        continue;
      }
      const def = defaults[key];
      if (isObject(def) && !FREE_MAPS.has(name)) {
        if (!isObject(value)) problems.push(`"${name}" must be an object with the keys ${Object.keys(def).join(', ')}`);
        else walk(value, def, keys);
        continue;
      }
      if (keys[0] === 'lint') {
        if (!LEVELS.includes(value as string)) problems.push(`unknown level ${show(value)} for "${name}" (${LEVELS.join(', ')})`);
        continue;
      }
      if (name === 'ignorePorts' && Array.isArray(value)) {
        const bad = value.find((v) => (typeof v !== 'number' && typeof v !== 'string') || !parseRange(v));
        if (bad !== undefined) problems.push(`"ignorePorts" holds ${show(bad)}, which is not a port (8080) or a range ("9000-9010")`);
        continue;
      }
      // Anything else is valid exactly when the editor would use it as given rather than fall back.
      if (JSON.stringify(at(resolved, keys)) !== JSON.stringify(value)) problems.push(`"${name}" cannot be ${show(value)} (the default is ${show(def)})`);
    }
  };
  walk(inner, DEFAULT_SETTINGS as unknown as Record<string, unknown>, []);
  return problems;
}

/**
 * Reads the settings file: `file` when given (it must exist), else `.iana-ports.json` in the current
 * folder when there is one. Only a regular file of at most 1 MB is read. Throws a ConfigError saying
 * what is wrong.
 */
export async function readConfig(file: string | undefined): Promise<{ settings: Settings; file?: string }> {
  const name = file ?? CONFIG_FILE;
  const read = await readRegularFile(name, MAX_CONFIG_BYTES);
  if (!read.ok) {
    if (read.reason === 'missing' && file === undefined) return { settings: resolveSettings(undefined) };
    const why = read.reason === 'too large' ? `it is over ${MAX_CONFIG_BYTES} bytes` : read.reason === 'missing' ? 'it does not exist' : read.reason === 'unreadable' ? 'it cannot be read' : 'it is not a regular file';
    throw new ConfigError(`cannot use settings file ${name}: ${why}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(read.text);
  } catch (e) {
    throw new ConfigError(`cannot use settings file ${name}: it is not JSON (${(e as Error).message})`);
  }
  const problems = configProblems(raw);
  if (problems.length) throw new ConfigError(`cannot use settings file ${name}:\n  - ${problems.join('\n  - ')}`);
  const obj = raw as Record<string, unknown>;
  return { settings: resolveSettings(isObject(obj.ianaPorts) && Object.keys(obj).length === 1 ? obj.ianaPorts : obj), file: name };
}
