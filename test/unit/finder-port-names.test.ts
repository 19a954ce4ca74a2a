import assert from 'node:assert/strict';
import { findPorts, type FormatId } from '../../server/src/service/scan';
import { isPortKey } from '../../server/src/service/scan/vocabulary/common';
import { isQualifiedPortNameIn } from '../../server/src/service/scan/vocabulary/keys';

// Names that say "port" in ways the key table did not know: words run together with it (`SERVERPORT`),
// keys that say where something binds (`HTTP_BIND=8080`), code constants with words after "port"
// (`GRPC_PORT_DEFAULT`), and log messages that name the port they print. Each rule has its look-alikes
// beside it.

/** Each port found as `text@offset`, with ` doc` when it is documentation (never judged by rules). */
function found(format: FormatId, text: string): string[] {
  return findPorts(format, text, (e) => {
    throw e;
  })
    .filter((o) => o.kind === 'port')
    .map((o) => `${text.slice(o.start, o.end)}@${o.start}${o.inComment ? ' doc' : ''}`);
}

function values(format: FormatId, text: string): string[] {
  return found(format, text).map((s) => s.slice(0, s.indexOf('@')));
}

describe('port names: keys run together with "port"', () => {
  it('reads SERVERPORT, ZBX_JAVAGATEWAYPORT and dbport as port keys', () => {
    for (const key of ['SERVERPORT', 'ZBX_JAVAGATEWAYPORT', 'ZBX_NODEADDRESSPORT', 'dbport', 'Dbport', 'HTTPSPORT', 'SMTPPORTS']) {
      assert.ok(isPortKey(key), key);
    }
    assert.deepEqual(values('dotenv', 'SERVERPORT=8081\nZBX_JAVAGATEWAYPORT=10052\n'), ['8081', '10052']);
  });

  it('leaves English words that end in "port" alone', () => {
    for (const key of ['REPORT', 'SUPPORT', 'EXPORT', 'IMPORT', 'PASSPORT', 'TRANSPORT', 'AIRPORT', 'viewport', 'misreport',
      'HTTPSUPPORT', 'REEXPORT', 'TELEPORT', 'sport', 'dport', 'DbPort_x', 'reportId']) {
      assert.ok(!isPortKey(key), key);
    }
    assert.deepEqual(values('dotenv', 'REPORT=4\nSUPPORT=5\nREPORT_ID=4\nViewport=1024\nAIRPORT=7\nIMPORTS=3\n'), []);
  });
});

describe('port names: keys that say where something binds', () => {
  it('reads a bare number of *_BIND and *_LISTEN as a listening port', () => {
    assert.deepEqual(found('dotenv', 'HTTP_BIND=8080\nGRPC_LISTEN="9090"\nmetricsListen=9100\n'), ['8080@10', '9090@28', '9100@48']);
    // An address in such a key was read before and still is.
    assert.deepEqual(values('dotenv', 'METRICS_BIND=0.0.0.0:9100\n'), ['9100']);
  });

  it('leaves switches, addresses without a port and the bare words alone', () => {
    assert.deepEqual(values('dotenv', 'X_LISTEN=1\nLDAP_BIND=cn=admin\nUNBIND=12\nbind = 8080\nREBIND_DELAY=30\nFOO_BIND=0800\n'), []);
  });
});

describe('port names: code constants with words after "port"', () => {
  it('accepts qualifiers after the port word and rejects other words', () => {
    const yes = ['GRPC_PORT_DEFAULT', 'DefaultPortAPIServer', 'grpcPortNumber', 'ADMIN_PORT_FALLBACK', 'DEFAULT_PORT_API', 'portNo'];
    const no = ['PORT_COUNT', 'portTimeout', 'portIndex', 'PORT_NAME', 'importDefault', 'DB_PORT', 'portMapping', 'reportNumber', 'PORT'];
    for (const n of yes) assert.ok(isQualifiedPortNameIn(n, 0, n.length), n);
    for (const n of no) assert.ok(!isQualifiedPortNameIn(n, 0, n.length), n);
  });

  it('shows their values as ports that rules do not judge (a default may never be bound as written)', () => {
    const go = 'const (\n\tDefaultPortAPIServer = 8080\n)\n';
    assert.deepEqual(found('code', go), [`8080@${go.indexOf('8080')} doc`]);
    const java = 'public static final int GRPC_PORT_DEFAULT = 50051;\npublic static final int HTTP_PORT = 8080;\n';
    assert.deepEqual(found('code', java), [`50051@${java.indexOf('50051')} doc`, `8080@${java.indexOf('8080')}`]);
  });

  it('leaves counts, timeouts and indexes named after ports alone', () => {
    assert.deepEqual(values('code', 'const PORT_COUNT = 3\nconst portTimeout = 3000\nconst importDefault = 5\nlet portIndex = 2\n'), []);
  });
});

describe('port names: log messages', () => {
  it('reads the argument after a message that ends in "port" or "on"', () => {
    const js = "console.log('up on port', 3000, 'is the old default');\nconsole.log('ledger callbacks on', 50051);\n";
    assert.deepEqual(found('code', js), [`3000@${js.indexOf('3000')} doc`, `50051@${js.indexOf('50051')} doc`]);
  });

  it('reads the placeholder that follows "port" in a format string', () => {
    const java = 'log.warn("the legacy SOAP endpoint on port {} is gone since 2.0", 8443);\n';
    assert.deepEqual(found('code', java), [`8443@${java.indexOf('8443')} doc`]);
    const py = 'logger.info("%s listening on port %d", name, 9000)\n';
    assert.deepEqual(found('code', py), [`9000@${py.indexOf('9000')} doc`]);
  });

  it('reads a sentence in a string that ties a number to the word port', () => {
    const js = 'console.log("listening on port 5000");\nthrow new Error("port 0 is reserved; use port 8080");\n';
    assert.deepEqual(found('code', js), [`5000@${js.indexOf('5000')} doc`, `8080@${js.indexOf('8080')} doc`]);
  });

  it('leaves other arguments of messages alone', () => {
    for (const text of [
      "console.log('retry on', 4096)\n", "console.log('items', 3000)\n", "console.log('done on', 3)\n",
      "console.log('up on port', x, 3000)\n", 'const q = "SELECT port FROM t WHERE id = 5"\n', "console.log('report', 8080)\n",
    ]) {
      assert.deepEqual(values('code', text), [], text);
    }
  });
});

describe('prose: wording that ties a number to a port', () => {
  /** The numbers a plain-text line reads as ports. */
  const text = (line: string): string[] => values('text', line + '\n');

  it('reads listening verbs, objects of forwarding verbs and a port after a port', () => {
    assert.deepEqual(text('The API listens on port 8080, the admin UI on 8081; the sidecar answers on 7878.'), ['8080', '8081', '7878']);
    assert.deepEqual(text('The bastion forwards 2222 to us; the firewall blocks 587 too.'), ['2222', '587']);
    assert.deepEqual(text("db: start Postgres, published on the host's 54320"), ['54320']);
    assert.deepEqual(text('Chrome refuses ports such as 6000 for http.'), ['6000']);
  });

  it('reads ports written with their protocol or after a lone colon', () => {
    assert.deepEqual(text('[ 2] 80,443/tcp   ALLOW IN   Anywhere'), ['80', '443']);
    assert.deepEqual(text('gRPC :50051, `lsof -iTCP:8080`, `adb reverse tcp:8081 tcp:8081`'), ['50051', '8080', '8081', '8081']);
    assert.deepEqual(text('Error: listen EADDRINUSE: address already in use :::8080'), ['8080']);
    assert.deepEqual(text('Step 3 fails when the port is taken; `npx kill-port 5173` helps.'), ['5173']);
  });

  it('ties a number to a service of the common-practice table, protocols included', () => {
    assert.deepEqual(text('The relay accepts STARTTLS on 587 only; other MTAs use 25.'), ['587', '25']);
    assert.deepEqual(text('Redis 6379 and Kafka 9092, never Redis 7.'), ['6379', '9092']);
  });

  it('leaves counts, times, sizes, versions and years alone', () => {
    for (const line of [
      'the meeting runs on 5000 volunteers', 'it runs on 3 nodes at 10:30', 'the ratio is 16:9 and 3:1', 'served 1,024 users',
      'version 2.4 from 2019 needs 4096 bytes', 'the build forwards 64 and blocks 1024', 'issue #1234 on step 3', 'HTTP/2 and /etc/redis/6379.conf',
      'listening since 2019', 'the meeting is on 5000 main street',
    ]) {
      assert.deepEqual(text(line), [], line);
    }
  });
});
