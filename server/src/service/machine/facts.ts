import { inlineCode } from '../markdown';
import type { PortRole } from '../scan/vocabulary/types';
import type { BoundSocket, MachineSnapshot, ReservedRange, SocketProtocol } from './types';
import { t } from '../l10n';

/** How long a snapshot counts as current; older ones are shown with their age. */
export const MACHINE_FRESH_MS = 5000;
/** Older snapshots are not shown at all: the machine may have changed completely. */
export const MACHINE_TOO_OLD_MS = 10 * 60_000;

/** Processes that hold the host ports of running containers. */
const DOCKER_PROCESSES = new Set(['docker-proxy', 'com.docker.backend', 'com.docker.vpnkit', 'vpnkit', 'rootlessport', 'rootlesskit', 'wslrelay.exe', 'com.docker.backend.exe', 'dockerd']);
/** macOS's AirPlay Receiver (Monterey and later) listens on 5000 and 7000 in these processes. */
const AIRPLAY_PROCESSES = new Set(['ControlCenter', 'AirPlayXPCHelper']);

/**
 * Whether a port written in this place is one this machine binds, so that its state here matters: a
 * port something listens on or publishes, outside containers and clusters (a Dockerfile's EXPOSE or a
 * pod's containerPort binds inside its own network namespace), outside documentation. `kubeManifest`
 * says the YAML document is a Kubernetes manifest (`KubeFacts.manifest`).
 */
export function bindsOnThisMachine(format: string | undefined, role: PortRole, kubeManifest: boolean): boolean {
  if (role !== 'listen' && role !== 'host') return false;
  switch (format) {
    case undefined:
    case 'markdown':
    case 'dockerfile':
      return false;
    case 'compose':
      return role === 'host';
    case 'yaml':
      // A Kubernetes object's ports live in the cluster; a Spring or app config's on this machine.
      return !kubeManifest;
    default:
      return true;
  }
}

export function socketsOn(snapshot: MachineSnapshot, port: number, protocol: SocketProtocol): BoundSocket[] {
  return snapshot.sockets.filter((s) => s.port === port && s.protocol === protocol);
}

export function reservedRangeOf(snapshot: MachineSnapshot, port: number, protocol: SocketProtocol): ReservedRange | undefined {
  return snapshot.reserved.find((r) => r.protocol === protocol && port >= r.start && port <= r.end);
}

/** True when a new listener could not have the port here now: something binds it, or the OS reserves it. */
export function isTakenHere(snapshot: MachineSnapshot | undefined, port: number): boolean {
  if (!snapshot) return false;
  return snapshot.sockets.some((s) => s.port === port && s.protocol === 'tcp') || snapshot.reserved.some((r) => r.protocol === 'tcp' && port >= r.start && port <= r.end);
}

function age(snapshot: MachineSnapshot, now: number): string {
  const ms = Math.max(0, now - snapshot.takenAt);
  if (ms < MACHINE_FRESH_MS) return '';
  const s = Math.round(ms / 1000);
  return s < 120 ? t('as of {0} s ago', s) : t('as of {0} min ago', Math.round(s / 60));
}

function holder(s: BoundSocket): string {
  const where = `${s.address.includes(':') ? `[${s.address}]` : s.address}:${s.port}`;
  if (s.process) return t('{0} listens on {1}', `${inlineCode(s.process)}${s.pid !== undefined ? ` (pid ${s.pid})` : ''}`, inlineCode(where));
  if (s.pid !== undefined) return t('process {0} listens on {1}', s.pid, inlineCode(where));
  return t('a process this user cannot see (another user\'s, often root\'s) listens on {0}', inlineCode(where));
}

/**
 * One line on this machine's state of a port that the document binds here, or undefined when there is
 * nothing to say (no snapshot, a port bound elsewhere, a snapshot too old to trust).
 */
export function machineLine(
  snapshot: MachineSnapshot | undefined, port: number, protocol: SocketProtocol | undefined, format: string | undefined, role: PortRole, now: number,
): string | undefined {
  if (!snapshot || now - snapshot.takenAt > MACHINE_TOO_OLD_MS) return undefined;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  const proto = protocol ?? 'tcp';
  const when = age(snapshot, now);
  const lead = `**${when ? t('This machine ({0}):', when) : t('This machine:')}**`;
  const at = `${port}/${proto}`;
  const reserved = reservedRangeOf(snapshot, port, proto);
  if (reserved) {
    return `${lead} ${t('{0} is inside {1}–{2}, a range Windows excludes from use ({3}; often Hyper-V, WSL or Docker): binding it fails with access denied although nothing shows it in use.', at, reserved.start, reserved.end, '`netsh interface ipv4 show excludedportrange`')}`;
  }
  const held = socketsOn(snapshot, port, proto);
  if (held.length === 0) return `${lead} ${t('{0} is free; nothing listens on it now.', at)}`;
  const first = held[0];
  if (snapshot.platform === 'darwin' && (port === 5000 || port === 7000) && first.process && AIRPLAY_PROCESSES.has(first.process)) {
    return `${lead} ${t('{0} is taken by macOS AirPlay Receiver ({1}); turn it off in System Settings › General › AirDrop & Handoff, or use another port.', at, inlineCode(first.process))}`;
  }
  const more = held.length > 2 ? ` ${t('(and {0} more sockets)', held.length - 1)}` : held.length === 2 ? ` ${t('(and 1 more socket)')}` : '';
  const docker = held.find((s) => s.process && DOCKER_PROCESSES.has(s.process));
  if (format === 'compose' && role === 'host' && (docker || held.every((s) => !s.process && s.uid === 0))) {
    // A running stack holds its own published ports; that is not a conflict.
    return docker
      ? `${lead} ${t('{0} is in use now by Docker ({1}): a running container publishes it, this stack\'s own when it is up.', at, inlineCode(docker.process ?? ''))}`
      : `${lead} ${t('{0} is in use now by a root process, as Docker\'s are for published ports: a running container publishes it, this stack\'s own when it is up.', at)}`;
  }
  return `${lead} ${t('{0} is in use now: {1}{2}.', at, holder(first), more)}`;
}

/** For the Ports view (plain text): the state of a port in a few words, or undefined when free. */
export function inUseLabel(snapshot: MachineSnapshot | undefined, port: number): string | undefined {
  if (!snapshot) return undefined;
  const held = snapshot.sockets.filter((s) => s.port === port);
  if (held.length) {
    const named = held.find((s) => s.process);
    return named?.process ? t('in use now by {0}', named.process) : t('in use now');
  }
  if (snapshot.reserved.some((r) => port >= r.start && port <= r.end)) return t('reserved by Windows');
  return undefined;
}
