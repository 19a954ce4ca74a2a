'use strict';
// Loaded with `node --require` in front of the language server by the sandbox protocol test. Every way
// to start a process or open a network connection or listening socket is replaced by a function that
// records the attempt (to the file in IANA_PORTS_SANDBOX_LOG and to stderr) and throws. Standard input
// and output are pipes created without connect(), so LSP over stdio keeps working.
const fs = require('node:fs');

const logFile = process.env.IANA_PORTS_SANDBOX_LOG;
// Proof for the test that the preload ran in the server process at all.
if (process.env.IANA_PORTS_SANDBOX_LOADED) fs.appendFileSync(process.env.IANA_PORTS_SANDBOX_LOADED, `${process.pid}\n`);

function forbid(what) {
  return function forbidden() {
    const line = `SANDBOX VIOLATION: ${what} called\n${new Error().stack}\n`;
    try {
      process.stderr.write(line);
      if (logFile) fs.appendFileSync(logFile, line);
    } catch {
      /* still throw below */
    }
    throw new Error(`sandbox: ${what} is not allowed in the language server`);
  };
}

function patch(moduleName, names) {
  const m = require(moduleName);
  for (const name of names) {
    if (typeof m[name] === 'function') m[name] = forbid(`${moduleName}.${name}`);
  }
  return m;
}

patch('node:child_process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
const net = patch('node:net', ['connect', 'createConnection', 'createServer']);
net.Socket.prototype.connect = forbid('net.Socket#connect');
net.Server.prototype.listen = forbid('net.Server#listen');
patch('node:tls', ['connect', 'createServer']);
patch('node:http', ['request', 'get', 'createServer']);
patch('node:https', ['request', 'get', 'createServer']);
patch('node:http2', ['connect', 'createServer', 'createSecureServer']);
const dgram = patch('node:dgram', ['createSocket']);
dgram.Socket.prototype.bind = forbid('dgram.Socket#bind');
dgram.Socket.prototype.send = forbid('dgram.Socket#send');
patch('node:dns', ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveSrv', 'resolveTxt', 'reverse']);
patch('node:dns/promises', ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']);
patch('node:worker_threads', ['Worker']);
for (const name of ['fetch', 'WebSocket', 'EventSource']) {
  if (typeof globalThis[name] === 'function') globalThis[name] = forbid(`globalThis.${name}`);
}

// Reading this machine's ports is allowed, and only that: every path under /proc the server opens, lists
// or resolves is recorded, so the test can require that it stays within /proc/net/{tcp,tcp6,udp,udp6} and
// the fd folders and names of processes.
const procLog = process.env.IANA_PORTS_SANDBOX_PROC;
if (procLog) {
  const record = (p) => {
    const s = typeof p === 'string' ? p : p instanceof URL ? p.pathname : Buffer.isBuffer(p) ? p.toString() : '';
    if (s.startsWith('/proc')) fs.appendFileSync(procLog, `${s}\n`);
  };
  const wrap = (obj, names) => {
    for (const name of names) {
      const original = obj[name];
      if (typeof original !== 'function') continue;
      obj[name] = function (p, ...rest) {
        record(p);
        return original.call(this, p, ...rest);
      };
    }
  };
  wrap(fs, ['open', 'openSync', 'readFile', 'readFileSync', 'readdir', 'readdirSync', 'readlink', 'readlinkSync', 'createReadStream']);
  wrap(fs.promises, ['open', 'readFile', 'readdir', 'readlink']);
}
