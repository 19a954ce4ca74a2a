/**
 * What this machine says about its ports: sockets bound now and ranges the OS reserves. The server's
 * glue reads it in the background (server/src/machine); the core only reads the snapshot it is given.
 */

export type SocketProtocol = 'tcp' | 'udp';

/** A listening TCP socket or a bound, unconnected UDP socket. */
export interface BoundSocket {
  protocol: SocketProtocol;
  /** Local address as the OS shows it: `0.0.0.0`, `127.0.0.1`, `::`, `::1`, `*`. */
  address: string;
  port: number;
  pid?: number;
  /** Process name, where the OS tells it without elevated rights. */
  process?: string;
  /** Owner's user id (Linux). */
  uid?: number;
  /** Socket inode (Linux), to find the owning process. */
  inode?: number;
}

/** A range the OS will not let ordinary programs bind (Windows excluded port ranges). */
export interface ReservedRange {
  protocol: SocketProtocol;
  start: number;
  end: number;
  /** True for an exclusion an administrator added (`*` in netsh's list), false for one a service took. */
  administered: boolean;
}

export interface MachineSnapshot {
  /** `process.platform` of the machine the server runs on (the remote one in a remote window). */
  platform: string;
  /** When the sockets were read, in ms since the epoch. */
  takenAt: number;
  sockets: BoundSocket[];
  reserved: ReservedRange[];
}

/** A source of snapshots that the server glue gets from its host (Node reads the machine; a browser cannot). */
export interface MachinePorts {
  /** The last snapshot at once (or nothing), starting or refreshing the background reader as needed. */
  snapshot(setting: 'auto' | 'on' | 'off'): MachineSnapshot | undefined;
  /** Called when the ports in use or the reserved ranges change. */
  onChange(listener: (changed: { sockets: boolean; reserved: boolean }) => void): void;
  /** Where read errors go (the server's log). */
  onError?: (message: string) => void;
}
