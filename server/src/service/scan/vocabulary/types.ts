import type { Protocol } from '../../registry/types';

/** Where in its context a port number stands; rules use it to decide what matters. */
export type PortRole =
  /** A port a process on this machine or container binds (listen, EXPOSE, containerPort, PORT=). */
  | 'listen'
  /** A port published on the host (compose host side, hostPort, nodePort). */
  | 'host'
  /** The container side of a published mapping. */
  | 'container'
  /** A port this program connects to (URL, host:port of another machine). */
  | 'connect'
  /** A port whose direction the context does not tell. */
  | 'unknown';

/** A compose `ports:` entry, shared by every number that belongs to it. */
export interface ComposeMapping {
  /** Offsets of the whole entry value (without quotes). */
  start: number;
  end: number;
  /** Host address the port binds to; '' for all addresses. */
  hostIp: string;
  /** Published host port range; null when only a container port is given (an ephemeral host port). */
  hostLo: number | null;
  hostHi: number | null;
  containerLo: number;
  containerHi: number;
  protocol: Protocol;
  /** True when the entry is a quoted scalar (or long syntax), false for a plain YAML scalar. */
  quoted: boolean;
  /** The compose service the entry belongs to, where known. */
  service?: string;
  /** The software the service's image names (`tarantool/tarantool` for `image: tarantool/tarantool:2.11`), where known. */
  software?: string;
  /**
   * The service's `profiles:`, where it names any: it runs only when one of them is enabled. Absent,
   * the service always runs.
   */
  profiles?: readonly string[];
}

/** The identity of one mapping, shared by its sides (see {@link PortOccurrence.pair}). */
export interface PortPair {
  /** What joins the sides: a published or forwarded port (`8080:80`, `-L`), or the fields of one Kubernetes ports entry. */
  readonly by: 'mapping' | 'forward' | 'entry';
}

/**
 * One port (or service name standing for a port) found in a document. Offsets are UTF-16 code units.
 * Finders create occurrences with `portAt`/`rangeAt`/`nameAt` (occurrence.ts), which give every field
 * from the start (unset ones undefined), never with an object literal.
 */
export interface PortOccurrence {
  start: number;
  end: number;
  /**
   * 'port' for a number; 'service' for a service name that stands for a port (`targetPort: http`,
   * `appProtocol`, the name column of /etc/services); 'name' for a name given to a port (Kubernetes
   * `ports[].name`, compose port `name`), which the portName rule checks.
   */
  kind: 'port' | 'service' | 'name';
  /** The number as written (may be out of range, e.g. 99999); NaN for kind 'service'. */
  port: number;
  /** For kinds 'service' and 'name': the name as written. */
  name?: string;
  /**
   * For kind 'name': what the named port belongs to, which decides the naming rule: a Kubernetes
   * container's port (an IANA service name, at most 15 characters) or a Service's port (a DNS label,
   * at most 63). Unset elsewhere (a compose port's free-text `name`).
   */
  nameOf?: 'container' | 'service';
  /** Protocol stated by the context (`/udp`, `protocol: UDP`, `EXPOSE 53/udp`), if any. */
  protocol?: Protocol;
  role: PortRole;
  /** URL scheme when the port sits in a URL (`http`, `https`, `ws`, `postgres`, ...), lower-case. */
  scheme?: string;
  /** Host written beside the port (`localhost`, `127.0.0.1`, `db.internal`), if any. */
  host?: string;
  /** When the number is one end of a range such as `3000-3005`: the whole range. */
  rangeLo?: number;
  rangeHi?: number;
  /** The compose `ports:` entry this number belongs to. */
  mapping?: ComposeMapping;
  /**
   * Outside Compose's `ports:` (whose numbers share their `mapping`), the mapping this number is one
   * side of: `docker run -p 8080:80`, `kubectl port-forward svc/web 8080:80`, `ssh -L 9000:db:5432`, a
   * Kubernetes ports entry (`containerPort` with `hostPort`, a Service's `port` with `targetPort`). One
   * object is shared by every number of the mapping and compared by identity: the rules report a
   * problem of the mapping once, on the side the user would change.
   */
  pair?: PortPair;
  /**
   * The key, setting or variable whose value holds the port, as written (`nodePort`, `DB_PORT`,
   * `pasv_min_port`, `net.ipv4.ip_local_port_range`), where the port is one; rules and hovers read it
   * here rather than in the text (a range's bound, `nodePort: 0`).
   */
  key?: string;
  /**
   * The command the port was given to, as its program's base name and, when one follows, its
   * subcommand (`psql`, `docker run`, `next dev`, `vite`), for a port read from a command line.
   */
  command?: string;
  /** The command-line flag the port is the value of (`-p`, `--port`, `-L`), where it is one. */
  flag?: string;
  /**
   * The software the context names, where known: the program of a command (`redis-server`), the
   * image of a compose service or a Dockerfile (`postgres`). Lower-case.
   */
  software?: string;
  /**
   * True for a port in a comment, in prose or in documentation (commented-out configuration, a
   * README's sentence): it gets hovers, references and symbols, but rules never judge it.
   */
  inComment?: boolean;
}

/** A finder reads one document's text and returns its ports, sorted by start offset. It never throws. */
export type PortFinder = (text: string) => PortOccurrence[];

/** The formats a document can be read as; `FORMAT_IDS` in ../detect.ts lists them, and ../index.ts holds each one's finder. */
export type FormatId =
  | 'compose' | 'yaml' | 'dockerfile' | 'dotenv' | 'keyvalue' | 'toml' | 'nginx' | 'haproxy' | 'caddy'
  | 'ssh' | 'systemd' | 'terraform' | 'services' | 'json' | 'code' | 'shell' | 'markdown' | 'http' | 'text';

/**
 * How a finder reads a format embedded in its own: a shell script in a YAML `run:` key or a JSON
 * `command`, an `nginx.conf` key of a ConfigMap, a Lua block in nginx, a Markdown fence. The format
 * table (../index.ts) hands it to the finders that embed others, so that no format imports another.
 */
export interface EmbeddedFormats {
  /** The finder of a format, for a text of its own. */
  finder(format: FormatId): PortFinder;
  /** Reads text[from, to) as shell commands, adding the occurrences at their offsets in `text`. */
  scanShell(text: string, from: number, to: number, out: PortOccurrence[]): void;
  /** Reads text[from, to) as the arguments of `docker run` (Jenkins' `withRun('-p 5433:5432')`), in place as `scanShell`. */
  scanDockerRunArgs(text: string, from: number, to: number, out: PortOccurrence[]): void;
  /** The format a file's name gives (`nginx.conf`, `.env`), or undefined when the name says nothing. */
  formatFromFileName(uri: string): FormatId | undefined;
  /** The format a `.conf` or `.cfg` file's content says: nginx, haproxy, systemd, code (Logstash) or key/value. */
  sniffConf(text: string): FormatId;
  /** The format a text of no known name looks like, or undefined. */
  sniffFormat(text: string): FormatId | undefined;
}

