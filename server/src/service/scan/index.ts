import type { EmbeddedFormats, FormatId, PortFinder, PortOccurrence } from './vocabulary/types';
import { formatFromFileName } from './detect';
import { sniffConf, sniffFormat } from './sniff';
import { composeFinder } from './formats/yaml/compose';
import { yamlFinder } from './formats/yaml';
import { findDockerfilePorts } from './formats/dockerfile';
import { findDotenvPorts } from './formats/dotenv';
import { findKeyValuePorts } from './formats/keyvalue';
import { findTomlPorts } from './formats/tomlHcl/toml';
import { nginxFinder } from './formats/nginx';
import { findHaproxyPorts } from './formats/haproxy';
import { findCaddyPorts } from './formats/caddy';
import { findSshPorts } from './formats/ssh';
import { findSystemdPorts } from './formats/systemd';
import { findTerraformPorts } from './formats/tomlHcl/terraform';
import { findServicesPorts } from './formats/services';
import { jsonFinder } from './formats/json';
import { codeFinder } from './formats/code';
import { findShellPorts } from './formats/shell';
import { scanDockerRunArgs, scanShellText } from './vocabulary/commands';
import { markdownFinder } from './formats/markdown';
import { findTextPorts } from './formats/text';
import { httpFinder } from './formats/http';
import { withCommentedConfig } from './commented';
import { keyWrittenBefore } from './vocabulary/keys';

export type { FormatId } from './detect';
export { detectFormat, formatFromFileName } from './detect';
export type { PortOccurrence, PortFinder, PortRole, ComposeMapping } from './vocabulary/types';

/**
 * What the finders that embed other formats read them with: a finder never imports another format's
 * finder (test/unit/architecture.test.ts), it is handed this instead.
 */
const EMBEDDED: EmbeddedFormats = {
  finder: (format) => FINDERS[format],
  scanShell: scanShellText,
  scanDockerRunArgs,
  formatFromFileName,
  sniffConf,
  sniffFormat,
};

const READERS: Record<FormatId, PortFinder> = {
  compose: composeFinder(EMBEDDED),
  yaml: yamlFinder(EMBEDDED),
  dockerfile: findDockerfilePorts,
  dotenv: findDotenvPorts,
  keyvalue: findKeyValuePorts,
  toml: findTomlPorts,
  nginx: nginxFinder(EMBEDDED),
  haproxy: findHaproxyPorts,
  caddy: findCaddyPorts,
  ssh: findSshPorts,
  systemd: findSystemdPorts,
  terraform: findTerraformPorts,
  services: findServicesPorts,
  json: jsonFinder(EMBEDDED),
  code: codeFinder(EMBEDDED),
  shell: findShellPorts,
  markdown: markdownFinder(EMBEDDED),
  http: httpFinder(EMBEDDED),
  text: findTextPorts,
};

/**
 * Formats whose ports still get their key from `withKeys`, a pass over the finder's result. Every other
 * finder's key readers give a port its key where they read the key (`giveKey` in vocabulary/keys.ts).
 */
const KEYED: ReadonlySet<FormatId> = new Set<FormatId>(['code']);

/**
 * Gives every port of a finder that has no key or flag of its own, and is no `host:port` or URL, the key
 * written before it (`keyWrittenBefore`), so that rules and hovers read `key` and never the text.
 */
function withKeys(finder: PortFinder): PortFinder {
  return (text) => {
    const out = finder(text);
    for (const o of out) {
      if (o.key === undefined && o.flag === undefined && o.kind === 'port' && o.host === undefined && o.scheme === undefined) {
        const key = keyWrittenBefore(text, o.start);
        if (key !== undefined) o.key = key;
      }
    }
    return out;
  };
}

// Each format's finder also reads that format's commented-out configuration, and in the formats with
// keys every port it finds knows the key written before it.
const FINDERS = Object.fromEntries(
  (Object.keys(READERS) as FormatId[]).map((f) => {
    const find = withCommentedConfig(f, READERS[f]);
    return [f, KEYED.has(f) ? withKeys(find) : find];
  }),
) as Record<FormatId, PortFinder>;

/** The finders of the formats that embed others, for tests and tools that call one directly. */
export const findComposePorts = FINDERS.compose;
export const findYamlPorts = FINDERS.yaml;
export const findNginxPorts = FINDERS.nginx;
export const findJsonPorts = FINDERS.json;
export const findCodePorts = FINDERS.code;
export const findMarkdownPorts = FINDERS.markdown;

/** The finder for a format. */
export function finderFor(format: FormatId): PortFinder {
  return FINDERS[format];
}

/**
 * Finds every port in a document of the given format. A finder bug must never take the server down
 * with it, so an exception yields no ports (and is reported through `onError`).
 */
export function findPorts(format: FormatId, text: string, onError?: (e: unknown) => void): PortOccurrence[] {
  try {
    return FINDERS[format](text);
  } catch (e) {
    onError?.(e);
    return [];
  }
}
