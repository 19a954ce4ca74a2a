import assert from 'node:assert/strict';
import { doCodeActions } from '../../server/src/service/codeActions';
import { applyEdits, doc, settings, testService } from '../helpers/service';

// A mapping joins two ports (`9001:9001`, `-p 61000:61000`, a Service's port and targetPort): a problem
// of the mapping is reported once, on the side the user would change, and its quick fixes are listed once.

const service = testService();

/** The findings of the given rules as `line:column rule`, 1-based. */
function found(text: string, uri: string, languageId: string, rules: string[], raw: unknown = {}): string[] {
  return service.doValidation(doc(text, uri, languageId), settings(raw))
    .filter((d) => rules.includes(String(d.code)))
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
}

const RANGE_RULES = ['dynamicRange', 'ephemeralRange', 'unauthorizedUse', 'outOfRange'];
const C = 'file:///p/docker-compose.yml';

describe('one finding per mapping, on the side to change', () => {
  it('Compose short syntax: the host side only, for every per-port rule', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n'
      + '      - "61000:61000"\n      - "9001:9001"\n      - "99999:99999"\n      - "127.0.0.1:6003:6003"\n'
      + '      - "61010-61012:61010-61012"\n      - "3100:3100"\n';
    assert.deepEqual(found(text, C, 'dockercompose', RANGE_RULES, { ephemeralRange: 'custom', customEphemeralRanges: ['3000-3200'] }), [
      '5:10 dynamicRange',
      '6:10 unauthorizedUse',
      '7:10 outOfRange',
      '8:20 unauthorizedUse',
      // A published range is one mapping: one warning, on its first host port.
      '9:10 dynamicRange',
      '10:10 ephemeralRange',
    ]);
  });

  it('Compose: the container side speaks only when it is the only side that draws the finding', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:99999"\n      - "80:9001"\n      - "6003:9001"\n      - "61003"\n';
    assert.deepEqual(found(text, C, 'dockercompose', RANGE_RULES), [
      '5:15 outOfRange',
      // IANA's record on the image's port, without advice (the user does not choose it).
      '6:13 unauthorizedUse',
      // Two records on one mapping: the host side's, which the user can move.
      '7:10 unauthorizedUse',
      // No host port published: the container port is the one bound.
      '8:10 dynamicRange',
    ]);
    const [own] = service.doValidation(doc(text, C, 'dockercompose'), settings()).filter((d) => d.code === 'unauthorizedUse');
    assert.doesNotMatch(String(own.message), /consider another/);
  });

  it('Compose long syntax: the published port only', () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports:\n      - target: 61000\n        published: 61000\n      - target: 9001\n        published: "9001"\n      - target: 61005\n';
    assert.deepEqual(found(text, C, 'dockercompose', RANGE_RULES), ['6:20 dynamicRange', '8:21 unauthorizedUse', '9:17 dynamicRange']);
  });

  it('docker run -p, kubectl port-forward and ssh -L in a script: the local side only', () => {
    const sh = 'docker run -p 61000:61000 -p 9001:9001 nginx\ndocker run --publish 127.0.0.1:6003:6003 nginx\n'
      + 'kubectl port-forward svc/web 61000:61000 9001:9001\nkubectl port-forward svc/web 9001\nssh -L 9001:localhost:9001 -N bastion\n'
      + 'docker run -p 8080:61001 nginx\n';
    assert.deepEqual(found(sh, 'file:///p/run.sh', 'shellscript', RANGE_RULES), [
      '1:15 dynamicRange',
      '1:30 unauthorizedUse',
      '2:32 unauthorizedUse',
      '3:30 dynamicRange',
      '3:42 unauthorizedUse',
      // One port forwarded to the same port: nothing else to choose.
      '4:30 unauthorizedUse',
      '5:8 unauthorizedUse',
      // As in Compose, the container side of a published mapping draws no range warning.
    ]);
  });

  it('Kubernetes: hostPort over containerPort, a Service\'s targetPort over its port', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n      ports:\n'
      + '        - containerPort: 61000\n          hostPort: 61000\n        - containerPort: 9001\n          hostPort: 9001\n        - containerPort: 61002\n';
    assert.deepEqual(found(pod, 'file:///p/pod.yaml', 'yaml', RANGE_RULES), ['11:21 dynamicRange', '13:21 unauthorizedUse', '14:26 dynamicRange']);
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n'
      + '    - port: 9001\n      targetPort: 9001\n    - port: 9001\n      targetPort: http\n';
    // The Service's own port is what clients reach; the finding goes where something binds.
    assert.deepEqual(found(svc, 'file:///p/svc.yaml', 'yaml', ['unauthorizedUse']), ['10:19 unauthorizedUse', '11:13 unauthorizedUse']);
  });

  it('mappings in other formats: a CI service container, a Podman quadlet, Terraform, Vagrant, an ssh config', () => {
    const ci = 'jobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      minio:\n        image: minio/minio\n        ports:\n          - 9001:9001\n          - "61000:61000"\n';
    assert.deepEqual(found(ci, 'file:///p/.github/workflows/ci.yml', 'yaml', RANGE_RULES), ['8:13 unauthorizedUse', '9:14 dynamicRange']);
    const quadlet = '[Container]\nImage=docker.io/minio/minio\nPublishPort=9001:9001\n';
    assert.deepEqual(found(quadlet, 'file:///p/minio.container', 'plaintext', RANGE_RULES), ['3:13 unauthorizedUse']);
    const tf = 'resource "docker_container" "minio" {\n  ports {\n    internal = 9001\n    external = 9001\n  }\n}\n';
    assert.deepEqual(found(tf, 'file:///p/main.tf', 'terraform', RANGE_RULES), ['4:16 unauthorizedUse']);
    const vagrant = 'Vagrant.configure("2") do |config|\n  config.vm.network "forwarded_port", guest: 9001, host: 9001\nend\n';
    assert.deepEqual(found(vagrant, 'file:///p/Vagrantfile', 'ruby', RANGE_RULES), ['2:58 unauthorizedUse']);
    const ssh = 'Host db\n  LocalForward 9001 localhost:9001\n';
    assert.deepEqual(found(ssh, 'file:///home/u/.ssh/config', 'ssh_config', RANGE_RULES), ['2:16 unauthorizedUse']);
  });

  it('ports that only stand side by side are no mapping: each keeps its finding', () => {
    // EXPOSE lists ports; two containerPorts are two ports; a Service's port and a client's address are not one mapping.
    assert.deepEqual(found('FROM minio/minio\nEXPOSE 9001 61000\n', 'file:///p/Dockerfile', 'dockerfile', RANGE_RULES), ['2:8 unauthorizedUse', '2:13 dynamicRange']);
    const env = 'CONSOLE_PORT=9001\nS3_URL=http://minio.internal:9001\n';
    assert.equal(found(env, 'file:///p/.env', 'dotenv', ['unauthorizedUse']).length, 2);
  });

  it('the quick-fix menu of a mapping lists each fix once, and the replacement edits the host side', () => {
    for (const [text, uri, lang] of [
      ['services:\n  minio:\n    image: nginx\n    ports:\n      - "9001:9001"\n', C, 'dockercompose'],
      ['docker run -p 61000:61000 nginx\n', 'file:///p/run.sh', 'shellscript'],
    ]) {
      const d = doc(text, uri, lang);
      const s = settings();
      const diags = service.doValidation(d, s);
      assert.equal(diags.length, 1, `${text}: ${diags.map((x) => x.code).join(', ')}`);
      // The whole line, as VS Code asks when the cursor stands on it.
      const line = diags[0].range.start.line;
      const actions = doCodeActions(service, d, { start: { line, character: 0 }, end: { line, character: 200 } }, { diagnostics: diags }, s);
      const titles = actions.map((a) => a.title);
      assert.deepEqual(titles, [...new Set(titles)], titles.join(' | '));
      const replace = actions.find((a) => /free port/.test(a.title));
      const out = applyEdits(d, replace!.edit!.changes![uri] as never);
      assert.match(out, /\b\d+:(9001|61000)\b/);
      assert.doesNotMatch(out.split('\n')[line], /(9001|61000):(9001|61000)/);
    }
  });
});
