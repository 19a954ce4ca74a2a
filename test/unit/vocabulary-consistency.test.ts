import assert from 'node:assert/strict';
import { findPorts, type FormatId } from '../../server/src/service/scan';

// One vocabulary: the same command or key must give the same ports with the same roles in every
// format that can hold it. Each construct is written once and placed in every such format; a
// disagreement names the construct and the format.

/** A command placed in a file of some format: the format and the text around the command. */
type CommandPlace = [format: FormatId, wrap: (command: string) => string];

const q = (s: string) => JSON.stringify(s);
const words = (c: string) => c.split(' ').map(q).join(', ');

/** A Kubernetes Pod whose one container has the given lines (indented as its keys). */
const kubeContainer = (lines: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: alpine\n      ${lines}\n`;

const COMMAND_PLACES: Record<string, CommandPlace> = {
  'shell script': ['shell', (c) => `#!/bin/sh\nset -e\n${c}\n`],
  'Makefile recipe': ['shell', (c) => `run:\n\t${c}\n`],
  'Dockerfile RUN': ['dockerfile', (c) => `FROM alpine\nRUN ${c}\n`],
  'Dockerfile CMD exec form': ['dockerfile', (c) => `FROM alpine\nCMD [${words(c)}]\n`],
  'compose command': ['compose', (c) => `services:\n  app:\n    image: alpine\n    command: ${q(c)}\n`],
  'compose command list': ['compose', (c) => `services:\n  app:\n    image: alpine\n    command: [${words(c)}]\n`],
  'Kubernetes sh -c args': ['yaml', (c) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: alpine\n      command: ["sh", "-c"]\n      args:\n        - ${q(c)}\n`],
  'Kubernetes command and args': ['yaml', (c) => kubeContainer(`command: [${q(c.split(' ')[0])}]\n      args: [${words(c.split(' ').slice(1).join(' '))}]`)],
  'Kubernetes args before command': ['yaml', (c) => kubeContainer(`args:\n${c.split(' ').slice(1).map((w) => `        - ${q(w)}\n`).join('')}      command:\n        - ${q(c.split(' ')[0])}`)],
  'compose command over lines': ['compose', (c) => `services:\n  app:\n    image: alpine\n    command: ${c.split(' ').join('\n      ')}\n`],
  'compose folded command': ['compose', (c) => `services:\n  app:\n    image: alpine\n    command: >\n      ${c.split(' ').join('\n      ')}\n`],
  'GitHub Actions run step': ['yaml', (c) => `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${q(c)}\n`],
  'GitHub Actions run block': ['yaml', (c) => `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo start\n          ${c}\n`],
  'GitLab CI script': ['yaml', (c) => `test:\n  stage: test\n  script:\n    - ${q(c)}\n`],
  'systemd ExecStart': ['systemd', (c) => `[Service]\nExecStart=/usr/bin/${c}\n`],
  'package.json script': ['json', (c) => `{"name": "app", "scripts": {"start": ${q(c)}}}\n`],
  'Jenkinsfile sh step': ['code', (c) => `pipeline {\n  agent any\n  stages {\n    stage('run') {\n      steps {\n        sh '${c}'\n      }\n    }\n  }\n}\n`],
  'Markdown bash fence': ['markdown', (c) => `# Run it\n\n\`\`\`bash\n${c}\n\`\`\`\n`],
};

/** Commands and the ports they take, `port:role` in the order written. */
const COMMANDS: Array<[command: string, ports: string[]]> = [
  ['psql -p5433', ['5433:connect']],
  ['psql -h db -p 5433', ['5433:connect']],
  ['pg_isready -h db -p 5432', ['5432:connect']],
  ['pg_dump -p 5434 mydb', ['5434:connect']],
  ['redis-cli -p 6380', ['6380:connect']],
  ['mysql -h db -P 3307', ['3307:connect']],
  ['mongosh --port 27018', ['27018:connect']],
  ['ssh -p 2222 deploy@host', ['2222:connect']],
  ['ssh -L 8080:localhost:80 host', ['8080:listen', '80:connect']],
  ['ssh -R 9090:localhost:3000 host', ['9090:listen', '3000:connect']],
  ['ssh -D 1080 host', ['1080:listen']],
  ['autossh -M 20000 host', ['20000:listen']],
  ['iptables -A INPUT -p tcp --dport 8080 -j ACCEPT', ['8080:listen']],
  ['ufw allow 8443/tcp', ['8443:listen']],
  ['firewall-cmd --add-port=8443/tcp', ['8443:listen']],
  ['kubectl port-forward svc/web 8080:80', ['8080:host', '80:container']],
  ['docker run -p 8080:80 nginx', ['8080:host', '80:container']],
  ['docker run --publish 127.0.0.1:5433:5432 postgres', ['5433:host', '5432:container']],
  ['socat TCP-LISTEN:8080,fork TCP:localhost:80', ['8080:listen', '80:connect']],
  ['python -m http.server 8000', ['8000:listen']],
  ['nc -l 9000', ['9000:listen']],
  ['nc -z db 5432', ['5432:connect']],
  ['telnet db 2323', ['2323:connect']],
  ['wait-for-it db:5432', ['5432:connect']],
  ['curl http://localhost:8080/health', ['8080:connect']],
  ['grpcurl -plaintext localhost:50051 list', ['50051:connect']],
  ['uvicorn app:app --port 8001', ['8001:listen']],
  ['gunicorn -b 0.0.0.0:8000 app:app', ['8000:listen']],
  ['php -S 0.0.0.0:8000', ['8000:listen']],
  ['node server.js --port 3000', ['3000:listen']],
  ['java -Dserver.port=8081 -jar app.jar', ['8081:listen']],
  ['redis-server --port 6380', ['6380:listen']],
  ['memcached -p 11212', ['11212:listen']],
  ['nats-server -p 4223', ['4223:listen']],
  ['consul agent -dns-port 8600', ['8600:listen']],
  ['flask run --port 5001', ['5001:listen']],
  ['rails server -p 3001', ['3001:listen']],
  ['vite --port 5174', ['5174:listen']],
  ['http-server -p 8081', ['8081:listen']],
  ['hugo server --port 1314', ['1314:listen']],
  ['redis-cli -h cache -p 6381', ['6381:connect']],
  ['next dev -p 3002', ['3002:listen']],
  ['ng serve --port 4201', ['4201:listen']],
  ['ssh -p2223 deploy@host', ['2223:connect']],
  ['nc -lk -p 9099', ['9099:listen']],
  ['curl -k --resolve api.example.com:443:127.0.0.1 https://api.example.com/health', ['443:connect']],
  ['curl --connect-to example.com:443:localhost:8443 https://example.com', ['443:connect', '8443:connect']],
];
// A command with double quotes of its own (`sysctl -w k="1024 65000"`, `docker run -l "k={{upstreams 80}}"`)
// reads the same only where it is not written inside a double-quoted string, whose escaped quotes the
// command reader does not undo; such commands are in the sysctl and label tables below.

/** Where a command cannot stand: an exec form holds one command, and shell syntax is no exec form. */
const NOT_EXEC: ReadonlySet<string> = new Set(['Dockerfile CMD exec form', 'compose command list', 'Kubernetes command and args', 'Kubernetes args before command']);

/** A key placed in a file of some format. */
type KeyPlace = [format: FormatId, wrap: (key: string, value: string) => string];

const KEY_PLACES: Record<string, KeyPlace> = {
  'YAML': ['yaml', (k, v) => `${k}: ${v}\n`],
  'YAML nested': ['yaml', (k, v) => `app:\n  ${k}: ${v}\n`],
  'compose environment': ['compose', (k, v) => `services:\n  app:\n    image: alpine\n    environment:\n      ${k}: ${v}\n`],
  'JSON': ['json', (k, v) => `{"${k}": ${v}}\n`],
  '.env': ['dotenv', (k, v) => `${k}=${v}\n`],
  'INI': ['keyvalue', (k, v) => `[app]\n${k} = ${v}\n`],
  'properties': ['keyvalue', (k, v) => `${k}=${v}\n`],
  'TOML': ['toml', (k, v) => `[app]\n${k} = ${v}\n`],
  'HCL': ['terraform', (k, v) => `locals {\n  ${k} = ${v}\n}\n`],
  'TypeScript': ['code', (k, v) => `const ${k} = ${v};\n`],
  'Python': ['code', (k, v) => `${k} = ${v}\n`],
  'Dockerfile ENV': ['dockerfile', (k, v) => `FROM alpine\nENV ${k}=${v}\n`],
  'shell export': ['shell', (k, v) => `export ${k}=${v}\n`],
};

/** Keys, a value, and the role every format must give it. */
const KEYS: Array<[key: string, value: string, role: string]> = [
  ['EMAIL_PORT', '587', 'connect'],
  ['SMTP_PORT', '2525', 'connect'],
  ['DB_PORT', '5432', 'connect'],
  ['POSTGRES_PORT', '5433', 'connect'],
  ['REDIS_PORT', '6379', 'connect'],
  ['KAFKA_PORT', '9092', 'connect'],
  ['SSH_PORT', '2222', 'connect'],
  ['PEER_PORT', '7000', 'connect'],
  ['DNS_PORT', '5353', 'connect'],
  ['PORT', '3000', 'listen'],
  ['SERVER_PORT', '8080', 'listen'],
  ['HTTP_PORT', '8080', 'listen'],
  ['LISTEN_PORT', '8080', 'listen'],
  ['METRICS_PORT', '9100', 'listen'],
  ['GRPC_PORT', '50051', 'listen'],
];

/** A value placed under a key that names no port, in a file of some format. */
type ValuePlace = [format: FormatId, wrap: (key: string, value: string) => string];

const VALUE_PLACES: Record<string, ValuePlace> = {
  'YAML': ['yaml', (k, v) => `${k}: ${q(v)}\n`],
  'compose environment': ['compose', (k, v) => `services:\n  app:\n    image: alpine\n    environment:\n      ${k}: ${q(v)}\n`],
  'compose environment list': ['compose', (k, v) => `services:\n  app:\n    image: alpine\n    environment:\n      - ${k}=${v}\n`],
  'JSON': ['json', (k, v) => `{"${k}": ${q(v)}}\n`],
  '.env': ['dotenv', (k, v) => `${k}=${v}\n`],
  'INI': ['keyvalue', (k, v) => `[app]\n${k} = ${v}\n`],
  'TOML': ['toml', (k, v) => `[app]\n${k} = ${q(v)}\n`],
  'Dockerfile ENV': ['dockerfile', (k, v) => `FROM alpine\nENV ${k}=${q(v)}\n`],
  'TypeScript': ['code', (k, v) => `const ${k} = ${q(v)};\n`],
};

/** Values whose shape says port under keys that do not, and the ports every format must find in them. */
const VALUES: Array<[key: string, value: string, ports: string[]]> = [
  ['MSSQL', 'Server=sqlserver,1433;Database=app', ['1433:connect']],
  ['MSSQL', 'Data Source=tcp:sql.example.com,1433;Initial Catalog=app', ['1433:connect']],
  ['MAIL_RELAY', '[smtp.relay-host.test]:465', ['465:connect']],
  ['CADDY_LABEL', '{{upstreams 80}}', ['80:connect']],
  ['CADDY_LABEL', '{{upstreams https 8443}}', ['8443:connect']],
];

/**
 * Configuration values only (no string literal of code or JSON, which is read for URLs, `host:port`,
 * `key=port` pairs and flags): a DNS forwarder's `address#port` (dnsmasq, Jitsi) and `address@port` (unbound).
 */
const CONFIG_VALUE_PLACES: Record<string, ValuePlace> = Object.fromEntries(
  Object.entries(VALUE_PLACES).filter(([place]) => place !== 'JSON' && place !== 'TypeScript'),
);

/** A sysctl setting in the files and commands that set one. */
const SYSCTL_PLACES: Record<string, [format: FormatId, wrap: (key: string, value: string) => string]> = {
  'sysctl.conf': ['keyvalue', (k, v) => `# tuning\n${k} = ${v}\n`],
  'compose sysctls map': ['compose', (k, v) => `services:\n  app:\n    image: alpine\n    sysctls:\n      ${k}: ${q(v)}\n`],
  'compose sysctls list': ['compose', (k, v) => `services:\n  app:\n    image: alpine\n    sysctls:\n      - ${k}=${v}\n`],
  'Pod securityContext': ['yaml', (k, v) => `apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    sysctls:\n      - name: ${k}\n        value: ${q(v)}\n`],
  'sysctl -w': ['shell', (k, v) => `sysctl -w ${k}=${q(v)}\n`],
  'docker run --sysctl': ['shell', (k, v) => `docker run --rm --sysctl ${k}=${q(v)} alpine\n`],
  'Dockerfile RUN': ['dockerfile', (k, v) => `FROM alpine\nRUN sysctl -w ${k}=${q(v)}\n`],
  'Ansible lineinfile': ['yaml', (k, v) => `- lineinfile:\n    path: /etc/sysctl.conf\n    line: ${q(`${k} = ${v}`)}\n`],
};

/** Label values in the places that set a container's labels. */
const LABEL_PLACES: Record<string, [format: FormatId, wrap: (key: string, value: string) => string]> = {
  'compose labels map': ['compose', (k, v) => `services:\n  app:\n    image: whoami\n    labels:\n      ${k}: ${q(v)}\n`],
  'compose labels list': ['compose', (k, v) => `services:\n  app:\n    image: whoami\n    labels:\n      - ${k}=${v}\n`],
  'Swarm deploy labels': ['compose', (k, v) => `services:\n  app:\n    image: whoami\n    deploy:\n      labels:\n        ${k}: ${q(v)}\n`],
  'docker run -l': ['shell', (k, v) => `docker run -d -l ${q(`${k}=${v}`)} whoami\n`],
  'Dockerfile LABEL': ['dockerfile', (k, v) => `FROM whoami\nLABEL ${k}=${q(v)}\n`],
  'Markdown console fence': ['markdown', (k, v) => `Run:\n\n\`\`\`\n$ docker run -d -l ${q(`${k}=${v}`)} whoami\n\`\`\`\n`],
};

/** Constructs read through their own table of places: the places, the key, the value and the ports. */
const PLACED: Array<[what: string, places: Record<string, [FormatId, (key: string, value: string) => string]>, key: string, value: string, ports: string[]]> = [
  ['sysctl', SYSCTL_PLACES, 'net.ipv4.ip_local_port_range', '1024 65000', ['1024:unknown', '65000:unknown']],
  ['label', LABEL_PLACES, 'caddy.reverse_proxy', '{{upstreams 80}}', ['80:connect']],
  ['label', LABEL_PLACES, 'caddy.reverse_proxy', '{{upstreams https 443}}', ['443:connect']],
  ['config value', CONFIG_VALUE_PLACES, 'DNS_FORWARDER', '9.9.9.9#53', ['53:connect']],
  ['config value', CONFIG_VALUE_PLACES, 'DNS_FORWARDER', '1.1.1.1@853', ['853:connect']],
];

function ports(format: FormatId, text: string): string[] {
  const found = findPorts(format, text, (e) => {
    throw e;
  });
  return found.filter((o) => o.kind === 'port').map((o) => `${o.port}:${o.role}`);
}

describe('one vocabulary: the same construct reads the same in every format that holds it', () => {
  it(`holds at least 40 constructs (${COMMANDS.length} commands, ${KEYS.length} keys)`, () => {
    assert.ok(COMMANDS.length + KEYS.length >= 40);
  });

  for (const [command, want] of COMMANDS) {
    it(`command: ${command}`, () => {
      const wrong: string[] = [];
      for (const [place, [format, wrap]] of Object.entries(COMMAND_PLACES)) {
        if (NOT_EXEC.has(place) && /[=&|;']/.test(command)) continue;
        const got = ports(format, wrap(command));
        if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${place}: ${got.join(' ') || 'nothing'}`);
      }
      assert.deepEqual(wrong, [], `want ${want.join(' ')}`);
    });
  }

  for (const [key, value, want] of VALUES) {
    it(`value: ${value}`, () => {
      const wrong: string[] = [];
      for (const [place, [format, wrap]] of Object.entries(VALUE_PLACES)) {
        const got = ports(format, wrap(key, value));
        if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${place}: ${got.join(' ') || 'nothing'}`);
      }
      assert.deepEqual(wrong, [], `want ${want.join(' ')}`);
    });
  }

  for (const [what, places, key, value, want] of PLACED) {
    it(`${what}: ${key} ${value}`, () => {
      const wrong: string[] = [];
      for (const [place, [format, wrap]] of Object.entries(places)) {
        const got = ports(format, wrap(key, value));
        if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${place}: ${got.join(' ') || 'nothing'}`);
      }
      assert.deepEqual(wrong, [], `want ${want.join(' ')}`);
    });
  }

  for (const [key, value, role] of KEYS) {
    it(`key: ${key}`, () => {
      const want = [`${value}:${role}`];
      const wrong: string[] = [];
      for (const [place, [format, wrap]] of Object.entries(KEY_PLACES)) {
        const got = ports(format, wrap(key, value));
        if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${place}: ${got.join(' ') || 'nothing'}`);
      }
      assert.deepEqual(wrong, [], `want ${want.join(' ')}`);
    });
  }
});
