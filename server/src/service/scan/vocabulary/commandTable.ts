import type { PortRole } from './types';

/**
 * The command table: which commands take ports in which flags and arguments, and with what role.
 * One row per command or family of commands; `commands.ts` reads every command line with it, in
 * shell scripts, Makefiles and every format that holds a command (Dockerfile `RUN`/`CMD`, Compose and
 * Kubernetes `command`/`args`, CI steps, systemd `Exec` lines, package.json scripts, Markdown fences).
 *
 * To add a command, add a row (or a name to a row that reads the same). What every command shares
 * needs no row: `-p N` is a port it listens on, a long flag whose name says port (`--port`,
 * `--db-port=5432`, Go's `-http.port`), Java's `-Dserver.port=8080`, `NAME=value` assignments whose
 * name says port, URLs and `host:port` anywhere, and the long flags of `EVERY_COMMAND_LONG`.
 */

/** How a flag's value or an argument is read. */
export type Reading =
  /** A port, with the row's role: `8080`, `:8080`, `22,80,443`, a mapping `8080:80`. */
  | 'port'
  /** A port the program listens on, whatever the row's role (`autossh -M 20000`). */
  | 'listen port'
  /** A mapping published on the host, host side first (`docker run -p 127.0.0.1:8080:80`). */
  | 'published'
  /** An ssh forward: `-L [bind:]port:host:hostport`, `-R ...`, `-D [bind:]port`. */
  | 'forward'
  /** Ports and ranges of a firewall rule, whose ends bind nothing (`60000:61000/udp`, `80,443`). */
  | 'firewall'
  /** The protocol of the ports named after it (`iptables -p udp`). */
  | 'protocol'
  /** A script read as commands of its own (`sh -c 'nc -z db 5432'`). */
  | 'script'
  /** The module the program runs (`python -m http.server`), which its arguments' reading may ask for. */
  | 'module'
  /** A value that is no port: the next word is passed over (`nc -w 5`). */
  | 'value'
  /** Nothing about ports: the flag is passed over alone (`mysql -p` asks for a password, `ps -p` takes a pid). */
  | 'no port'
  /** curl's `--resolve HOST:PORT:ADDR`: the port it connects to. */
  | 'resolve'
  /** curl's `--connect-to HOST1:PORT1:HOST2:PORT2`: both ports it connects to. */
  | 'connect-to'
  /** A socat address: `TCP-LISTEN:5000,fork` listens, `TCP:10.0.0.8:5000` connects. */
  | 'socat address'
  /** An `ss` filter: `'sport = :443'`. */
  | 'ss filter'
  /** A port with its protocol, nothing else: `8080/tcp` (`fuser 8080/tcp`). */
  | 'port/protocol'
  /** The words of an nft rule: `tcp dport { 22, 80 }`, `udp sport 53`. */
  | 'nft rule'
  /** `netsh ... set dynamicport tcp start=49152 num=16384`: the range Windows takes outgoing ports from. */
  | 'netsh dynamic range';

/** How the plain arguments of a command (those that are no flag or flag value) are read. */
export interface ArgumentsRule {
  readonly read: Reading;
  /** The role of the ports read; the row's when unset. */
  readonly role?: PortRole;
  /** A subcommand that must come first (`port-forward`, `allow`); the reading starts after it. */
  readonly after?: readonly string[];
  /** How many of the first arguments may be that subcommand (a flag's value may come before it); all when unset. */
  readonly within?: number;
  /** Arguments passed over before the ports: the host of `nc host 80`, the resource of `kubectl port-forward svc/web 80`. */
  readonly skip?: number;
  /** Only when the program runs one of these modules (`python -m http.server 8000`). */
  readonly module?: readonly string[];
  /** Only the first argument that is a port number is read. */
  readonly first?: boolean;
}

export interface CommandRow {
  /** The program's names (base names, as typed: `/usr/bin/nc` is `nc`). Each name is in one row. */
  readonly names: readonly string[];
  /**
   * What the words after the name are: 'command', the command it runs (`sudo`, `npx`, `timeout 60`),
   * whose own flags and numbers are passed over; 'assignments', variables it sets (`export PORT=1`).
   * Unset: the command's own flags and arguments.
   */
  readonly runs?: 'command' | 'assignments';
  /** For a row that runs a command: its short flags that take a value (`sudo -u app`). */
  readonly valueFlags?: string;
  /** The role of the ports its port flags give: 'connect' for clients; 'listen' when unset. */
  readonly role?: PortRole;
  /**
   * Its short flags, by letter, and how each one's value is read. A flag that takes a value is the
   * last letter of a cluster (`-lp 4444` is `-l -p 4444`). `p` is 'port' unless the row says otherwise.
   */
  readonly short?: Readonly<Record<string, Reading>>;
  /** A switch that may stand anywhere in a cluster (`nc -l`, `-lvp`) and reads the arguments with `listenArgs`. */
  readonly listenSwitch?: string;
  /** Its long flags (`--name` or `--name=value`) beyond those of every command. */
  readonly long?: Readonly<Record<string, Reading>>;
  /**
   * Environment variables it reads its port from, given before it (`PGPORT=5433 psql`): their ports
   * take the row's role (the variable's name alone may say another).
   */
  readonly env?: readonly string[];
  /** Its 'port' short flags also take the port glued to the letter (`-p5433`, `-P3307`). */
  readonly glued?: boolean;
  /** Its long port flags take lists and ranges (`--dports 80,1024:65535`, `--add-port=5060-5061/udp`). */
  readonly portLists?: boolean;
  /** How its plain arguments are read. */
  readonly args?: ArgumentsRule;
  /** How its plain arguments are read after `listenSwitch`. */
  readonly listenArgs?: ArgumentsRule;
  /**
   * False for a program without subcommands, whose first argument is a host, a database or a URL
   * (`nc db 80`, `psql mydb`, `curl localhost:8080`): the command is the program alone. A word after
   * any other program that reads as one (`docker run`, `next dev`, `npm start`) is its subcommand.
   */
  readonly subcommands?: false;
  /**
   * A development server, whose port a browser opens: true when the program alone starts one
   * (`vite`), or the subcommands that do (`next dev`).
   */
  readonly devServer?: true | readonly string[];
}

/** Long flags that give a port whatever the command (names that say port, `--port`, need none). */
export const EVERY_COMMAND_LONG: Readonly<Record<string, Reading>> = {
  inspect: 'port', 'inspect-brk': 'port', 'debug-port': 'port', listen: 'port', expose: 'port',
  dport: 'port', sport: 'port', dports: 'port', sports: 'port',
  publish: 'published',
  resolve: 'resolve', 'connect-to': 'connect-to',
};

/** Commands whose `-p` is no port. */
const NO_PORT_P = { p: 'no port' } as const;

export const COMMAND_TABLE: readonly CommandRow[] = [
  // Commands that run the next word as the command; package managers run a script or a binary of the
  // project (`pnpm next dev -p 3001`).
  { names: ['sudo'], runs: 'command', valueFlags: 'ugCD' },
  {
    names: ['exec', 'env', 'nohup', 'time', 'command', 'builtin', 'npx', 'pnpx', 'bunx', 'pnpm', 'yarn', 'bun', 'dlx', 'if', 'then',
      'else', 'elif', 'do', 'while', 'until', '!', 'watch', 'timeout', 'nice', 'ionice', 'stdbuf', 'caffeinate', 'dotenv',
      'cross-env', 'exec-cmd', '{', '('],
    runs: 'command',
  },
  { names: ['export', 'local', 'readonly', 'declare', 'typeset', 'set'], runs: 'assignments' },
  // Shells: `-c` takes a script (also after a shell named among another command's arguments:
  // `docker exec web sh -c '...'`).
  { names: ['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'su'], short: { c: 'script' } },

  // Clients, which connect to the port they are given.
  { names: ['psql', 'pg_dump', 'pg_isready', 'pg_restore', 'pg_dumpall'], role: 'connect', glued: true, env: ['PGPORT'], subcommands: false },
  { names: ['redis-cli'], role: 'connect', glued: true },
  { names: ['mysql', 'mysqldump', 'mysqladmin', 'mariadb'], role: 'connect', short: { p: 'no port', P: 'port' }, glued: true, subcommands: false },
  { names: ['mysqlimport', 'mysqlshow', 'mysqlsh'], role: 'connect', short: { p: 'no port', P: 'port' }, subcommands: false },
  { names: ['scp', 'sftp'], role: 'connect', short: { P: 'port' }, subcommands: false },
  { names: ['ssh'], role: 'connect', short: { L: 'forward', R: 'forward', D: 'forward' }, glued: true, subcommands: false },
  { names: ['autossh'], role: 'connect', short: { L: 'forward', R: 'forward', D: 'forward', M: 'listen port' }, glued: true, subcommands: false },
  { names: ['curl', 'wget'], role: 'connect', short: NO_PORT_P, subcommands: false },
  { names: ['openssl'], role: 'connect', short: NO_PORT_P },
  { names: ['telnet'], role: 'connect', args: { read: 'port', skip: 1 }, subcommands: false },
  {
    names: ['mongosh', 'mongo', 'mongodump', 'mongorestore', 'nmap', 'wait-on', 'wait-for-it', 'wait-for-it.sh', 'grpcurl', 'ab',
      'wrk', 'hey', 'k6', 'nats', 'kafka-console-producer', 'kafka-console-consumer', 'cqlsh', 'clickhouse-client', 'influx',
      'ldapsearch'],
    role: 'connect',
  },
  // netcat connects to `host port`, or with `-l` listens on the port; `-p` is its own port.
  {
    names: ['nc', 'ncat', 'netcat'], glued: true, listenSwitch: 'l',
    short: { w: 'value', i: 'value', s: 'value', q: 'value', x: 'value', X: 'value', T: 'value', O: 'value', I: 'value', M: 'value', m: 'value', V: 'value', e: 'value', c: 'value' },
    args: { read: 'port', role: 'connect', skip: 1 },
    listenArgs: { read: 'port', role: 'listen' },
    subcommands: false,
  },
  { names: ['socat'], args: { read: 'socat address' }, subcommands: false },

  // Containers and clusters.
  { names: ['docker', 'podman', 'nerdctl'], short: { p: 'published' } },
  { names: ['kubectl'], short: NO_PORT_P, args: { read: 'port', role: 'listen', after: ['port-forward'], within: 4, skip: 1 } },

  // Firewalls and socket tools.
  {
    names: ['iptables', 'ip6tables', 'iptables-legacy', 'ip6tables-legacy', 'iptables-nft', 'ip6tables-nft', 'firewall-cmd'],
    short: { p: 'protocol' }, long: { protocol: 'protocol' }, portLists: true,
  },
  { names: ['ufw'], args: { read: 'firewall', role: 'listen', after: ['allow', 'deny', 'reject', 'limit'], within: 1 } },
  { names: ['nft'], args: { read: 'nft rule' } },
  { names: ['netsh'], args: { read: 'netsh dynamic range', after: ['dynamicport'] } },
  { names: ['ss'], short: NO_PORT_P, args: { read: 'ss filter' } },
  { names: ['fuser'], args: { read: 'port/protocol', role: 'listen' } },

  // Language runtimes.
  // `py` is the launcher of Windows (`py -m http.server 8000`).
  { names: ['python', 'python3', 'py'], short: { m: 'module', p: 'no port' }, args: { read: 'port', role: 'listen', module: ['http.server', 'SimpleHTTPServer'], first: true } },

  // Development servers.
  { names: ['vite', 'nuxt', 'astro', 'webpack-dev-server', 'react-scripts', 'http-server', 'live-server', 'serve', 'parcel', 'storybook', 'remix', 'docusaurus', 'gatsby', 'svelte-kit', 'browser-sync'], devServer: true },
  { names: ['next'], devServer: ['dev', 'start'] },
  { names: ['nuxi'], devServer: ['dev'] },
  { names: ['ng', 'webpack', 'ember'], devServer: ['serve'] },
  { names: ['expo'], devServer: ['start'] },
  { names: ['hugo'], devServer: ['server'] },
  { names: ['jekyll', 'mkdocs'], devServer: ['serve'] },

  // Commands whose `-p` is no port (a pid, a path, a password, a switch).
  {
    names: ['ps', 'top', 'htop', 'kill', 'pkill', 'pgrep', 'strace', 'ltrace', 'gdb', 'perf', 'pidstat', 'renice', 'taskset', 'prlimit',
      'lsof', 'patch', 'git', 'mkdir', 'cp', 'mv', 'install', 'read', 'xargs', 'tar', 'unzip', 'zip', 'rsync', 'sed', 'grep', 'sort',
      'make', 'chrt', 'mount', 'useradd', 'usermod', 'passwd', 'printf', 'echo', 'date', 'tsc', 'jest', 'pip', 'pip3', 'cargo', 'go',
      'helm', 'terraform', 'ls', 'cat', 'diff', 'less', 'ssh-keygen', 'gpg', 'zstd', 'gzip', 'xz', 'docker-compose', 'compose', 'ln',
      'chmod', 'chown', 'sysctl', 'nproc', 'awk', 'perl', 'netstat'],
    short: NO_PORT_P,
  },
];
