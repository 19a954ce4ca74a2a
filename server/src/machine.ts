import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { parseLsofFields, parseNetshExcluded, parseNetstatWindows, parseProcNet, parseTasklistCsv } from './service/machine/parse';
import type { BoundSocket, MachinePorts, MachineSnapshot, ReservedRange } from './service/machine/types';

/**
 * Reads what this machine says about its ports, in the background, for the hover, the free-port
 * completion, the `reservedByOS` rule and the Ports view. Requests only ever read the last snapshot;
 * a request that finds it older than the refresh interval schedules a new read after it returns.
 *
 * Linux: /proc/net/{tcp,tcp6,udp,udp6}, and /proc/<pid>/fd and /proc/<pid>/comm of the processes this
 * user may read, to name a listener; no process is started. macOS: `lsof`. Windows: `netstat -ano`,
 * `tasklist` and `netsh interface ipv{4,6} show excludedportrange`. Each tool runs with a timeout and a
 * cap on its output, and only when the setting allows processes (`on`; `auto` starts none).
 */

/** `ianaPorts.machine.enable`: `auto` reads only where that starts no process (Linux). */
export type MachineSetting = 'auto' | 'on' | 'off';

/** How often the sockets are read again while the editor is in use. */
export const REFRESH_MS = 3000;
/** Reserved ranges change only when a service starts, so they are read less often. */
const RESERVED_REFRESH_MS = 60_000;
/** The reader stops after this long without a request that wanted its answer. */
const IDLE_MS = 120_000;
/** Caps on what one source may give: a /proc file or a tool's output. */
const MAX_SOURCE_BYTES = 8 * 1024 * 1024;
const TOOL_TIMEOUT_MS = 4000;
/** Caps on naming listeners on Linux: processes and fd links looked at per read, and time spent. */
const MAX_PROCESSES = 4000;
const MAX_FD_LINKS = 200_000;
const NAME_BUDGET_MS = 250;
const FD_BATCH = 64;

export interface MachineReaderOptions {
  platform?: string;
  /** Root of the proc file system, for tests. */
  procRoot?: string;
  /** Runs a tool and gives its standard output (tests replace it). */
  run?: (file: string, args: string[]) => Promise<string>;
  now?: () => number;
  onError?: (message: string) => void;
}

function runTool(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: TOOL_TIMEOUT_MS, maxBuffer: MAX_SOURCE_BYTES, windowsHide: true, encoding: 'utf8' }, (error, stdout) => {
      // lsof exits 1 when it finds nothing, with an empty output: that is an answer.
      if (error && !stdout) reject(error);
      else resolve(stdout);
    });
  });
}

/** Reads a /proc file, which reports size 0, up to a cap. */
async function readCapped(path: string): Promise<string> {
  const handle = await fs.promises.open(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(64 * 1024);
    while (total < MAX_SOURCE_BYTES) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, bytesRead)));
      total += bytesRead;
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await handle.close();
  }
}

export class MachineReader implements MachinePorts {
  onError?: (message: string) => void;
  private current: MachineSnapshot | undefined;
  private reserved: ReservedRange[] = [];
  private reservedAt = 0;
  private reading: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastWanted = 0;
  private setting: MachineSetting = 'auto';
  /** Names of listening sockets' owners already found, by inode, so each is looked for once. */
  private readonly owners = new Map<number, { pid: number; process?: string }>();
  /** Sockets whose owner is still looked for, with the count of processes visited when the search began. */
  private readonly searching = new Map<number, number>();
  private visited = 0;
  private pidCursor = 0;
  private readonly listeners = new Set<(changed: { sockets: boolean; reserved: boolean }) => void>();
  readonly platform: string;

  constructor(private readonly opts: MachineReaderOptions = {}) {
    this.platform = opts.platform ?? process.platform;
  }

  /** Whether reading is on for this setting and platform. */
  enabledFor(setting: MachineSetting): boolean {
    if (setting === 'off') return false;
    if (setting === 'on') return this.platform === 'linux' || this.platform === 'darwin' || this.platform === 'win32';
    return this.platform === 'linux';
  }

  /**
   * The last snapshot, never waiting for a read. Called by requests that want it: the first call starts
   * the reader, a stale snapshot schedules a read after the request, and requests keep it running.
   */
  snapshot(setting: MachineSetting): MachineSnapshot | undefined {
    this.setting = setting;
    if (!this.enabledFor(setting)) {
      this.stop();
      return undefined;
    }
    this.lastWanted = this.now();
    if (!this.timer) this.startTimer();
    if (!this.current || this.now() - this.current.takenAt >= REFRESH_MS) setImmediate(() => void this.refresh());
    return this.current;
  }

  /** Called when the ports in use or the reserved ranges change. */
  onChange(listener: (changed: { sockets: boolean; reserved: boolean }) => void): void {
    this.listeners.add(listener);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reads the machine now (one read at a time); resolves when the snapshot is new. */
  refresh(): Promise<void> {
    if (!this.enabledFor(this.setting)) return Promise.resolve();
    this.reading ??= this.read().finally(() => { this.reading = undefined; });
    return this.reading;
  }

  private startTimer(): void {
    this.timer = setInterval(() => {
      if (this.now() - this.lastWanted > IDLE_MS) this.stop();
      else void this.refresh();
    }, REFRESH_MS);
    this.timer.unref?.();
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private async read(): Promise<void> {
    let sockets: BoundSocket[] = [];
    let reservedChanged = false;
    try {
      if (this.platform === 'linux') sockets = await this.readLinux();
      else if (this.platform === 'darwin') sockets = parseLsofFields(await this.run('lsof', ['-nP', '-iTCP', '-sTCP:LISTEN', '-iUDP', '-FpcPnT']));
      else if (this.platform === 'win32') {
        sockets = parseNetstatWindows(await this.run('netstat', ['-ano']));
        const names = parseTasklistCsv(await this.run('tasklist', ['/FO', 'CSV', '/NH']).catch(() => ''));
        for (const s of sockets) if (s.pid !== undefined) s.process = names.get(s.pid);
        if (this.now() - this.reservedAt >= RESERVED_REFRESH_MS) {
          const reserved = await this.readWindowsReserved();
          reservedChanged = JSON.stringify(reserved) !== JSON.stringify(this.reserved);
          this.reserved = reserved;
          this.reservedAt = this.now();
        }
      }
    } catch (e) {
      // A source that cannot be read leaves the last snapshot in place, shown with its age.
      (this.opts.onError ?? this.onError)?.(`could not read this machine's ports: ${e instanceof Error ? e.message : String(e)}`.slice(0, 500));
      return;
    }
    const before = this.current;
    this.current = { platform: this.platform, takenAt: this.now(), sockets, reserved: this.reserved };
    const socketsChanged = !before || key(before.sockets) !== key(sockets);
    if (socketsChanged || reservedChanged) for (const l of this.listeners) l({ sockets: socketsChanged, reserved: reservedChanged });
  }

  private run(file: string, args: string[]): Promise<string> {
    return (this.opts.run ?? runTool)(file, args);
  }

  private async readWindowsReserved(): Promise<ReservedRange[]> {
    const out: ReservedRange[] = [];
    for (const ip of ['ipv4', 'ipv6']) {
      for (const protocol of ['tcp', 'udp'] as const) {
        const text = await this.run('netsh', ['interface', ip, 'show', 'excludedportrange', `protocol=${protocol}`]).catch(() => '');
        for (const r of parseNetshExcluded(text, protocol)) {
          if (!out.some((o) => o.protocol === r.protocol && o.start === r.start && o.end === r.end)) out.push(r);
        }
      }
    }
    return out;
  }

  private async readLinux(): Promise<BoundSocket[]> {
    const root = this.opts.procRoot ?? '/proc';
    const sockets: BoundSocket[] = [];
    for (const [file, protocol] of [['tcp', 'tcp'], ['tcp6', 'tcp'], ['udp', 'udp'], ['udp6', 'udp']] as const) {
      // A kernel without IPv6 has no tcp6: that source is simply empty.
      const text = await readCapped(`${root}/net/${file}`).catch(() => '');
      sockets.push(...parseProcNet(text, protocol));
    }
    await this.nameOwners(root, sockets);
    return sockets;
  }

  /**
   * Finds which process owns each listening socket by its inode, among the processes whose fd folder
   * this user may read (its own, in practice). Owners found once are remembered, so a steady machine
   * costs a look-up only for new listeners. Each read looks through processes for a bounded time and
   * the next read goes on where it stopped; a socket that a whole round of the process list did not
   * find (another user's, often root's) is not looked for again.
   */
  private async nameOwners(root: string, sockets: BoundSocket[]): Promise<void> {
    const live = new Set(sockets.map((s) => s.inode));
    for (const inode of this.owners.keys()) if (!live.has(inode)) this.owners.delete(inode);
    for (const inode of this.searching.keys()) if (!live.has(inode)) this.searching.delete(inode);
    for (const s of sockets) {
      if (s.inode !== undefined && s.inode !== 0 && !this.owners.has(s.inode) && !this.searching.has(s.inode)) this.searching.set(s.inode, this.visited);
    }
    if (this.searching.size > 0) await this.searchOwners(root);
    for (const s of sockets) {
      const known = s.inode !== undefined ? this.owners.get(s.inode) : undefined;
      if (known && known.pid >= 0) { s.pid = known.pid; s.process = known.process; }
    }
  }

  private async searchOwners(root: string): Promise<void> {
    let pids: string[];
    try {
      pids = (await fs.promises.readdir(root)).filter((n) => /^\d+$/.test(n)).slice(0, MAX_PROCESSES);
    } catch {
      return;
    }
    if (pids.length === 0) return;
    const deadline = this.now() + NAME_BUDGET_MS;
    let links = 0;
    for (let n = 0; n < pids.length && this.searching.size > 0 && links < MAX_FD_LINKS && this.now() <= deadline; n++) {
      const pid = pids[this.pidCursor++ % pids.length];
      this.visited++;
      let fds: string[];
      try {
        fds = await fs.promises.readdir(`${root}/${pid}/fd`);
      } catch {
        continue; // another user's process, or one that ended
      }
      fds = fds.slice(0, MAX_FD_LINKS - links);
      links += fds.length;
      // A process's links are resolved together, a bounded batch at a time.
      for (let i = 0; i < fds.length && this.searching.size > 0; i += FD_BATCH) {
        const targets = await Promise.all(fds.slice(i, i + FD_BATCH).map((fd) => fs.promises.readlink(`${root}/${pid}/fd/${fd}`).catch(() => '')));
        for (const target of targets) {
          const m = /^socket:\[(\d+)\]$/.exec(target);
          if (!m || !this.searching.has(Number(m[1]))) continue;
          const name = (await readCapped(`${root}/${pid}/comm`).catch(() => '')).trim() || undefined;
          this.owners.set(Number(m[1]), { pid: Number(pid), process: name });
          this.searching.delete(Number(m[1]));
        }
      }
    }
    for (const [inode, since] of this.searching) {
      if (this.visited - since >= pids.length) {
        this.owners.set(inode, { pid: -1 });
        this.searching.delete(inode);
      }
    }
  }

}

function key(sockets: BoundSocket[]): string {
  return sockets.map((s) => `${s.protocol}/${s.address}/${s.port}`).sort().join(',');
}
