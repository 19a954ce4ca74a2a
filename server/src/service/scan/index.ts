import type { FormatId } from './detect';
import type { PortFinder, PortOccurrence } from './vocabulary/types';
import { findComposePorts } from './formats/yaml/compose';
import { findYamlPorts } from './formats/yaml';
import { findDockerfilePorts } from './formats/dockerfile';
import { findDotenvPorts } from './formats/dotenv';
import { findKeyValuePorts } from './formats/keyvalue';
import { findTomlPorts } from './formats/tomlHcl/toml';
import { findNginxPorts } from './formats/nginx';
import { findHaproxyPorts } from './formats/haproxy';
import { findCaddyPorts } from './formats/caddy';
import { findSshPorts } from './formats/ssh';
import { findSystemdPorts } from './formats/systemd';
import { findTerraformPorts } from './formats/tomlHcl/terraform';
import { findServicesPorts } from './formats/services';
import { findJsonPorts } from './formats/json';
import { findCodePorts } from './formats/code';
import { findShellPorts } from './formats/shell';
import { markdownFinder } from './formats/markdown';
import { findTextPorts } from './formats/text';

export type { FormatId } from './detect';
export { detectFormat, formatFromFileName } from './detect';
export type { PortOccurrence, PortFinder, PortRole, ComposeMapping } from './vocabulary/types';

const FINDERS: Record<FormatId, PortFinder> = {
  compose: findComposePorts,
  yaml: findYamlPorts,
  dockerfile: findDockerfilePorts,
  dotenv: findDotenvPorts,
  keyvalue: findKeyValuePorts,
  toml: findTomlPorts,
  nginx: findNginxPorts,
  haproxy: findHaproxyPorts,
  caddy: findCaddyPorts,
  ssh: findSshPorts,
  systemd: findSystemdPorts,
  terraform: findTerraformPorts,
  services: findServicesPorts,
  json: findJsonPorts,
  code: findCodePorts,
  shell: findShellPorts,
  markdown: markdownFinder(finderFor),
  text: findTextPorts,
};

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
