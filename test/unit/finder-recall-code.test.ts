import assert from 'node:assert/strict';
import { findCodePorts } from '../../server/src/service/scan';
import { findShellPorts } from '../../server/src/service/scan/formats/shell';
import type { PortFinder, PortOccurrence } from '../../server/src/service/scan/vocabulary/types';

/**
 * Shapes the shell and code finders used to miss in real files (Procfiles, Makefiles, tunnel and
 * firewall scripts, Jenkinsfiles, Vagrantfiles), each next to look-alikes that must stay silent.
 * The cursor `|` stands right before the first digit of the port that is asserted; it is taken out of
 * the text before the finder reads it, so the offsets checked are those a hover would use.
 */
function at(finder: PortFinder, src: string): { o: PortOccurrence | undefined; i: number; text: string } {
  const i = /\|(?=\d)/.exec(src)?.index ?? -1;
  assert.ok(i >= 0, `no cursor in: ${src}`);
  const text = src.slice(0, i) + src.slice(i + 1);
  return { o: finder(text).find((x) => x.start === i), i, text };
}

/** The port under the cursor is found with exactly its digits, and the given role (and protocol, host). */
function expectPort(finder: PortFinder, src: string, port: number, role?: string, extra: { protocol?: string; host?: string } = {}): void {
  const { o, i, text } = at(finder, src);
  assert.ok(o, `no port found at the cursor in: ${src}`);
  assert.equal(o.port, port, src);
  assert.equal(text.slice(o.start, o.end), String(port), `offsets in: ${src}`);
  assert.equal(o.end - i, String(port).length, src);
  if (role) assert.equal(o.role, role, `role in: ${src}`);
  if (extra.protocol) assert.equal(o.protocol, extra.protocol, `protocol in: ${src}`);
  if (extra.host) assert.equal(o.host, extra.host, `host in: ${src}`);
}

/** The digits the finder reports, in order. */
function ports(finder: PortFinder, src: string): string[] {
  return finder(src).map((o) => src.slice(o.start, o.end));
}

function expectNone(finder: PortFinder, src: string): void {
  assert.deepEqual(ports(finder, src), [], `expected no port in: ${src}`);
}

const shell = (src: string, port: number, role?: string, extra?: { protocol?: string; host?: string }) => expectPort(findShellPorts, src, port, role, extra);
const code = (src: string, port: number, role?: string, extra?: { protocol?: string; host?: string }) => expectPort(findCodePorts, src, port, role, extra);
const noShell = (src: string) => expectNone(findShellPorts, src);
const noCode = (src: string) => expectNone(findCodePorts, src);

describe('shell finder: recall on real scripts', () => {
  it('reads :PORT after an address flag written with =, and not after other flags', () => {
    shell('metrics: bin/statsd-exporter --statsd.listen-udp=:|9125 --web.listen-address=:9102', 9125, 'listen');
    shell('metrics: bin/statsd-exporter --statsd.listen-udp=:9125 --web.listen-address=:|9102', 9102, 'listen');
    shell('\tPORT=$(PORT) ./bin/$(APP) --metrics-addr=:|9102', 9102, 'listen');
    shell('./manager --health-probe-bind-address=:|8081', 8081, 'listen');
    noShell('./app --timeout=:30 --retries 5 --since=:10');
    noShell('./app --log-level=debug --workers=4');
  });

  it('reads a Procfile line after its process name', () => {
    shell('worker: redis-cli -p |6380 monitor', 6380, 'connect');
    noShell('web: sleep 30');
    noShell('release: mkdir -p 0755 && chmod 0644 x');
  });

  it('finds kubectl port-forward after flags with values, and nothing in other subcommands', () => {
    shell('\tkubectl -n orders port-forward svc/orders-api |18080:80 &', 18080, 'host');
    shell('\tkubectl -n orders port-forward svc/orders-api 18080:|80 &', 80, 'container');
    shell('kubectl -n data port-forward statefulset/postgres |5432 &', 5432, 'listen');
    shell('kubectl port-forward -n monitoring svc/grafana |3000:80', 3000);
    noShell('kubectl -n 5 get pods --request-timeout 30');
    noShell('kubectl scale deploy/api --replicas 3 -n orders');
    noShell('kubectl -n orders logs svc/api --tail 100');
  });

  it('reads the script of sh -c, also behind timeout and docker exec', () => {
    shell("timeout 60 sh -c 'until nc -z -w 5 localhost |6379; do sleep 1; done'", 6379, 'connect');
    shell('docker exec web sh -c "redis-cli -p |6380 ping"', 6380, 'connect');
    shell('bash -lc "psql -h db -p |5433 -c \'select 1\'"', 5433, 'connect');
    shell('nice -n 10 nc -z db |5432', 5432, 'connect');
    noShell("timeout 60 sh -c 'sleep 30'");
    noShell("sh -c 'chmod 0644 /etc/app.conf; tail -n 5 /var/log/app.log'");
    noShell('watch -n 5 date');
  });

  it('reads autossh as ssh, with -M as its monitoring port', () => {
    shell('autossh -M |20000 -f -N -L 6443:10.0.0.10:6443 "$BASTION"', 20000, 'listen');
    shell('autossh -M 20000 -f -N -L |6443:10.0.0.10:6443 "$BASTION"', 6443, 'listen');
    shell('autossh -M 20000 -f -N -L 6443:10.0.0.10:|6443 "$BASTION"', 6443, 'connect');
    shell('ssh -M -S /tmp/ctl -p |2222 deploy@bastion', 2222, 'connect');
    noShell('autossh -f -N "$BASTION"');
  });

  it('reads socat addresses: LISTEN and RECVFROM ports listen, the others connect', () => {
    shell('socat -u UDP4-RECVFROM:|514,fork UDP4-SENDTO:10.0.7.2:514', 514, 'listen', { protocol: 'udp' });
    shell('socat -u UDP4-RECVFROM:514,fork UDP4-SENDTO:10.0.7.2:|514', 514, 'connect', { protocol: 'udp', host: '10.0.7.2' });
    shell('socat TCP-LISTEN:|5000,fork,reuseaddr TCP:10.0.0.8:5000', 5000, 'listen', { protocol: 'tcp' });
    shell('socat TCP-LISTEN:5000,fork,reuseaddr TCP:10.0.0.8:|5000', 5000, 'connect', { host: '10.0.0.8' });
    noShell('socat -T 10 -b 8192 STDIO EXEC:/bin/cat');
    noShell('socat - OPEN:/tmp/out.log,creat,append');
  });

  it('reads bash /dev/tcp and /dev/udp paths, and no other device', () => {
    shell('exec 3<>/dev/tcp/127.0.0.1/|6379', 6379, 'connect', { protocol: 'tcp', host: '127.0.0.1' });
    shell('echo "<14>hello" > /dev/udp/10.0.0.5/|514', 514, 'connect', { protocol: 'udp' });
    shell('if ! (exec 3<>"/dev/tcp/$HOST/|5432") 2>/dev/null; then exit 1; fi', 5432, 'connect');
    noShell('head -c 7 </dev/tty; ls /dev/sda1 /dev/loop/5');
    noShell('cat /dev/tcp/notes');
  });

  it('reads wait-on tcp: resources', () => {
    shell('wait-on tcp:127.0.0.1:|8000', 8000, 'connect');
    shell('wait-on --timeout 60000 tcp:db:|5432', 5432, 'connect', { host: 'db' });
    shell('npx wait-on tcp:|3000 && npm test', 3000);
    assert.deepEqual(ports(findShellPorts, 'wait-on --timeout 60000 --interval 500 tcp:localhost:3000'), ['3000']);
  });

  it('reads iptables port lists and firewalld forward ports', () => {
    shell('iptables -A INPUT -p tcp -m multiport --dports 80,|443 -j ACCEPT', 443, 'listen');
    shell('iptables -A INPUT -p tcp -m multiport --dports |80,443 -j ACCEPT', 80);
    shell('iptables -A OUTPUT -p udp --sports |53 -j ACCEPT', 53);
    shell('  firewall-cmd --permanent --add-forward-port=port=|80:proto=tcp:toport=8080', 80);
    shell('  firewall-cmd --permanent --add-forward-port=port=80:proto=tcp:toport=|8080', 8080);
    noShell('iptables -A INPUT -m limit --limit 5/min --limit-burst 10 -j LOG');
    noShell('firewall-cmd --timeout=60 --add-service=http');
  });

  it('reads port keys inside other values: AWS permissions and Java system properties', () => {
    const aws = "aws ec2 authorize-security-group-ingress --group-id sg-0123 --ip-permissions 'IpProtocol=tcp,FromPort=|443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]'";
    shell(aws, 443, 'listen');
    shell(aws.replace('FromPort=|443,ToPort=443', 'FromPort=443,ToPort=|443'), 443);
    shell('java -Dserver.port=|8081 -Xmx512m -jar app.jar', 8081, 'listen');
    shell('JAVA_OPTS="-Dserver.port=|8080 -Xms256m" ./run.sh', 8080);
    noShell('aws ec2 describe-instances --max-items 5 --cli-read-timeout 30 --filters Name=instance-state-code,Values=16');
    noShell('java -Dspring.profiles.active=prod -Dthreads=4 -Xss2m -jar app.jar');
    noShell('JAVA_OPTS="-Xmx1024m -Dretries=5" ./run.sh');
  });

  it('reads ss filters, and -p of ss is no port', () => {
    shell("ss -tlnp 'sport = :|443'", 443, 'listen');
    shell("ss -tn '( dport = :5432 or dport = :|6432 )'", 6432);
    noShell('ss -tlnp');
    noShell('ss -s | head -n 5');
  });
});

describe('code finder: recall on Jenkinsfiles and Vagrantfiles', () => {
  it('reads the strings given to sh, system and friends as shell commands', () => {
    code('sh "docker run -d --name smoke-${BUILD_NUMBER} -p |18081:${APP_PORT} app:${BUILD_NUMBER}"', 18081, 'host');
    code('def out = sh(script: "redis-cli -p |6380 ping", returnStdout: true)', 6380, 'connect');
    code("sh label: 'db', script: 'pg_isready -h db -p |5433'", 5433, 'connect');
    code('subprocess.run("nc -z db |5432", shell=True, check=True)', 5432, 'connect');
    code('os.system("psql -h db -p |5433 -c \'select 1\'")', 5433, 'connect');
    code('system("docker run -d -p |8080:80 nginx")', 8080, 'host');
    code('$out = shell_exec("redis-cli -p |6379 info");', 6379, 'connect');
    noCode("sh 'sleep 30'");
    noCode("sh './mvnw -B -T 4 -DskipTests package'");
    noCode("sh 'chmod 0644 build/app && tail -n 5 build/log.txt'");
    noCode('subprocess.run(["sleep", "30"], timeout=60)');
    noCode('exec("timeout 60 make -j 4")');
  });

  it('reads docker.image().withRun() and inside() arguments as docker run flags', () => {
    const src = "docker.image('postgres:15.6').withRun('-e POSTGRES_PASSWORD=test -p |5433:5432') { c ->";
    code(src, 5433, 'host');
    code(src.replace('|5433:5432', '5433:|5432'), 5432, 'container');
    code("docker.image('maven:3.9').inside('-v $HOME/.m2:/root/.m2 -p |8081:8080') {", 8081, 'host');
    noCode("docker.image('maven:3.9.6').inside('-v /tmp:/tmp --cpus 2 -m 512m') {");
  });

  it('reads guest and host side by side as a forwarded port, and neither alone', () => {
    code('  config.vm.network "forwarded_port", guest: |80, host: 8080, host_ip: "127.0.0.1"', 80, 'container');
    code('  config.vm.network "forwarded_port", guest: 80, host: |8080, host_ip: "127.0.0.1"', 8080, 'host');
    code('  config.vm.network :forwarded_port, guest: 22, host: |2200, id: "ssh", auto_correct: true', 2200, 'host');
    code('  config.vm.network(:forwarded_port, host: |15432,\n    guest: 5432)', 15432, 'host');
    code('  config.vm.network :forwarded_port, :guest => 3000, :host => |3001', 3001, 'host');
    noCode('client = Client.new(host: "db.internal", timeout: 30, retries: 5)');
    noCode('opts = { host: 80 }\nother = { guest: 3 }');
    noCode('  vb.memory = 4096\n  vb.cpus = 2\n  config.vm.boot_timeout = 600');
  });

  it('reads a <<-SHELL heredoc as a script and goes on reading code after it', () => {
    const vagrant = [
      'Vagrant.configure("2") do |config|',
      '  config.vm.provision "shell", inline: <<-SHELL',
      '    apt-get install -y postgresql-14',
      '    sleep 30',
      '    ufw allow |5432/tcp',
      '  SHELL',
      '  config.vm.network "forwarded_port", guest: 22, host: 2200',
      'end',
      '',
    ].join('\n');
    code(vagrant, 5432, 'listen');
    assert.deepEqual(ports(findCodePorts, vagrant.replace('|5432', '5432')), ['5432', '22', '2200']);
    // A heredoc of another kind stays code, and one that never ends leaves the rest to be read as code.
    noCode('query = <<~SQL\n  SELECT * FROM t LIMIT 30\nSQL\n');
    code('script = <<-SHELL\nport = |8080\n', 8080);
  });
});
