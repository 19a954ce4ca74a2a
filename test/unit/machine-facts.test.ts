import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MachineReader } from '../../server/src/machine';
import { doComplete } from '../../server/src/service/completion';
import { machineLine } from '../../server/src/service/machine/facts';
import type { BoundSocket, MachineSnapshot, ReservedRange } from '../../server/src/service/machine/types';
import { PortLanguageService } from '../../server/src/service/languageService';
import { withCursor } from '../helpers/cursor';
import { bundledIndex, doc, settings } from '../helpers/service';

const NOW = 1_800_000_000_000;

function snap(sockets: Partial<BoundSocket>[], reserved: ReservedRange[] = [], platform = 'linux', takenAt = NOW): MachineSnapshot {
  return { platform, takenAt, reserved, sockets: sockets.map((s) => ({ protocol: 'tcp', address: '0.0.0.0', port: 0, ...s })) };
}

/** A language service whose machine answers with a fixed snapshot. */
function serviceWith(snapshot: MachineSnapshot | undefined): PortLanguageService {
  const s = new PortLanguageService(bundledIndex, (e) => { throw e; });
  s.machine = () => snapshot;
  return s;
}

function hoverText(service: PortLanguageService, src: string, languageId: string, uri: string): string {
  const { doc: d, pos } = withCursor(src, languageId, uri);
  const h = service.doHover(d, pos, settings());
  const c = h?.contents;
  return c && typeof c === 'object' && 'value' in c ? c.value : '';
}

const RESERVED: ReservedRange[] = [{ protocol: 'tcp', start: 50000, end: 50059, administered: false }];

describe('this machine: what the hover, the completion and the rule say', () => {
  it('names the process that listens on a port the file binds here', () => {
    const s = snap([{ port: 3000, address: '127.0.0.1', pid: 4321, process: 'node' }]);
    assert.match(machineLine(s, 3000, undefined, 'dotenv', 'listen', NOW) ?? '', /in use now: `node` \(pid 4321\) listens on `127\.0\.0\.1:3000`/);
    assert.match(machineLine(s, 3001, undefined, 'dotenv', 'listen', NOW) ?? '', /3001\/tcp is free/);
    assert.match(machineLine(snap([{ port: 5432, uid: 0 }]), 5432, undefined, 'keyvalue', 'listen', NOW) ?? '', /cannot see/);
  });

  it('says a published compose port held by Docker belongs to a running stack, not a conflict', () => {
    const line = machineLine(snap([{ port: 8080, process: 'docker-proxy', pid: 900 }]), 8080, undefined, 'compose', 'host', NOW) ?? '';
    assert.match(line, /in use now by Docker \(`docker-proxy`\).*this stack's own/);
    assert.doesNotMatch(line, /conflict/);
  });

  it('tells a reserved Windows range and macOS AirPlay Receiver apart from an ordinary listener', () => {
    assert.match(machineLine(snap([], RESERVED, 'win32'), 50010, undefined, 'code', 'listen', NOW) ?? '', /inside 50000–50059, a range Windows excludes/);
    assert.match(machineLine(snap([{ port: 5000, process: 'ControlCenter', pid: 1 }], [], 'darwin'), 5000, undefined, 'code', 'listen', NOW) ?? '', /AirPlay Receiver/);
    assert.doesNotMatch(machineLine(snap([{ port: 5000, process: 'python3', pid: 7 }], [], 'darwin'), 5000, undefined, 'code', 'listen', NOW) ?? '', /AirPlay/);
  });

  it('checks UDP sockets for a UDP port, TCP otherwise', () => {
    const s = snap([{ port: 53, protocol: 'udp', process: 'dnsmasq', pid: 9 }]);
    assert.match(machineLine(s, 53, 'udp', 'keyvalue', 'listen', NOW) ?? '', /in use now/);
    assert.match(machineLine(s, 53, undefined, 'keyvalue', 'listen', NOW) ?? '', /free/);
  });

  it('shows a stale answer with its age and leaves out one too old to trust', () => {
    const s = snap([], [], 'linux', NOW - 30_000);
    assert.match(machineLine(s, 3000, undefined, 'code', 'listen', NOW) ?? '', /as of 30 s ago/);
    assert.equal(machineLine(snap([], [], 'linux', NOW - 3_600_000), 3000, undefined, 'code', 'listen', NOW), undefined);
    assert.equal(machineLine(undefined, 3000, undefined, 'code', 'listen', NOW), undefined);
  });

  it('adds the line to the hover only where the file binds the port on this machine', () => {
    const service = serviceWith(snap([{ port: 8080, process: 'java', pid: 77 }, { port: 80, process: 'nginx', pid: 78 }]));
    const here = /\*\*This machine/;
    assert.match(hoverText(service, 'PORT=80|80\n', 'dotenv', 'file:///p/.env'), here);
    assert.match(hoverText(service, 'services:\n  web:\n    ports:\n      - "80|80:80"\n', 'dockercompose', 'file:///p/compose.yaml'), here);
    assert.match(hoverText(service, 'server:\n  port: 80|80\n', 'yaml', 'file:///p/application.yml'), here);
    // The container side, an EXPOSE, a pod's containerPort and a client's URL bind elsewhere, or nothing.
    assert.doesNotMatch(hoverText(service, 'services:\n  web:\n    ports:\n      - "9090:|80"\n', 'dockercompose', 'file:///p/compose.yaml'), here);
    assert.doesNotMatch(hoverText(service, 'FROM nginx\nEXPOSE |80\n', 'dockerfile', 'file:///p/Dockerfile'), here);
    assert.doesNotMatch(hoverText(service, 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      ports:\n        - containerPort: 80|80\n', 'yaml', 'file:///p/pod.yaml'), here);
    assert.doesNotMatch(hoverText(service, 'API_URL=http://api.internal:80|80/v1\n', 'dotenv', 'file:///p/.env'), here);
    // Where the machine is not read, the card has no such line.
    assert.doesNotMatch(hoverText(serviceWith(undefined), 'PORT=80|80\n', 'dotenv', 'file:///p/.env'), here);
  });

  it('reservedByOS reports a listening port inside a reserved range, not a client address or a container port', () => {
    const service = serviceWith(snap([], RESERVED, 'win32'));
    const codes = (text: string, uri: string, languageId: string) =>
      service.doValidation(doc(text, uri, languageId), settings()).filter((d) => d.code === 'reservedByOS').map((d) => d.range.start.line);
    assert.deepEqual(codes('PORT=50010\nDB_URL=postgres://db:50020/app\nOTHER_PORT=50100\n', 'file:///p/.env', 'dotenv'), [0]);
    assert.deepEqual(codes('services:\n  web:\n    ports:\n      - "50030:50031"\n', 'file:///p/compose.yaml', 'dockercompose'), [3]);
    assert.deepEqual(codes('FROM node\nEXPOSE 50040\n', 'file:///p/Dockerfile', 'dockerfile'), []);
    const d = service.doValidation(doc('PORT=50010\n', 'file:///p/.env', 'dotenv'), settings()).find((x) => x.code === 'reservedByOS');
    assert.equal(d?.severity, 3, 'information by default');
    assert.deepEqual(serviceWith(undefined).doValidation(doc('PORT=50010\n', 'file:///p/.env', 'dotenv'), settings()).filter((x) => x.code === 'reservedByOS'), []);
  });

  it('the free port avoids ports in use and reserved on this machine', () => {
    const complete = (service: PortLanguageService, src: string) => {
      const { doc: d, pos } = withCursor(src, 'dotenv', 'file:///p/.env');
      return Number(doComplete(service, d, pos, settings())?.items.find((i) => i.labelDetails?.description === 'free port')?.label);
    };
    const src = 'PORT=|\n';
    const free = complete(serviceWith(snap([])), src);
    assert.ok(free >= 1024);
    const avoided = complete(serviceWith(snap([{ port: free, process: 'node', pid: 1 }])), src);
    assert.ok(avoided !== free && avoided >= 1024, `${avoided} after ${free} was taken`);
    assert.equal(bundledIndex().isAssigned(avoided), false);
  });
});

describe('this machine: the background reader', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-proc-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function fakeProc(rows: string, pids: Record<string, { comm: string; sockets: number[] }>): void {
    fs.mkdirSync(path.join(dir, 'net'));
    fs.writeFileSync(path.join(dir, 'net', 'tcp'), `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n${rows}`);
    for (const [pid, p] of Object.entries(pids)) {
      fs.mkdirSync(path.join(dir, pid, 'fd'), { recursive: true });
      fs.writeFileSync(path.join(dir, pid, 'comm'), `${p.comm}\n`);
      p.sockets.forEach((inode, i) => fs.symlinkSync(`socket:[${inode}]`, path.join(dir, pid, 'fd', String(i + 3))));
      fs.symlinkSync('/dev/null', path.join(dir, pid, 'fd', '0'));
    }
  }

  it('reads /proc on Linux, names the owner by socket inode, and starts no process', async () => {
    fakeProc('   0: 0100007F:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 777 1 0 100 0 0 10 0\n   1: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 888 1 0 100 0 0 10 0\n', {
      4242: { comm: 'fakesrv', sockets: [777] },
    });
    const reader = new MachineReader({ platform: 'linux', procRoot: dir, run: () => Promise.reject(new Error('no process may start on Linux')) });
    assert.equal(reader.snapshot('auto'), undefined, 'the first request does not wait for a read');
    await reader.refresh();
    const s = reader.snapshot('auto');
    reader.stop();
    assert.deepEqual(s?.sockets.map((x) => `${x.address}:${x.port} ${x.process ?? '?'} ${x.pid ?? '?'}`), ['127.0.0.1:3000 fakesrv 4242', '0.0.0.0:80 ? ?']);
  });

  it('is off where it would start a process unless the setting says on, and off when the setting says off', async () => {
    const calls: string[] = [];
    const run = async (file: string) => { calls.push(file); return file === 'lsof' ? 'p1\ncnode\nf3\nPTCP\nn*:3000\nTST=LISTEN\n' : ''; };
    const mac = new MachineReader({ platform: 'darwin', run });
    assert.equal(mac.snapshot('auto'), undefined);
    await mac.refresh();
    assert.deepEqual(calls, []);
    mac.snapshot('on');
    await mac.refresh();
    mac.stop();
    assert.deepEqual(calls, ['lsof']);
    assert.equal(mac.snapshot('on')?.sockets[0]?.process, 'node');
    assert.equal(mac.snapshot('off'), undefined);
  });

  it('reads Windows sockets and excluded ranges, and says when the ranges change', async () => {
    const netsh = 'Start Port    End Port\n----------    --------\n     50000       50059\n';
    const run = async (file: string, args: string[]) =>
      file === 'netstat' ? '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1020\n'
      : file === 'tasklist' ? '"svchost.exe","1020","Services","0","8 K"\n'
      : args.includes('protocol=tcp') && args.includes('ipv4') ? netsh : '';
    const reader = new MachineReader({ platform: 'win32', run });
    const changes: string[] = [];
    reader.onChange((c) => changes.push(`${c.sockets}/${c.reserved}`));
    reader.snapshot('on');
    await reader.refresh();
    reader.stop();
    const s = reader.snapshot('on');
    reader.stop();
    assert.equal(s?.sockets[0]?.process, 'svchost.exe');
    assert.deepEqual(s?.reserved.map((r) => `${r.protocol} ${r.start}-${r.end}`), ['tcp 50000-50059']);
    assert.deepEqual(changes, ['true/true']);
  });

  it('keeps the last snapshot when a source fails, and reports the failure', async () => {
    const errors: string[] = [];
    let fail = false;
    const reader = new MachineReader({ platform: 'darwin', run: async () => { if (fail) throw new Error('lsof timed out'); return 'p1\ncnode\nf3\nPTCP\nn*:3000\nTST=LISTEN\n'; }, onError: (m) => errors.push(m) });
    reader.snapshot('on');
    await reader.refresh();
    fail = true;
    await reader.refresh();
    reader.stop();
    assert.equal(reader.snapshot('on')?.sockets.length, 1);
    reader.stop();
    assert.match(errors.join('\n'), /lsof timed out/);
  });
});
