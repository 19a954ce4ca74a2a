import type { FormatId } from './detect';
import type { PortFinder, PortOccurrence } from './types';
import { findComposePorts } from './compose';
import { findYamlPorts } from './yaml';
import { findDockerfilePorts } from './dockerfile';
import { findDotenvPorts } from './dotenv';
import { findKeyValuePorts } from './keyvalue';
import { findTomlPorts } from './toml';
import { findNginxPorts } from './nginx';
import { findHaproxyPorts } from './haproxy';
import { findCaddyPorts } from './caddy';
import { findSshPorts } from './ssh';
import { findSystemdPorts } from './systemd';
import { findTerraformPorts } from './terraform';
import { findServicesPorts } from './services';
import { findJsonPorts } from './json';
import { findCodePorts } from './code';
import { findShellPorts } from './shell';
import { markdownFinder } from './markdown';

export type { FormatId } from './detect';
export { detectFormat, formatFromFileName } from './detect';
export type { PortOccurrence, PortFinder, PortRole, ComposeMapping } from './types';

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
