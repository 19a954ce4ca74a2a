import assert from 'node:assert/strict';
import { findCodePorts } from '../../server/src/service/scan';
import { findJsonPorts } from '../../server/src/service/scan';
import { findShellPorts } from '../../server/src/service/scan/formats/shell';
import type { PortFinder, PortOccurrence } from '../../server/src/service/scan/vocabulary/types';

// The code, shell and JSON finders read text where it stands: the JSON reader follows jsonc-parser's
// grammar without building values, the code lexer hands identifiers over by place and punctuation by
// number, and strings and shell words are marked while they are read so that most are not read
// again. These cases pin what a user sees on the inputs where those shortcuts could go wrong:
// escapes, unclosed strings, quotes inside words, names that only look like known words.

/** The ports found, as `text@offset:role`. */
function found(finder: PortFinder, src: string): string[] {
  return finder(src).map((o: PortOccurrence) => `${src.slice(o.start, o.end)}@${o.start}:${o.role}`);
}

/** The ports found, as text only. */
function texts(finder: PortFinder, src: string): string[] {
  return finder(src).map((o) => src.slice(o.start, o.end));
}

describe('JSON finder reading without a parser', () => {
  it('decodes escaped keys before asking whether they name a port', () => {
    assert.deepEqual(texts(findJsonPorts, '{ "po\\u0072t": 8080, "sup\\u0070ort": 9090 }'), ['8080']);
    assert.deepEqual(texts(findJsonPorts, '{ "portsAttribute\\u0073": { "3000": {} } }'), ['3000']);
    assert.deepEqual(texts(findJsonPorts, '{ "\\u0073cripts": { "dev": "vite --port 5173" } }'), ['5173']);
  });

  it('reads a string value with escapes for URLs and flags', () => {
    assert.deepEqual(texts(findJsonPorts, '{ "proxy": "http:\\/\\/localhost:8080\\/api" }'), ['8080']);
    assert.deepEqual(found(findJsonPorts, '{ "args": ["\\u002d-port", "9229"] }'), ['9229@27:listen']);
  });

  it('takes only plain digit runs of numbers under a port key', () => {
    assert.deepEqual(texts(findJsonPorts, '{ "port": -8080, "hostPort": 8080.5, "appPort": 1e3, "nodePort": 30080 }'), ['30080']);
  });

  it('reads command keys by their whole name, and keys that end like one are not commands', () => {
    // `nc -l PORT` is a port only to the shell reader, which command keys get.
    assert.deepEqual(texts(findJsonPorts, '{ "postStartCommand": "nc -l 7000", "cmd": "nc -l 7001", "myshell": "nc -l 7002" }'), ['7000', '7001']);
    assert.deepEqual(texts(findJsonPorts, '{ "build_command": "nc -l 7003", "commands": "nc -l 7004", "scripts": { "a": "nc -l 7005" } }'), ['7003', '7005']);
  });

  it('reads a string left open at the line end to its last character', () => {
    // jsonc-parser's token for an unclosed string has no closing quote to leave out.
    assert.deepEqual(texts(findJsonPorts, '{ "port": 8080, "url": "http://db:5432\n}'), ['8080', '5432']);
    assert.deepEqual(texts(findJsonPorts, '{ "portsAttributes": { "3000\n: {} } }'), ['3000']);
  });

  it('reads a bare number after -L as a whole', () => {
    assert.deepEqual(found(findJsonPorts, '{ "args": ["-L", 8080] }'), ['8080@17:listen']);
  });

  it('keeps what it read when a string is left open or a comment runs to the end', () => {
    assert.deepEqual(texts(findJsonPorts, '{ "port": 8080, "url": "http://db:5432/x\n'), ['8080', '5432']);
    assert.deepEqual(texts(findJsonPorts, '{ "port": 8080 /* and http://localhost:3000'), ['8080', '3000']);
    assert.deepEqual(texts(findJsonPorts, '{ "a": "x", "port": 4000, // http://localhost:4001\n "b": [1, 2 '), ['4000', '4001']);
  });

  it('ignores bare words and single-quoted text as jsonc-parser does, then reads on', () => {
    assert.deepEqual(texts(findJsonPorts, "{ host: 'db:5432', \"port\": 6000, flag: true }"), ['6000']);
  });

  it('reads ssh forwards and port flags as separate array elements', () => {
    assert.deepEqual(found(findJsonPorts, '["-N", "-L", "6543:db.internal:5432", "-p", "2222"]'), ['6543@14:listen', '5432@31:connect', '2222@45:host']);
  });
});

describe('shell finder reading words where they stand', () => {
  it('reads URLs inside quotes, escapes and command substitutions', () => {
    assert.deepEqual(texts(findShellPorts, 'curl "http://localhost:8080/x" \'http://db:5432/\' http\\://h.io:9000/'), ['8080', '5432', '9000']);
    assert.deepEqual(texts(findShellPorts, 'echo "$(printf x)http://localhost:3000/"'), ['3000']);
  });

  it('reads assignments only in words with an equals sign, quoted or not', () => {
    assert.deepEqual(found(findShellPorts, 'env node DB_PORT=\'5432\' "HTTP_PORT=3000" app.js'), ['5432@18:connect', '3000@35:listen']);
    assert.deepEqual(texts(findShellPorts, 'PORT ?= 8000'), ['8000']);
    assert.deepEqual(texts(findShellPorts, 'PORT = 8000 extra'), []);
  });

  it('gives a command\'s ports in text order whichever pass found them', () => {
    const src = 'docker run -p 8080:80 -e URL=http://db:5432/x -p 9000:9000 img';
    const os = findShellPorts(src);
    assert.deepEqual(os.map((o) => src.slice(o.start, o.end)), ['8080', '80', '5432', '9000', '9000']);
    assert.deepEqual(os.map((o) => o.role), ['host', 'container', 'connect', 'host', 'container']);
  });

  it('knows commands by their base name, and a path or quotes around them change nothing', () => {
    assert.deepEqual(texts(findShellPorts, '/usr/bin/psql -p 5433 db'), ['5433']);
    assert.deepEqual(texts(findShellPorts, '"/usr/bin/ps" -p 1234'), []);
    assert.deepEqual(texts(findShellPorts, 'sudo -u app /bin/nc -l 7001'), ['7001']);
  });
});

describe('code finder reading tokens without their text', () => {
  it('knows call names and keywords only as whole words', () => {
    assert.deepEqual(texts(findCodePorts, 'server.listen(8080);\nserver.listens(8081);\nlistener(8082);'), ['8080']);
    assert.deepEqual(texts(findCodePorts, 'const s = new InetSocketAddress("db.internal", 5432);'), ['5432']);
    assert.deepEqual(texts(findCodePorts, 'const s = new InetSocketAddress(8081);\nconst t = new InetSocketAddresses(8082);'), ['8081']);
  });

  it('reads PHP variables and names that end in port', () => {
    assert.deepEqual(found(findCodePorts, '<?php\n$port = 8080;\n$dbPort = 5432;\n$export = 1234;'), ['8080@14:listen', '5432@30:connect']);
  });

  it('tells a regex from a division after keywords and names', () => {
    // After `return` a slash starts a regex, whose text is not code; after a name it divides.
    assert.deepEqual(texts(findCodePorts, 'function f() { return /localhost:8080/.test(s); }\nconst port = a / 2 + 3000;'), []);
    assert.deepEqual(texts(findCodePorts, 'const port = total / 2;\nconst other = 1;\nlisten(8080);'), ['8080']);
  });

  it('marks string characters through escapes, template parts and format strings', () => {
    assert.deepEqual(texts(findCodePorts, 'const u = "http:\\/\\/localhost:8080\\/";'), ['8080']);
    assert.deepEqual(texts(findCodePorts, 'const u = `${a}:${b}` + `http://h.io:${p}/x:9000`;'), []);
    assert.deepEqual(texts(findCodePorts, 'conn, _ := net.Dial("tcp", fmt.Sprintf("%s:%d", host, 6379))'), ['6379']);
    assert.deepEqual(texts(findCodePorts, 'x = f("{}:{}", host, 6380)'), ['6380']);
  });

  it('reads names with letters beyond ASCII, and blanks and tabs between tokens', () => {
    assert.deepEqual(texts(findCodePorts, 'const größePort = 1;\nconst port\t=\t  8080 ;\napp .listen (  9090 )'), ['1', '8080', '9090']);
  });
});
