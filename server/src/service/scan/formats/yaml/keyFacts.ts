import { roleForField, roleForKey } from '../../vocabulary/keys';
import { isPortKey } from '../../vocabulary/common';
import type { PortRole } from '../../vocabulary/types';
import type { YamlFrame, YamlKey } from '../../text/yamlScan';

/*
 * What the YAML finders know about keys: which keys the rules look for (KINDS: add a key there and a
 * K_ constant), which keys name a port or hold addresses, worked out once per distinct key of a walk,
 * where a Kubernetes `ports` list stands, and the role of a number under a port key.
 */

/** Key words whose values are addresses: a bare `web:80` there is a host and a port, not an image tag. */
const HOSTISH = ['target', 'host', 'addr', 'listen', 'bind', 'server', 'broker', 'endpoint', 'upstream', 'backend', 'peer', 'seed', 'proxy', 'url', 'uri', 'dsn', 'dial', 'connect'];

function isHostishKey(lower: string): boolean {
  if (lower === 'image' || lower === 'repository') return false;
  for (const w of HOSTISH) if (lower.includes(w)) return true;
  return false;
}

/** Keys where the port is the thing named first: Envoy `port_value`, `portNumber`. */
const PORT_VALUE_KEYS = new Set(['port_value', 'port_number', 'port-number', 'portnumber', 'portvalue']);

/*
 * Facts about a key, worked out once per distinct key of a walk and kept in its `memo`: whether it
 * names a port, whether it ends in "ports", and which of the keys the rules look for it is (a small
 * number in the bits from KIND_SHIFT up), so that the rules compare integers, not strings.
 */
const MEMO_DONE = 1;
export const MEMO_PORT = 2;
export const MEMO_PLURAL = 4;
const MEMO_HOST_DONE = 8;
const MEMO_HOST = 16;
/** The key holds the word `port` in any case (`nodePort`, `pasv_min_port`): its value's ports take it as their key. */
export const MEMO_HOLDS_PORT = 32;
export const KIND_SHIFT = 6;

export const K_PORTS = 1;
export const K_EXPOSE = 2;
export const K_TARGET = 3;
export const K_PUBLISHED = 4;
export const K_HOST_PORT = 5;
export const K_CONTAINER_PORT = 6;
export const K_APP_PROTOCOL = 7;
export const K_NAME = 8;
export const K_NUMBER = 9;
export const K_IMAGE = 10;
export const K_SERVICES = 11;
export const K_PORT = 12;
export const K_PATH = 13;
export const K_VALUE = 14;
export const K_PROTOCOL = 15;
export const K_HOST_IP = 16;
const K_TARGETPORT = 17;
const K_PROBE = 18;
export const K_LINE = 19;
const K_COMMAND = 20;
const K_TEST = 21;
export const K_SCRIPT = 22;
/** `tcp` and `udp`: maps from a port to what serves it (ingress-nginx), or of ports by protocol. */
export const K_PROTOCOL_MAP = 23;

/** The keys the rules look for, by their lower-case text. */
const KINDS = new Map<string, number>([
  ['ports', K_PORTS], ['expose', K_EXPOSE], ['target', K_TARGET], ['published', K_PUBLISHED],
  ['host_port', K_HOST_PORT], ['container_port', K_CONTAINER_PORT], ['app_protocol', K_APP_PROTOCOL],
  ['appprotocol', K_APP_PROTOCOL], ['name', K_NAME], ['number', K_NUMBER], ['image', K_IMAGE],
  ['repository', K_IMAGE], ['services', K_SERVICES], ['port', K_PORT], ['path', K_PATH], ['value', K_VALUE],
  ['protocol', K_PROTOCOL], ['host_ip', K_HOST_IP], ['targetport', K_TARGETPORT],
  ['httpget', K_PROBE], ['tcpsocket', K_PROBE], ['grpc', K_PROBE],
  // Values that are lines of another config file: Ansible lineinfile / replace / blockinfile / copy.
  ['line', K_LINE], ['lines', K_LINE], ['regexp', K_LINE], ['replace', K_LINE], ['content', K_LINE],
  ['block', K_LINE], ['insertafter', K_LINE], ['insertbefore', K_LINE],
  // Commands run by a container or a health check: shell text, or its words as a list.
  ['command', K_COMMAND], ['entrypoint', K_COMMAND], ['args', K_COMMAND], ['test', K_TEST],
  // CI steps: GitHub Actions `run`, GitLab `script` / `before_script` / `after_script`, Taskfile `cmds`.
  // Their list entries are separate command lines, not the words of one command.
  ['run', K_SCRIPT], ['script', K_SCRIPT], ['before_script', K_SCRIPT], ['after_script', K_SCRIPT], ['cmds', K_SCRIPT],
  ['tcp', K_PROTOCOL_MAP], ['udp', K_PROTOCOL_MAP],
]);

/** True when a key frame holds a command: `command`, `entrypoint`, `args` (not Compose build args), CI steps, healthcheck `test`. */
export function isCommandFrame(f: YamlFrame): boolean {
  const kind = kindOf(f);
  if (kind === K_COMMAND) return !(f.lower === 'args' && ownerLower(f) === 'build');
  if (kind === K_SCRIPT) return true;
  return kind === K_TEST && ownerLower(f) === 'healthcheck';
}

/**
 * The memo of a key with its facts worked out. Kept this small on purpose: it is inlined wherever a
 * key is asked about, and the work, once per distinct key, stays in workOutFacts.
 */
export function factsOf(k: YamlKey): number {
  return (k.memo & MEMO_DONE) !== 0 ? k.memo : workOutFacts(k);
}

function workOutFacts(k: YamlKey): number {
  // Every key that names a port ends in "port" or "ports": most keys are ruled out without a call.
  const l = k.lower;
  const plural = l.endsWith('ports');
  const maybe = plural || l.endsWith('port') || l.endsWith(' ');
  const port = (maybe && isPortKey(k.key)) || PORT_VALUE_KEYS.has(l);
  const holds = l.includes('port');
  k.memo |= MEMO_DONE | (port ? MEMO_PORT : 0) | (plural ? MEMO_PLURAL : 0) | (holds ? MEMO_HOLDS_PORT : 0) | ((KINDS.get(l) ?? 0) << KIND_SHIFT);
  return k.memo;
}

/** Which of the keys the rules look for a frame's key is (K_PORTS, ...), or 0. */
export function kindOf(f: YamlFrame | null): number {
  return f === null ? 0 : factsOf(f.name) >>> KIND_SHIFT;
}

/** True when a frame's key names a port; computed once per distinct key of a walk. */
export function isPortKeyFrame(f: YamlFrame | null): boolean {
  return f !== null && (factsOf(f.name) & MEMO_PORT) !== 0;
}

/** True when a frame's key holds addresses; computed once per distinct key, and only when a value needs it. */
export function isHostishFrame(f: YamlFrame | null): boolean {
  if (f === null) return false;
  const k = f.name;
  if ((k.memo & MEMO_HOST_DONE) === 0) k.memo |= MEMO_HOST_DONE | (isHostishKey(k.lower) ? MEMO_HOST : 0);
  return (k.memo & MEMO_HOST) !== 0;
}

/** Keys whose list items are Kubernetes containers. */
const CONTAINER_LISTS = new Set(['containers', 'initcontainers', 'ephemeralcontainers']);

/**
 * What the `ports` key frame's entries belong to: a Kubernetes container (`containers[].ports`), a
 * Service-like object (`spec.ports` at the document's top level), or neither (compose, other files).
 */
export function portNameOwner(ports: YamlFrame): 'container' | 'service' | undefined {
  const up = ports.parent;
  if (up === null) return undefined;
  if (up.isItem) return up.owner !== null && CONTAINER_LISTS.has(up.owner.lower) ? 'container' : undefined;
  return up.lower === 'spec' && up.parent === null && up.indent === 0 ? 'service' : undefined;
}

/** Top-level sections of an OpenTelemetry Collector config whose components listen on their `endpoint`. */
const LISTENING_SECTIONS = new Set(['receivers', 'extensions']);

/**
 * True for a key whose host:port is the address the software itself listens on whatever the host:
 * an OpenTelemetry Collector receiver's or extension's `endpoint` (`zpages: {endpoint: localhost:55679}`),
 * unlike an exporter's `endpoint`, which it connects to.
 */
export function isOwnEndpoint(f: YamlFrame | null): boolean {
  if (f === null || f.lower !== 'endpoint') return false;
  let root = f;
  for (let depth = 0; root.parent !== null && depth < 64; depth++) root = root.parent;
  return root.parent === null && root.indent === 0 && LISTENING_SECTIONS.has(root.lower);
}

/** The lower-case key of the mapping around a key frame, or ''. */
export function ownerLower(keyF: YamlFrame | null): string {
  return keyF !== null && keyF.owner !== null ? keyF.owner.lower : '';
}

/** Keys inside a Kubernetes probe whose `port` may be a port name. */
export const PROBE_ACTIONS = new Set(['httpget', 'tcpsocket', 'grpc']);

/**
 * Role of a number under a port key, from the one key table: a Kubernetes or Compose field says its
 * side, a probe's port is the container's listener which the kubelet connects to (the listener is
 * judged where it is declared), a listen key or `server`'s `port` listens, and otherwise the key's
 * words decide as they do in every format, with the key that holds it read as a word of it
 * (`redis:` / `port:` is `redis.port`, a port this program connects to).
 */
export function roleForYamlKey(lower: string, owner: string): PortRole {
  const field = roleForField(lower);
  if (field !== undefined) return field;
  if (lower === 'port' && PROBE_ACTIONS.has(owner)) return 'connect';
  if (lower.includes('listen') || lower === 'server.port' || (lower === 'port' && owner === 'server')) return 'listen';
  return roleForKey(lower) === 'connect' || (owner !== '' && roleForKey(owner) === 'connect') ? 'connect' : 'listen';
}
