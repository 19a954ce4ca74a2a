import assert from 'node:assert/strict';
import { findCodePorts } from '../../server/src/service/scan';
import { findShellPorts } from '../../server/src/service/scan/formats/shell';
import type { PortFinder, PortOccurrence } from '../../server/src/service/scan/vocabulary/types';

/**
 * The occurrence under the `|` cursor, placed before the port's first digit. Sources that hold `||`
 * or closures (`|v|`) have other pipes, so the cursor is the `|` directly followed by a digit.
 */
function at(finder: PortFinder, src: string): PortOccurrence | undefined {
  const i = /\|(?=\d)/.exec(src)?.index ?? -1;
  assert.ok(i >= 0, `no cursor in: ${src}`);
  return finder(src.slice(0, i) + src.slice(i + 1)).find((o) => o.start <= i && i < o.end);
}

function expectPort(finder: PortFinder, src: string, port: number, role?: string, scheme?: string): void {
  const o = at(finder, src);
  assert.ok(o, `no port found at the cursor in: ${src}`);
  assert.equal(o.port, port, src);
  if (role) assert.equal(o.role, role, `role in: ${src}`);
  if (scheme) assert.equal(o.scheme, scheme, `scheme in: ${src}`);
}

function expectNone(finder: PortFinder, src: string): void {
  const found = finder(src);
  assert.deepEqual(found.map((o) => src.slice(o.start, o.end)), [], `expected no port in: ${src}`);
}

const code = (src: string, port: number, role?: string, scheme?: string) => expectPort(findCodePorts, src, port, role, scheme);
const shell = (src: string, port: number, role?: string) => expectPort(findShellPorts, src, port, role);

describe('code finder: strings', () => {
  it('reads host:port and URLs in string literals', () => {
    code(`const db = "localhost:|5432";`, 5432, 'connect');
    code(`fetch('http://localhost:|3001/v1/items?limit=20')`, 3001, 'connect', 'http');
    code(`const grpc = 'dns:///orders.internal:|50051';`, 50051, 'connect', 'dns');
    code(`ln, _ := net.Listen("tcp", ":|9000")`, 9000, 'listen');
    code(`conn, _ := net.Dial("udp", "10.1.2.3:|514")`, 514, 'connect');
    code(`http.ListenAndServe(":|8080", nil)`, 8080, 'listen');
    code(`let l = TcpListener::bind("127.0.0.1:|8080")?;`, 8080);
    code('builder.WebHost.UseUrls("http://*:|5000");', 5000, undefined, 'http');
  });
  it('knows every string syntax', () => {
    code('const u = `http://localhost:|8080/${path}`;', 8080, undefined, 'http');
    code('const u = `${proto}://h/${x}` + `ws://localhost:|9001`;', 9001, undefined, 'ws');
    code(`s = """\nserver at localhost:|8000\n"""`, 8000);
    code(`s = f"redis://cache.internal:|6380/{db}"`, 6380, undefined, 'redis');
    code('addr := `0.0.0.0:|7070`', 7070, 'listen');
    code(`var cs = @"Server=db.internal;Port=|5432;User Id=""app""";`, 5432);
    code(`let s = r#"tcp://127.0.0.1:|7000"#;`, 7000);
    code(`@Value("\${server.port:|8080}")`, 8080, 'listen');
  });
  it('finds ports in comments where they read host:port, a URL or a port the sentence names, as documentation', () => {
    code(`// start it, then open http://localhost:|4000/health`, 4000);
    code(`# forwards to 127.0.0.1:|8125.\nx = 1`, 8125);
    const src = `// retry 3 times, wait 3000 ms, port 8080 by default\nconst a = 1;`;
    assert.deepEqual(findCodePorts(src).map((o) => [src.slice(o.start, o.end), o.inComment]), [['8080', true]]);
    expectNone(findCodePorts, `/* see main.go:1234 and issue:5000 */`);
  });
});

describe('code finder: names that say port', () => {
  it('reads assignments, properties and keyword arguments', () => {
    code(`const DEFAULT_PORT = |5173;`, 5173, 'listen');
    code(`EMAIL_PORT = |465`, 465, 'connect');
    code(`PORT = |8000`, 8000);
    code(`DATABASES = {"default": {"HOST": "db", "PORT": "|5432"}}`, 5432);
    code(`app.run(host="0.0.0.0", port=|5000, debug=True)`, 5000, 'listen');
    code(`uvicorn.run(app, port=|8000)`, 8000);
    code(`createServer({ server: { port: DEFAULT_PORT, hmr: { port: |24678 } } })`, 24678, 'listen');
    code(`cfg := Config{Port: |9000, Host: "x"}`, 9000);
    code(`const PORT: u16 = |3000;`, 3000);
    code(`port: int = |8000`, 8000);
    code(`#define SERVER_PORT |7070`, 7070);
    code(`'port' => |3306,`, 3306);
    code(`set :port, |4567`, 4567);
    code(`ports = [|80, 443]`, 80);
    code(`ports = [80, |443]`, 443);
    code(`server.port(|8080);`, 8080);
    code(`props.put("server.port", "|8081");`, 8081);
    code(`HOST, PORT = "0.0.0.0", |8000`, 8000, 'listen');
    code(`host, port := "localhost", "|8080"`, 8080);
  });
  it('reads defaults of environment lookups', () => {
    code(`app.listen(process.env.PORT || |3000)`, 3000, 'listen');
    code(`const port = process.env.PORT ?? |3000;`, 3000);
    code(`port = int(os.getenv("PORT", "|8000"))`, 8000);
    code(`port = int(os.environ.get("PORT", |5000))`, 5000);
    code(`var port = Environment.GetEnvironmentVariable("PORT") ?? "|5000";`, 5000);
    code(`port ENV.fetch("PORT") { |3000 }`, 3000);
    code(`const port = parseInt(process.env.PORT, 10) || |8085;`, 8085);
    code(`let p = env::var("PORT").ok().and_then(|v| v.parse().ok()).unwrap_or(|8080);`, 8080);
    code(`val port = System.getenv("PORT")?.toIntOrNull() ?: |8080`, 8080);
    code(`'port' => env('DB_PORT', '|3306'),`, 3306, 'connect');
    code(`parser.add_argument("--metrics-port", type=int, default=|9102)`, 9102);
    code(`port := flag.Int("port", |8080, "port to listen on")`, 8080);
    code(`func grpcPort() int {\n  if v := os.Getenv("GRPC_PORT"); v != "" { return 1 }\n  return |9000\n}`, 9000);
  });
  it('does not take counts, timeouts or other numbers near a port name', () => {
    expectNone(findCodePorts, `const port = parseInt(process.env.PORT, 10);`);
    expectNone(findCodePorts, `app.listen(PORT, () => { setTimeout(done, 3000) });`);
    expectNone(findCodePorts, `if (ports.length === 0) return;`);
    expectNone(findCodePorts, `const MAX_PORTS = 10;`);
    expectNone(findCodePorts, `const x = ports[0];`);
    expectNone(findCodePorts, `port = -1`);
    expectNone(findCodePorts, `host, retries = "db.internal", 5`);
    expectNone(findCodePorts, `parser.add_argument("-p", "--padding", type=int, default=0)`);
    expectNone(findCodePorts, `const PORT_TIMEOUT = 5000; const report = 3;`);
  });
});

describe('code finder: calls that take a port', () => {
  it('reads listen, bind, connect and socket constructors', () => {
    code(`server.listen(|8787, '0.0.0.0');`, 8787, 'listen');
    code(`net.createServer().listen(|7000);`, 7000, 'listen');
    code(`new InetSocketAddress(|8080)`, 8080, 'listen');
    code(`new InetSocketAddress("localhost", |8080)`, 8080);
    code(`try (ServerSocket s = new ServerSocket(|9990)) {}`, 9990, 'listen');
    code(`socket.bind(("0.0.0.0", |9000))`, 9000, 'listen');
    code(`sock.connect(("db", |5432))`, 5432, 'connect');
    code(`let addr = SocketAddr::from(([0, 0, 0, 0], |3000));`, 3000, 'listen');
    code(`options.Listen(IPAddress.Loopback, |5001);`, 5001, 'listen');
    code(`server = TCPServer.new('127.0.0.1', |2000)`, 2000, 'listen');
    code(`smtplib.SMTP("smtp.example.com", |587)`, 587, 'connect');
    code(`admin = await asyncio.start_server(handle, "127.0.0.1", |7001)`, 7001);
    code(`client.connect(|4321, "legacy.internal")`, 4321, 'connect');
    code(`addr.sin_port = htons(|8080);`, 8080);
    code(`return fmt.Errorf("probe %s:%d: %w", host, |8443, err)`, 8443);
  });
  it('reads the address in a NestJS microservice\'s options as its own listening address', () => {
    code(`app.connectMicroservice<MicroserviceOptions>({ transport: Transport.GRPC, options: { url: 'orders-svc:|50051' } });`, 50051, 'listen');
    code(`const app = await NestFactory.createMicroservice(AppModule, { options: { url: '0.0.0.0:|5000' } });`, 5000, 'listen');
    // A client of the same service, and a URL with a scheme, stay clients.
    code(`ClientsModule.register([{ name: 'ORDERS', transport: Transport.GRPC, options: { url: 'orders-svc:|50051' } }]);`, 50051, 'connect');
    code(`app.connectMicroservice({ options: { url: 'redis://cache:|6379' } });`, 6379, 'connect');
  });

  it('leaves status codes, sizes, timers and addresses alone', () => {
    expectNone(findCodePorts, `res.writeHead(200, { 'content-length': 2 });`);
    expectNone(findCodePorts, `buf := make([]byte, 65535)`);
    expectNone(findCodePorts, `var retries = 5`);
    expectNone(findCodePorts, `setTimeout(fn, 3000); time.sleep(1000)`);
    expectNone(findCodePorts, `SESSION_COOKIE_AGE = 1209600\nCONN_MAX_AGE = 600`);
    expectNone(findCodePorts, `const limit = '?limit=20'; const v = "1.2.3"; const c = '#ff8800';`);
    expectNone(findCodePorts, `ip = [127, 0, 0, 1]; date = "2024-03-15T10:30:00Z"`);
    expectNone(findCodePorts, `import socket\ns = socket.socket()\ns.listen(5)\n`);
    expectNone(findCodePorts, `labels = {'iso_8859-2:1987': 'iso-8859-2'}`);
    expectNone(findCodePorts, `x = '[1,2,{"4":5}]'; y = f"py{v[:2]}"`);
    expectNone(findCodePorts, `const re = /"http:\\/\\/x:80"/; const a = 1;`);
  });
});

describe('code finder: robustness', () => {
  // The bounds catch only catastrophic (super-linear) scans; speed itself is measured by the benchmark.
  it('never throws and stays linear on hostile input', function () {
    this.timeout(120000);
    const inputs = ['1'.repeat(1 << 20), '('.repeat(1 << 18), '`${'.repeat(1 << 16), '"'.repeat(1 << 18), "'a".repeat(1 << 17), 'port='.repeat(1 << 16), '/*', '`', '@"', 'r#"'];
    for (const t of inputs) {
      const t0 = performance.now();
      findCodePorts(t);
      findShellPorts(t);
      assert.ok(performance.now() - t0 < 15000, `slow on input starting ${JSON.stringify(t.slice(0, 10))}`);
    }
  });
  it('scans a 10 MB file in linear time', function () {
    this.timeout(120000);
    const chunk = `const a=fetch("http://localhost:3000/x"),b={port:8080,t:3000};function f(x){return x*2/3}\n`;
    const big = chunk.repeat(Math.ceil(10e6 / chunk.length));
    const t0 = performance.now();
    const found = findCodePorts(big);
    assert.ok(performance.now() - t0 < 30000);
    assert.equal(found.length, 2 * Math.ceil(10e6 / chunk.length));
  });
});

describe('shell finder', () => {
  it('reads assignments, flags and mappings', () => {
    shell(`PORT=|8080`, 8080, 'listen');
    shell(`export API_PORT=|3000`, 3000);
    shell(`APP_PORT="\${APP_PORT:-|8080}"`, 8080);
    shell(`: "\${PORT:=|8080}"`, 8080);
    shell(`node server.js --port |8080`, 8080);
    shell(`psql -h localhost -p |5432 -U app`, 5432, 'connect');
    shell(`ssh -p |2222 deploy@host`, 2222, 'connect');
    shell(`redis-cli -p |6379 ping`, 6379, 'connect');
    shell(`mysql -h db -P |3306 -uroot -psecret`, 3306);
    shell(`docker run -p |8080:80 nginx`, 8080, 'host');
    shell(`docker run -p 8080:|80 nginx`, 80, 'container');
    shell(`docker run -p 127.0.0.1:|5432:5432/tcp postgres`, 5432, 'host');
    shell(`docker run -p 127.0.0.1:5432:|5432/tcp postgres`, 5432, 'container');
    shell(`docker run \\\n  -p |9229:9229 app`, 9229);
    shell(`nc -l |9000`, 9000, 'listen');
    shell(`nc -z -w 3 db |5432`, 5432, 'connect');
    shell(`curl localhost:|3000/health`, 3000, 'connect');
    shell(`curl -fsS http://127.0.0.1:|8080/health`, 8080);
    shell(`ssh -L |15432:localhost:5432 bastion`, 15432);
    shell(`kubectl port-forward svc/web |8080:80`, 8080);
    shell(`python3 -m http.server |8000`, 8000, 'listen');
    shell(`lsof -i :|3000`, 3000);
    shell(`PORT ?= |8000`, 8000);
    shell(`run:\n\tdocker run -p $(PORT):|5432 postgres`, 5432);
  });
  it('leaves other numbers alone', () => {
    expectNone(findShellPorts, `sleep 5\nexit 1\nhead -n 10 f\nhead -c 100 f\nchmod 755 x\ntail -n 20 log 2>&1`);
    expectNone(findShellPorts, `ps -p 1234\nkill -9 1234\npatch -p1 < fix.diff\nxargs -P 4 echo\nmysql -uroot -p123456`);
    const src = `# listens on port 8080 by default\nseq 1 10\ndate +%H:%M:%S`;
    assert.deepEqual(findShellPorts(src).map((o) => [src.slice(o.start, o.end), o.inComment]), [['8080', true]]);
    expectNone(findShellPorts, `docker build -t "registry/api:1.8.3" --build-arg NODE_VERSION=20 .`);
  });
});
