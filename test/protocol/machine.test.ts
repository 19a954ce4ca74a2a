import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hoverText, LspClient } from '../helpers/lspClient';

// This machine's ports through the server, on Linux where it reads /proc: a loopback listener that the
// test itself starts must show in the hover, the free-port completion and the Ports view, and stopping it
// must clear all three. The reader refreshes every 3 s; each wait below is bounded by a deadline.

const DEADLINE_MS = 20000;

async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const end = Date.now() + DEADLINE_MS;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await probe();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: still ${JSON.stringify(last)?.slice(0, 300)} after ${DEADLINE_MS} ms`);
}

function listen(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('this machine through the server (Linux /proc)', function () {
  this.timeout(90000);
  let dir: string;
  let client: LspClient;
  let listener: net.Server | undefined;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-machine-'));
    client = new LspClient({ configuration: true, settings: {} });
    await client.initialize(pathToFileURL(dir).href);
  });
  after(async () => {
    listener?.close();
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('hover, free-port completion and the Ports view follow a loopback listener this test starts and stops', async () => {
    const completionUri = pathToFileURL(path.join(dir, 'empty', '.env')).href;
    // The free port is sought near the digits typed; a base of this process's own keeps two test runs on
    // one machine (two checkouts) off each other's port.
    const typed = String(20000 + (process.pid % 9000));
    const line = `PORT=${typed}`;
    client.open(completionUri, 'dotenv', `${line}\n`);
    const freePort = async () => {
      const list = await client.request('textDocument/completion', { textDocument: { uri: completionUri }, position: { line: 0, character: line.length } });
      return Number(list.items.find((i: any) => i.labelDetails?.description === 'free port')?.label);
    };
    // The first request starts the reader; wait until the completion says it checked this machine.
    const first = await until('free port checked on this machine', async () => {
      const list = await client.request('textDocument/completion', { textDocument: { uri: completionUri }, position: { line: 0, character: line.length } });
      return list.items.find((i: any) => i.labelDetails?.description === 'free port');
    }, (item: any) => /free on this machine/.test(item?.detail ?? ''));
    const port = Number(first.label);
    assert.ok(port >= 1024);

    fs.writeFileSync(path.join(dir, '.env'), `PORT=${port}\n`);
    const envUri = pathToFileURL(path.join(dir, '.env')).href;
    client.open(envUri, 'dotenv', `PORT=${port}\n`);
    const hover = async () => hoverText(await client.request('textDocument/hover', { textDocument: { uri: envUri }, position: { line: 0, character: 6 } }));
    const inView = async () => (await client.request('ianaPorts/workspacePorts', {})).ports.find((p: any) => p.port === port);

    await until('hover says free before the listener', hover, (h) => new RegExp(`${port}/tcp is free`).test(h));

    listener = await listen(port);
    // The owner's name may come one read after the socket itself, while the process list is searched.
    const named = new RegExp(`in use now: \`[^\`]+\` \\(pid ${process.pid}\\) listens on \`127\\.0\\.0\\.1:${port}\``);
    await until('hover names the listener', hover, (h) => named.test(h));
    const other = await until('free port moves off the listener', freePort, (p) => p !== port);
    assert.ok(other >= 1024 && other !== port);
    const row = await until('Ports view marks the port', inView, (p: any) => /in use now/.test(p?.here ?? ''));
    assert.equal(row.port, port);

    await new Promise<void>((resolve) => listener!.close(() => resolve()));
    listener = undefined;
    await until('hover says free again', hover, (h) => new RegExp(`${port}/tcp is free`).test(h));
    assert.equal(await until('free port comes back', freePort, (p) => p === port), port);
    await until('Ports view clears the mark', inView, (p: any) => p !== undefined && p.here === undefined);
  });

  it('starts no process on Linux and reads nothing when the setting is off', async () => {
    const off = new LspClient({ configuration: true, settings: { machine: { enable: 'off' } } });
    try {
      await off.initialize(null);
      const uri = pathToFileURL(path.join(dir, 'off', '.env')).href;
      off.open(uri, 'dotenv', 'PORT=3000\n');
      // Twice, a refresh interval apart: a reader that was started would have answered by then.
      for (let i = 0; i < 2; i++) {
        const h = hoverText(await off.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 6 } }));
        assert.match(h, /Port 3000/);
        assert.doesNotMatch(h, /This machine/);
        await new Promise((r) => setTimeout(r, 3200));
      }
    } finally {
      await off.close();
    }
  });
});
