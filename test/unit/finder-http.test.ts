import assert from 'node:assert/strict';
import path from 'node:path';
import { detectFormat, finderFor } from '../../server/src/service/scan';
import { doc, settings, testService } from '../helpers/service';
import { assertTargets, scoreFolder } from '../helpers/score';

// HTTP request files (`.http`, `.rest`) of REST Client and JetBrains' HTTP Client: the servers their
// requests go to are found and connect; bodies and comments are documentation; headers and bodies
// full of numbers (`Content-Length: 5432`, `"quantity": 8080`, `HTTP/1.1`) give nothing else.

const find = finderFor('http');

function ports(text: string): string[] {
  return find(text).map((o) => `${text.slice(0, o.start).split('\n').length}:${o.port}:${o.role}${o.inComment ? ':doc' : ''}`);
}

describe('HTTP request files', () => {
  it('are detected by name (.http, .rest) and by the REST Client language id', () => {
    assert.equal(detectFormat('plaintext', 'file:///p/api.http'), 'http');
    assert.equal(detectFormat('plaintext', 'file:///p/requests/orders.rest'), 'http');
    assert.equal(detectFormat('http', 'untitled:Untitled-1'), 'http');
    // A name that merely holds the word stays what it was.
    assert.equal(detectFormat('plaintext', 'file:///p/http.conf', 'port = 80\n'), 'keyvalue');
  });

  it('find request lines, file variables, the Host header and URLs in headers, all connecting', () => {
    const text = [
      '@host = localhost:3000',
      '@port = 8080',
      '@authUrl = http://127.0.0.1:8081/auth',
      '',
      'GET http://{{host}}/api/users HTTP/1.1',
      'Host: localhost:9090',
      'Origin: http://localhost:5173',
      '',
      '###',
      'GET https://api.example.com:8443/v1/items',
      '    ?limit=10',
      '    &offset=20',
    ].join('\n');
    assert.deepEqual(ports(text), ['1:3000:connect', '2:8080:connect', '3:8081:connect', '6:9090:connect', '7:5173:connect', '10:8443:connect']);
  });

  it('read a JSON body and comments as documentation and find no port in look-alikes', () => {
    const text = [
      '# The API listens on localhost:3000.',
      'POST http://localhost:8080/orders HTTP/1.1',
      'Content-Type: application/json',
      'Content-Length: 5432',
      'X-Request-Id: 6379',
      'Date: Tue, 15 Nov 1994 08:12:31 GMT',
      '',
      '{"id": 5432, "quantity": 8080, "callback": "http://localhost:9000/hook", "port": 6380}',
      '',
      '### 2',
      'GET http://localhost:8080/health',
    ].join('\n');
    assert.deepEqual(ports(text), ['1:3000:connect:doc', '2:8080:connect', '8:9000:connect:doc', '8:6380:listen:doc', '11:8080:connect']);
  });

  it('leave response handlers and input files of a body alone', () => {
    const text = 'GET http://localhost:8081/metrics\n\n> {%\n  client.test("on localhost:7000", () => {});\n%}\n';
    assert.deepEqual(ports(text), ['1:8081:connect']);
  });

  it('draw no browserUnsafe warning: a REST client is no browser', () => {
    const service = testService();
    const ds = service.doValidation(doc('GET http://localhost:6000/x\n', 'file:///p/api.http', 'plaintext'), settings());
    assert.deepEqual(ds.filter((d) => d.code === 'browserUnsafe'), []);
    // The same URL in a .env file is one a browser opens.
    const env = service.doValidation(doc('SITE_URL=http://localhost:6666/x\n', 'file:///p/.env', 'dotenv'), settings());
    assert.equal(env.filter((d) => d.code === 'browserUnsafe').length, 1);
  });

  it('hold precision >= 0.98 and recall >= 0.95 on test/corpus/http', () => {
    const s = scoreFolder(path.join(__dirname, '../corpus/http'));
    assert.equal(s.files.length, 2, s.files.join(', '));
    assert.ok(s.files.every((f) => f.endsWith('(http)')), s.files.join(', '));
    assert.ok(s.tp >= 14, `only ${s.tp} ports`);
    assertTargets(s);
  });
});
