import { walkYaml, type YamlFrame } from './scan/text/yamlScan';

/**
 * What the cross-file Kubernetes rule needs from one YAML file: each Service's selector and ports, and
 * each workload's pod labels and container ports. It reads the text with the finders' forgiving YAML
 * walker, so Helm templates and malformed files yield what can be read instead of an error.
 */

/** A scalar as written, with its offsets in the file. */
export interface KubeScalar {
  start: number;
  end: number;
  text: string;
}

export interface KubeServicePort {
  /** The item's `port`, `targetPort`, `nodePort` and `name` values, where given. */
  port?: KubeScalar;
  targetPort?: KubeScalar;
  nodePort?: KubeScalar;
  name?: string;
  nameAt?: KubeScalar;
  /** Upper-case protocol; Kubernetes defaults to TCP. */
  protocol: string;
}

export interface KubeService {
  name: string;
  namespace: string;
  /** `spec.selector`; empty when the Service selects nothing (its endpoints are managed by hand). */
  selector: Record<string, string>;
  ports: KubeServicePort[];
}

export interface KubeContainerPort {
  /** NaN when the number is templated. */
  containerPort: number;
  start: number;
  end: number;
  name?: string;
  /** Where the name is written. */
  nameAt?: KubeScalar;
  protocol: string;
  container: string;
  /** Declared by an init container, which runs before the others and so shares no port with them. */
  init: boolean;
}

/** A probe's port (`livenessProbe.httpGet.port: http`), number or name. */
export interface KubeProbePort {
  container: string;
  /** `livenessProbe`, `readinessProbe` or `startupProbe`, as written. */
  probe: string;
  port: KubeScalar;
}

/** An Ingress backend: the Service it sends to and that Service's port, by number or name. */
export interface KubeBackend {
  ingress: string;
  namespace: string;
  service: string;
  port: KubeScalar;
  /** True for `port.name` (or a named `servicePort`), false for `port.number`. */
  byName: boolean;
}

export interface KubeWorkload {
  kind: string;
  name: string;
  namespace: string;
  /** The labels its pods carry (`spec.template.metadata.labels`, or a Pod's own labels). */
  labels: Record<string, string>;
  ports: KubeContainerPort[];
  probes: KubeProbePort[];
}

export interface KubeFacts {
  services: KubeService[];
  workloads: KubeWorkload[];
  backends: KubeBackend[];
  /**
   * True when the file is a Kubernetes manifest (`apiVersion:` and `kind:` at the top level): its ports
   * live in the cluster, never on this machine, whatever objects it holds (a ConfigMap's `PORT` too).
   */
  manifest: boolean;
}

/** True when a YAML text is a Kubernetes manifest: top-level `apiVersion:` and `kind:` keys. */
export function isKubeManifest(text: string): boolean {
  return /^apiVersion:/m.test(text) && /^kind:/m.test(text);
}

interface DocState {
  kind: string;
  name: string;
  namespace: string;
  selector: Record<string, string>;
  servicePorts: KubeServicePort[];
  metaLabels: Record<string, string>;
  templateLabels: Record<string, string>;
  containerPorts: KubeContainerPort[];
  probes: KubeProbePort[];
  backends: KubeBackend[];
}

function newDoc(): DocState {
  return { kind: '', name: '', namespace: '', selector: {}, servicePorts: [], metaLabels: {}, templateLabels: {}, containerPorts: [], probes: [], backends: [] };
}

/** What a container item gathers while its keys are read: its name may come after its ports and probes. */
interface ContainerState {
  ports: KubeContainerPort[];
  probes: KubeProbePort[];
}

/** Keys of a probe that hold its port. */
const PROBE_ACTIONS = new Set(['httpget', 'tcpsocket', 'grpc']);
const PROBES = new Set(['livenessprobe', 'readinessprobe', 'startupprobe']);

/** The container item around a frame (`containers: - ...`), or null. */
function containerOf(frame: YamlFrame): YamlFrame | null {
  for (let f: YamlFrame | null = frame, depth = 0; f && depth < 16; f = f.parent, depth++) {
    if (f.isItem && f.owner && (f.owner.lower === 'containers' || f.owner.lower === 'initcontainers')) return f;
  }
  return null;
}

function stateOf(container: YamlFrame): ContainerState {
  let st = container.data as ContainerState | undefined;
  if (!st) container.data = st = { ports: [], probes: [] };
  return st;
}

/**
 * The key path of a frame from the document root, sequence entries written as `-`:
 * `spec.ports.-.targetport`. A flow mapping that is a value adds no step of its own, so that
 * `selector: {app: web}` reads as the block mapping would, and `- {containerPort: 80}` as one item.
 */
function pathOf(frame: YamlFrame | null): string[] {
  const out: string[] = [];
  for (let f = frame; f; f = f.parent) {
    if (f.isItem && !f.entry) continue;
    out.push(f.isItem ? '-' : f.lower);
  }
  return out.reverse();
}

/** The nearest mapping-key frame above an item: for a port item, its `ports` key. */
function keyAbove(frame: YamlFrame): YamlFrame | null {
  let f = frame.parent;
  while (f && f.isItem) f = f.parent;
  return f;
}

function endsWith(path: string[], tail: string[]): boolean {
  if (path.length < tail.length) return false;
  for (let i = 1; i <= tail.length; i++) if (path[path.length - i] !== tail[tail.length - i]) return false;
  return true;
}

/** Reads the Services and workloads of every YAML document in a file. Never throws. */
export function kubeFacts(text: string): KubeFacts {
  const facts: KubeFacts = { services: [], workloads: [], backends: [], manifest: false };
  // Cheap test first: most YAML files in a workspace are not Kubernetes manifests.
  if (!/^[ \t]*kind:/m.test(text)) return facts;
  facts.manifest = isKubeManifest(text);
  // The `service` mapping of an Ingress backend being read: its name and port may come in any order.
  let backend: { service: string; port?: KubeScalar; byName: boolean } | undefined;
  let doc = newDoc();
  const scalarOf = (f: YamlFrame | null | undefined, key: string): KubeScalar | undefined => {
    const s = f?.fields?.get(key);
    return s ? { start: s.start, end: s.end, text: text.slice(s.start, s.end) } : undefined;
  };
  walkYaml(text, {
    scalar(frame, s, e, _quote, inSeq) {
      if (!frame || inSeq || frame.isItem) return;
      const value = text.slice(s, e);
      const path = pathOf(frame);
      const key = path[path.length - 1];
      if (path.length === 1 && key === 'kind') doc.kind = value;
      else if (path.length === 2 && path[0] === 'metadata' && key === 'name') doc.name = value;
      else if (path.length === 2 && path[0] === 'metadata' && key === 'namespace') doc.namespace = value;
      else if (path.length === 3 && path[0] === 'spec' && path[1] === 'selector') doc.selector[frame.key] = value;
      else if (path.length === 3 && path[0] === 'metadata' && path[1] === 'labels') doc.metaLabels[frame.key] = value;
      else if (path.length >= 4 && endsWith(path.slice(0, -1), ['template', 'metadata', 'labels'])) doc.templateLabels[frame.key] = value;
      else if (key === 'port' && path.length >= 3 && PROBE_ACTIONS.has(path[path.length - 2]) && PROBES.has(path[path.length - 3])) {
        const container = containerOf(frame);
        if (container) stateOf(container).probes.push({ container: '', probe: frame.parent?.parent?.key ?? '', port: { start: s, end: e, text: value } });
      } else if (path.length >= 3 && endsWith(path.slice(0, -1), ['backend', 'service', 'port']) && (key === 'name' || key === 'number')) {
        backend ??= { service: '', byName: false };
        backend.port = { start: s, end: e, text: value };
        backend.byName = key === 'name';
      } else if (path.length >= 3 && endsWith(path, ['backend', 'service', 'name'])) {
        (backend ??= { service: '', byName: false }).service = value;
      } else if (path.length >= 2 && path[path.length - 2] === 'backend' && (key === 'servicename' || key === 'serviceport')) {
        // extensions/v1beta1 and networking.k8s.io/v1beta1: `backend: {serviceName: web, servicePort: http}`.
        backend ??= { service: '', byName: false };
        if (key === 'servicename') backend.service = value;
        else {
          backend.port = { start: s, end: e, text: value };
          backend.byName = !/^\d+$/.test(value);
        }
      }
    },
    freeText() {},
    comment() {},
    close(frame) {
      if (!frame.isItem) {
        // A backend ends with its `service` mapping (v1) or with `backend` itself (v1beta1).
        if (backend && (frame.lower === 'backend' || (frame.lower === 'service' && frame.parent?.lower === 'backend'))) {
          if (backend.service && backend.port) {
            doc.backends.push({ ingress: '', namespace: '', service: backend.service, port: backend.port, byName: backend.byName });
          }
          backend = undefined;
        }
        return;
      }
      const path = pathOf(frame);
      if (path.length === 3 && path[0] === 'spec' && path[1] === 'ports') {
        const nameAt = scalarOf(frame, 'name');
        doc.servicePorts.push({
          port: scalarOf(frame, 'port'),
          targetPort: scalarOf(frame, 'targetport'),
          nodePort: scalarOf(frame, 'nodeport'),
          name: nameAt?.text,
          nameAt,
          protocol: (scalarOf(frame, 'protocol')?.text || 'TCP').toUpperCase(),
        });
      } else if (endsWith(path, ['containers', '-', 'ports', '-']) || endsWith(path, ['initcontainers', '-', 'ports', '-'])) {
        const cp = scalarOf(frame, 'containerport');
        const nameAt = scalarOf(frame, 'name');
        // A templated number (`containerPort: {{ .Values.port }}`) still declares its name.
        if (!cp || (!/^\d{1,5}$/.test(cp.text) && !nameAt)) return;
        // The container's name may follow its ports, so the port waits on the container item.
        const container = keyAbove(frame)?.parent;
        if (!container) return;
        stateOf(container).ports.push({
          containerPort: /^\d{1,5}$/.test(cp.text) ? Number(cp.text) : NaN, start: cp.start, end: cp.end, name: nameAt?.text, nameAt,
          protocol: (scalarOf(frame, 'protocol')?.text || 'TCP').toUpperCase(), container: '', init: container.owner?.lower === 'initcontainers',
        });
      } else if (endsWith(path, ['containers', '-']) || endsWith(path, ['initcontainers', '-'])) {
        const st = frame.data as ContainerState | undefined;
        if (!st) return;
        const name = scalarOf(frame, 'name')?.text ?? '';
        for (const p of st.ports) p.container = name;
        for (const p of st.probes) p.container = name;
        doc.containerPorts.push(...st.ports);
        doc.probes.push(...st.probes);
      }
    },
    endDocument() {
      const d = doc;
      doc = newDoc();
      if (d.kind === 'Service') {
        facts.services.push({ name: d.name, namespace: d.namespace, selector: d.selector, ports: d.servicePorts });
      } else if (d.containerPorts.length || d.probes.length) {
        const labels = Object.keys(d.templateLabels).length ? d.templateLabels : d.kind === 'Pod' ? d.metaLabels : {};
        facts.workloads.push({ kind: d.kind, name: d.name, namespace: d.namespace, labels, ports: d.containerPorts, probes: d.probes });
      }
      if (d.kind === 'Ingress') for (const b of d.backends) facts.backends.push({ ...b, ingress: d.name, namespace: d.namespace });
    },
  });
  return facts;
}

/** The same facts with every written value mapped (offsets to ranges, for the workspace index). */
export type KubeFactsOf<P> = {
  services: (Omit<KubeService, 'ports'> & { ports: (Omit<KubeServicePort, 'port' | 'targetPort' | 'nodePort' | 'nameAt'> & { port?: P; targetPort?: P; nodePort?: P; nameAt?: P })[] })[];
  workloads: (Omit<KubeWorkload, 'ports' | 'probes'> & {
    ports: (Omit<KubeContainerPort, 'start' | 'end' | 'nameAt'> & { at: P; nameAt?: P })[];
    probes: (Omit<KubeProbePort, 'port'> & { port: P })[];
  })[];
  backends: (Omit<KubeBackend, 'port'> & { port: P })[];
};

/** Maps every written value of the facts with `f`. */
export function mapKubeFacts<P>(k: KubeFacts, f: (s: KubeScalar) => P): KubeFactsOf<P> {
  const opt = (s: KubeScalar | undefined) => (s ? f(s) : undefined);
  return {
    services: k.services.map((s) => ({
      ...s,
      ports: s.ports.map((p) => ({ ...p, port: opt(p.port), targetPort: opt(p.targetPort), nodePort: opt(p.nodePort), nameAt: opt(p.nameAt) })),
    })),
    workloads: k.workloads.map((w) => ({
      ...w,
      ports: w.ports.map(({ start, end, nameAt, ...p }) => ({ ...p, at: f({ start, end, text: String(p.containerPort) }), nameAt: opt(nameAt) })),
      probes: w.probes.map((p) => ({ ...p, port: f(p.port) })),
    })),
    backends: k.backends.map((b) => ({ ...b, port: f(b.port) })),
  };
}
