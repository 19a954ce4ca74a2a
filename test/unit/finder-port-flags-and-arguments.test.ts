import assert from 'node:assert/strict';
import { findPorts, type FormatId } from '../../server/src/service/scan';
import { scanShellText } from '../../server/src/service/scan/vocabulary/commands';
import type { PortOccurrence } from '../../server/src/service/scan/vocabulary/types';

// Shapes real files have that the finders used to miss: sshd's `Match LocalPort`,
// Go-style single-dash port flags (`-dns.port 53`) and a module's port (`python -m http.server 8765`),
// also as the list form of a command. Each rule has look-alikes beside it that must stay silent.

/** The ports found, as `digits:role`, in document order. */
function found(format: FormatId, text: string): string[] {
  return findPorts(format, text, (e) => {
    throw e;
  })
    .filter((o) => o.kind === 'port')
    .map((o) => `${text.slice(o.start, o.end)}:${o.role}`);
}

/** The ports `scanShellText` finds in a command value, as `digits:role`. */
function fromCommand(text: string): string[] {
  const out: PortOccurrence[] = [];
  scanShellText(text, 0, text.length, out);
  return out.filter((o) => o.kind === 'port').map((o) => `${text.slice(o.start, o.end)}:${o.role}`);
}

describe('sshd Match LocalPort', () => {
  it('reads the port or ports after a LocalPort criterion as ports sshd listens on', () => {
    assert.deepEqual(found('ssh', 'Port 22\nPort 2222\n\nMatch LocalPort 2222\n    PasswordAuthentication no\n'), ['22:listen', '2222:listen', '2222:listen']);
    assert.deepEqual(found('ssh', 'Match LocalPort 2222,2223 Address 10.0.0.0/8\n'), ['2222:listen', '2223:listen']);
    assert.deepEqual(found('ssh', 'match User deploy localport=8022\n'), ['8022:listen']);
  });

  it('leaves the other criteria and wildcard patterns alone', () => {
    for (const text of [
      'Match User git Address 10.0.0.0/8\n', 'Match Address 192.168.1.0/24,10.10.0.0/16\n', 'Match Group admins User 1001\n',
      'Match LocalPort 22*\n', 'Match LocalAddress 10.0.0.5\n', 'Match Host 1.2.3.4 User deploy\n',
    ]) {
      assert.deepEqual(found('ssh', text), [], text);
    }
  });
});

describe('single-dash long port flags (Go flag style)', () => {
  it('reads the next word or the = value after a single-dash port name in a shell script', () => {
    assert.deepEqual(found('shell', './coredns -dns.port 53 -conf /etc/coredns/Corefile\n'), ['53:listen']);
    assert.deepEqual(found('shell', 'prometheus -http.port=9090 -storage.tsdb.retention 15d\n'), ['9090:listen']);
    assert.deepEqual(found('shell', 'exec ./server -port 8080 -n 5\n'), ['8080:listen']);
    assert.deepEqual(found('shell', './api -grpc-port=50051 -workers 4\n'), ['50051:listen']);
  });

  it('leaves other single-dash flags and short clusters as they were', () => {
    for (const text of [
      './coredns -dns.timeout 5 -conf x\n', './api -workers 4 -n 5\n', 'ps -p 1234\n', 'tar -czf x.tgz -C 10 dir\n',
      './app -export 9000\n', './app -transport 3\n', 'scp -P 2222x a b\n', 'head -n 5 f\n',
    ]) {
      assert.deepEqual(found('shell', text), [], text);
    }
    // `-p` and `-P` keep their per-command meanings.
    assert.deepEqual(found('shell', 'psql -h db -p 5433 app\n'), ['5433:connect']);
    assert.deepEqual(found('shell', 'mysql -P 3307 -h db\n'), ['3307:connect']);
  });

  it('reads them in Dockerfile commands of exec and shell form', () => {
    const dockerfile = [
      'FROM gcr.io/distroless/static-debian12:nonroot',
      'EXPOSE 53/udp 53/tcp',
      'ENTRYPOINT ["/coredns", "-dns.port", "53", "-conf", "/etc/coredns/Corefile"]',
      'CMD /app -http.port=9090 -grpc-port 50051 -workers 4',
      'HEALTHCHECK --interval=30s --retries=3 CMD ["/probe", "-port=8081"]',
      '',
    ].join('\n');
    assert.deepEqual(found('dockerfile', dockerfile), ['53:listen', '53:listen', '53:listen', '9090:listen', '50051:listen', '8081:listen']);
    assert.deepEqual(found('dockerfile', 'CMD ["/coredns", "-dns.timeout", "5", "-workers", "4"]\nRUN make -j 8 && app-port 7\n'), []);
  });
});

describe('a module or built-in server that takes its port as an argument', () => {
  it('reads the first number after python -m http.server as the port it listens on', () => {
    assert.deepEqual(found('shell', 'python3 -m http.server 8000 --bind 127.0.0.1\n'), ['8000:listen']);
    assert.deepEqual(found('shell', 'python -m "http.server" 8765 --directory static\n'), ['8765:listen']);
    assert.deepEqual(found('shell', 'php -S 0.0.0.0:8000 -t public\n'), ['8000:listen']);
    assert.deepEqual(found('shell', 'ruby -run -e httpd . -p 8000\n'), ['8000:listen']);
  });

  it('leaves other modules and their numbers alone', () => {
    for (const text of ['python -m pytest -x 3\n', 'python3 -m pip install flask==2 3\n', 'python -m timeit -n 100 "x"\n']) {
      assert.deepEqual(found('shell', text), [], text);
    }
  });

  it('reads a command written as a list, as Compose and Kubernetes command: values hold it', () => {
    assert.deepEqual(fromCommand('["python", "-m", "http.server", "8765", "--directory", "static"]'), ['8765:listen']);
    assert.deepEqual(fromCommand('[python, -m, http.server, 8765]'), ['8765:listen']);
    assert.deepEqual(fromCommand('["/coredns", "-dns.port", "53"]'), ['53:listen']);
    assert.deepEqual(fromCommand('["sh", "-c", "nc -z db 5432 && exec app --port 8080"]'), ['5432:connect', '8080:listen']);
    // Offsets are those of the text: the digits sit where the user sees them.
    const text = 'command: ["python", "-m", "http.server", "8765"]';
    const out: PortOccurrence[] = [];
    scanShellText(text, 9, text.length, out);
    assert.equal(text.slice(out[0].start, out[0].end), '8765');
    assert.equal(out[0].start, text.indexOf('8765'));
  });

  it('does not take shell tests or other lists for commands', () => {
    assert.deepEqual(fromCommand('["python", "-m", "pytest", "-x", "3"]'), []);
    assert.deepEqual(fromCommand('[ "$PORT" = "8080" ] && echo ok'), []);
    assert.deepEqual(fromCommand('[ -f x ] && nc -z db 5432'), ['5432:connect']);
    assert.deepEqual(fromCommand('["a", "b"] 5432'), []);
  });
});

describe('single-dash port flags in systemd and ssh commands', () => {
  it('reads -dns.port and -relay-port in ExecStart and ProxyCommand, not -dns.timeout', () => {
    const unit = '[Service]\nExecStart=/usr/bin/coredns -conf /etc/Corefile -dns.port 53 -dns.timeout 5\n';
    assert.deepEqual(findPorts('systemd', unit).filter((o) => o.kind === 'port').map((o) => unit.slice(o.start, o.end)), ['53']);
    const ssh = 'Host relay\n  ProxyCommand relay -relay-port 7000 -workers 4 %h\n';
    assert.deepEqual(findPorts('ssh', ssh).filter((o) => o.kind === 'port').map((o) => ssh.slice(o.start, o.end)), ['7000']);
  });
});
