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
  /** The item's `port`, `targetPort` and `name` values, where given. */
  port?: KubeScalar;
  targetPort?: KubeScalar;
  name?: string;
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
  containerPort: number;
  start: number;
  end: number;
  name?: string;
  protocol: string;
  container: string;
}

export interface KubeWorkload {
  kind: string;
  name: string;
  namespace: string;
  /** The labels its pods carry (`spec.template.metadata.labels`, or a Pod's own labels). */
  labels: Record<string, string>;
  ports: KubeContainerPort[];
}

export interface KubeFacts {
  services: KubeService[];
  workloads: KubeWorkload[];
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
}

function newDoc(): DocState {
  return { kind: '', name: '', namespace: '', selector: {}, servicePorts: [], metaLabels: {}, templateLabels: {}, containerPorts: [] };
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
  const facts: KubeFacts = { services: [], workloads: [] };
  // Cheap test first: most YAML files in a workspace are not Kubernetes manifests.
  if (!/^\s*kind:/m.test(text)) return facts;
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
    },
    freeText() {},
    comment() {},
    close(frame) {
      if (!frame.isItem) return;
      const path = pathOf(frame);
      if (path.length === 3 && path[0] === 'spec' && path[1] === 'ports') {
        const name = scalarOf(frame, 'name')?.text;
        doc.servicePorts.push({
          port: scalarOf(frame, 'port'),
          targetPort: scalarOf(frame, 'targetport'),
          name,
          protocol: (scalarOf(frame, 'protocol')?.text || 'TCP').toUpperCase(),
        });
      } else if (endsWith(path, ['containers', '-', 'ports', '-']) || endsWith(path, ['initcontainers', '-', 'ports', '-'])) {
        const cp = scalarOf(frame, 'containerport');
        if (!cp || !/^\d{1,5}$/.test(cp.text)) return;
        // The container's name may follow its ports, so the port waits on the container item.
        const container = keyAbove(frame)?.parent;
        const list = ((container?.data as KubeContainerPort[] | undefined) ?? []);
        if (container) container.data = list;
        list.push({
          containerPort: Number(cp.text), start: cp.start, end: cp.end, name: scalarOf(frame, 'name')?.text,
          protocol: (scalarOf(frame, 'protocol')?.text || 'TCP').toUpperCase(), container: '',
        });
      } else if (endsWith(path, ['containers', '-']) || endsWith(path, ['initcontainers', '-'])) {
        const ports = frame.data as KubeContainerPort[] | undefined;
        if (!ports) return;
        const name = scalarOf(frame, 'name')?.text ?? '';
        for (const p of ports) p.container = name;
        doc.containerPorts.push(...ports);
      }
    },
    endDocument() {
      const d = doc;
      doc = newDoc();
      if (d.kind === 'Service') {
        facts.services.push({ name: d.name, namespace: d.namespace, selector: d.selector, ports: d.servicePorts });
      } else if (d.containerPorts.length) {
        const labels = Object.keys(d.templateLabels).length ? d.templateLabels : d.kind === 'Pod' ? d.metaLabels : {};
        facts.workloads.push({ kind: d.kind, name: d.name, namespace: d.namespace, labels, ports: d.containerPorts });
      }
    },
  });
  return facts;
}
