import assert from 'node:assert/strict';
import { COMMAND_TABLE, EVERY_COMMAND_LONG } from '../../server/src/service/scan/vocabulary/commandTable';
import { isDevServerCommand, scanShellText } from '../../server/src/service/scan/vocabulary/commands';
import type { PortOccurrence } from '../../server/src/service/scan';

// The command table is data that one reader reads: its rows must be well formed (a name in two rows
// would read as neither), and what a row says is what the reader does.

function ports(line: string): string[] {
  const out: PortOccurrence[] = [];
  scanShellText(line, 0, line.length, out);
  return out.map((o) => `${o.port}:${o.role}`);
}

/** Each port of a command line as port:role:command:software:flag. */
function tagged(line: string): string[] {
  const out: PortOccurrence[] = [];
  scanShellText(line, 0, line.length, out);
  return out.map((o) => `${o.port}:${o.role}:${o.command}:${o.software}:${o.flag}`);
}

describe('command table', () => {
  it('every name is in one row only and in lower case, and no row is empty', () => {
    const seen = new Map<string, number>();
    COMMAND_TABLE.forEach((row, i) => {
      assert.ok(row.names.length > 0, `row ${i} names no command`);
      for (const name of row.names) {
        assert.equal(seen.get(name), undefined, `${name} is in rows ${seen.get(name)} and ${i}`);
        // The reader gives a name of the table as the occurrence's software, which is in lower case.
        assert.equal(name, name.toLowerCase(), `${name} is not in lower case`);
        seen.set(name, i);
      }
    });
  });

  it('short flags are single letters, and a row that reads arguments after a switch has the switch', () => {
    for (const row of COMMAND_TABLE) {
      for (const letter of Object.keys(row.short ?? {})) assert.match(letter, /^[A-Za-z]$/, `${row.names[0]}: short flag ${letter}`);
      if (row.listenArgs) assert.ok(row.listenSwitch, `${row.names[0]} has listenArgs without listenSwitch`);
      if (row.valueFlags) assert.equal(row.runs, 'command', `${row.names[0]}: valueFlags are for commands that run a command`);
    }
    for (const name of Object.keys(EVERY_COMMAND_LONG)) assert.match(name, /^[a-z][a-z-]*$/);
  });

  it('a row decides what -p is: a port it connects to, a published mapping, a password, or its own port', () => {
    assert.deepEqual(ports('psql -h db -p 5433'), ['5433:connect']);
    assert.deepEqual(ports('docker run -p 8080:80 nginx'), ['8080:host', '80:container']);
    assert.deepEqual(ports('mysql -h db -p secret -P 3307'), ['3307:connect']);
    assert.deepEqual(ports('some-server -p 9000'), ['9000:listen']);
  });

  it('a variable a client reads its port from connects; py runs modules as python does; mysqlsh connects', () => {
    assert.deepEqual(ports('PGPORT=5433 psql -h db'), ['5433:connect']);
    assert.deepEqual(ports('PGPORT=5433 postgres -D /data'), ['5433:listen']);
    assert.deepEqual(ports('py -m http.server 8000'), ['8000:listen']);
    assert.deepEqual(ports('mysqlsh -h db -P 3307'), ['3307:connect']);
  });

  it('a client has no subcommand: its first argument is a host, a database or a URL (nc db 80 is nc, not "nc db")', () => {
    assert.deepEqual(tagged('nc db 80'), ['80:connect:nc:nc:undefined']);
    assert.deepEqual(tagged('telnet mail 25'), ['25:connect:telnet:telnet:undefined']);
    assert.deepEqual(tagged('curl localhost:9000'), ['9000:connect:curl:curl:undefined']);
    assert.deepEqual(tagged('psql mydb -p 5433'), ['5433:connect:psql:psql:-p']);
    // Programs with subcommands keep them.
    assert.deepEqual(tagged('docker run -p 8080:80 nginx'), ['8080:host:docker run:docker:-p', '80:container:docker run:docker:-p']);
  });

  it('a shell prompt copied with the command (a README\'s `$ curl ...`) is no program', () => {
    assert.deepEqual(tagged('$ curl http://localhost:3000/'), ['3000:connect:curl:curl:undefined']);
    assert.deepEqual(tagged('$ docker run -p 8080:80 nginx'), ['8080:host:docker run:docker:-p', '80:container:docker run:docker:-p']);
  });

  it('docker exec and kubectl exec: the flags after the container are those of the command run inside (docker exec publishes nothing)', () => {
    assert.deepEqual(tagged('docker exec db psql -p 5433'), ['5433:connect:psql:psql:-p']);
    assert.deepEqual(tagged('docker exec -it -e A=1 -u root db psql -U app -p 5433'), ['5433:connect:psql:psql:-p']);
    assert.deepEqual(tagged('docker compose exec db psql -p 5434'), ['5434:connect:psql:psql:-p']);
    assert.deepEqual(tagged('docker-compose exec -T cache redis-cli -p 6380 ping'), ['6380:connect:redis-cli:redis-cli:-p']);
    assert.deepEqual(tagged('kubectl exec -it pod -- psql -p 5435'), ['5435:connect:psql:psql:-p']);
  });

  it('a port in a script given to -c is the script command\'s, not a value of -c', () => {
    assert.deepEqual(tagged(`sh -c 'nc -z db 5432'`), ['5432:connect:nc:nc:undefined']);
    assert.deepEqual(tagged(`docker exec web sh -c 'nc -z db 5432'`), ['5432:connect:nc:nc:undefined']);
  });

  it('glued values are read only for rows that say so', () => {
    assert.deepEqual(ports('redis-cli -p6380'), ['6380:connect']);
    assert.deepEqual(ports('some-server -p9000'), []);
  });

  it('every development server of the table is one for the rules and the hover', () => {
    for (const row of COMMAND_TABLE) {
      if (row.devServer === undefined) continue;
      for (const name of row.names) {
        if (row.devServer === true) assert.ok(isDevServerCommand(name), name);
        else for (const sub of row.devServer) assert.ok(isDevServerCommand(`${name} ${sub}`) && !isDevServerCommand(name), `${name} ${sub}`);
      }
    }
    assert.equal(isDevServerCommand('next build'), false);
  });
});
