import assert from 'node:assert/strict';
import { RULES, type RuleContext } from '../../server/src/service/rules';
import type { MachineSnapshot } from '../../server/src/service/machine/types';
import type { PortOccurrence } from '../../server/src/service/scan';
import { kubeFacts, type KubeFacts } from '../../server/src/service/workspaceKube';
import { indexEntry } from '../../server/src/service/workspaceIndex';
import { PortLanguageService } from '../../server/src/service/languageService';
import { bundledIndex, doc, settings } from '../helpers/service';

// The Kubernetes rules (probePort, duplicateContainerPort, nodePortRange) and reservedByOS decide from
// what the document's scan holds, its occurrences and its Kubernetes objects (`ctx.kube`), never from
// the text: each case below gives them a text that says the opposite of the objects they are handed.

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 8080\n';
const POD = [
  'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:',
  '    - name: app', '      ports:', '        - containerPort: 8080', '          name: http',
  '      livenessProbe:', '        httpGet:', '          port: metrics',
  '    - name: side', '      ports:', '        - containerPort: 8080', '',
].join('\n');

function context(text: string, kube: KubeFacts | undefined, extra: Partial<RuleContext> = {}): RuleContext {
  return { uri: 'file:///k/app.yaml', text, format: 'yaml', occurrences: [], index: bundledIndex(), settings: settings(), kube, ...extra };
}

const NONE: KubeFacts = { services: [], workloads: [], backends: [], manifest: false };

function ids(ctx: RuleContext): string[] {
  return (['probePort', 'duplicateContainerPort', 'nodePortRange'] as const).flatMap((id) => RULES[id].check(ctx).map((f) => `${id}@${f.start}`));
}

describe('rules that read the document\'s Kubernetes objects, not its text', () => {
  it('judge the objects they are handed: a Service and a Pod read from one text, checked beside an empty one', () => {
    const facts = kubeFacts(SERVICE + '---\n' + POD);
    const text = SERVICE + '---\n' + POD;
    const nodePort = text.indexOf('8080');
    const probe = text.indexOf('metrics');
    const second = text.lastIndexOf('8080');
    assert.deepEqual(ids(context('', facts)).sort(), [`duplicateContainerPort@${second}`, `nodePortRange@${nodePort}`, `probePort@${probe}`].sort());
    // The same text with no objects handed: nothing, since the rules do not read it.
    assert.deepEqual(ids(context(text, NONE)), []);
    assert.deepEqual(ids(context(text, undefined)), []);
  });

  it('nodePortRange reads the nodePort\'s value from the object, where the object says it is', () => {
    const facts: KubeFacts = {
      ...NONE,
      manifest: true,
      services: [{ name: 'web', namespace: '', selector: {}, ports: [{ nodePort: { start: 3, end: 7, text: '9000' }, protocol: 'TCP' }] }],
    };
    const [f] = RULES.nodePortRange.check(context('nodePort: 31000\n', facts));
    assert.equal(f.port, 9000);
    assert.deepEqual([f.start, f.end], [3, 7]);
  });

  it('reservedByOS decides where a YAML port binds from the objects\' manifest flag, not from apiVersion/kind in the text', () => {
    const machine: MachineSnapshot = { platform: 'win32', takenAt: 0, sockets: [], reserved: [{ protocol: 'tcp', start: 50000, end: 50059, administered: false }] };
    const occurrences: PortOccurrence[] = [{ start: 6, end: 11, kind: 'port', port: 50010, role: 'listen', key: 'PORT' }];
    const manifestText = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  PORT: "50010"\n';
    const found = (kube: KubeFacts) => RULES.reservedByOS.check(context(manifestText, kube, { occurrences, machine })).map((f) => f.port);
    // A Kubernetes manifest's ports live in the cluster; an application's YAML binds on this machine.
    assert.deepEqual(found({ ...NONE, manifest: true }), []);
    assert.deepEqual(found({ ...NONE, manifest: false }), [50010]);
  });

  it('the language service reads a YAML document\'s objects once per version, and the index entry reuses them', () => {
    const service = new PortLanguageService(bundledIndex, (e) => { throw e; });
    const s = settings();
    const d = doc(SERVICE, 'file:///k/svc.yaml', 'yaml');
    const codes = service.doValidation(d, s).map((x) => x.code);
    assert.ok(codes.includes('nodePortRange'), codes.join(', '));
    const scan = service.scan(d, s);
    assert.equal(scan.kube?.manifest, true);
    assert.equal(scan.kube?.services[0]?.ports[0]?.nodePort?.text, '8080');
    // Read again only for a new version.
    const kube = scan.kube;
    service.doValidation(d, s);
    assert.equal(service.scan(d, s).kube, kube);
    // The index entry built from the scan's objects equals the one that reads the text itself.
    const fromScan = indexEntry(d.uri, 'yaml', SERVICE, scan.occurrences, scan.kube);
    const fromText = indexEntry(d.uri, 'yaml', SERVICE, scan.occurrences);
    assert.deepEqual(fromScan?.kube, fromText?.kube);
    // A Compose file holds no Kubernetes objects; its scan never reads any.
    const compose = doc('services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n', 'file:///k/compose.yaml', 'dockercompose');
    service.doValidation(compose, s);
    assert.equal(service.scan(compose, s).kube, undefined);
  });
});
