import type { IndexedKube } from './workspaceIndex';

/**
 * The Kubernetes objects of a set of files, linked as the cluster links them: a Service selects the
 * workloads whose pod labels match its selector (in its namespace), an Ingress backend names a Service.
 * Named ports resolve through these links; the cross-file Kubernetes rules read them too.
 */

export type Workload = IndexedKube['workloads'][number] & { uri: string };
export type Service = IndexedKube['services'][number] & { uri: string };
export type Backend = IndexedKube['backends'][number] & { uri: string };
export type ContainerPort = Workload['ports'][number];

export interface KubeFile {
  uri: string;
  kube: IndexedKube;
}

/** A value that a template fills in (Helm, ERB, shell), which nothing here can judge. */
export function isTemplated(text: string): boolean {
  return text.includes('{{') || text.includes('}}') || text.includes('<%') || text.includes('${');
}

/** True when a number is written, as a port number is. */
export function isNumber(text: string): boolean {
  return /^\d{1,5}$/.test(text);
}

function sameNamespace(a: string, b: string): boolean {
  // A manifest without a namespace goes where it is applied; it may be either's.
  return !a || !b || a === b;
}

export class KubeModel {
  readonly workloads: Workload[] = [];
  readonly services: Service[] = [];
  readonly backends: Backend[] = [];

  constructor(files: Iterable<KubeFile>) {
    for (const f of files) {
      for (const w of f.kube.workloads) this.workloads.push({ ...w, uri: f.uri });
      for (const s of f.kube.services) this.services.push({ ...s, uri: f.uri });
      for (const b of f.kube.backends) this.backends.push({ ...b, uri: f.uri });
    }
  }

  /** The workloads whose pods a Service selects; none for a Service without a selector or a templated one. */
  selected(svc: Service): Workload[] {
    const keys = Object.keys(svc.selector);
    if (!keys.length || keys.some((k) => isTemplated(k) || isTemplated(svc.selector[k]))) return [];
    return this.workloads.filter((w) => sameNamespace(svc.namespace, w.namespace) && keys.every((k) => w.labels[k] === svc.selector[k]));
  }

  /** The Services that select a workload's pods. */
  selecting(w: Workload): Service[] {
    return this.services.filter((s) => this.selected(s).includes(w));
  }

  /** The Services an Ingress backend may send to: its name, in its namespace. */
  serviceOf(b: Backend): Service[] {
    return this.services.filter((s) => s.name === b.service && sameNamespace(s.namespace, b.namespace));
  }

  /** True when a workload's port names cannot all be read (one is templated): a name lookup there proves nothing. */
  static namesUnknown(w: Workload): boolean {
    return w.ports.some((p) => p.name !== undefined && isTemplated(p.name));
  }
}
