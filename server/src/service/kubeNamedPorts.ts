import type { Location, Position, Range } from 'vscode-languageserver-types';
import { isNumber, isTemplated, KubeModel, type KubeFile, type Service, type Workload } from './kubeModel';
import type { IndexedScalar } from './workspaceIndex';
import { t } from './l10n';

/**
 * Kubernetes named ports as symbols: a container port's `name` is declared once in a pod template and
 * used by the pod's probes (`port: http`) and by the `targetPort` of every Service selecting the pod; a
 * Service port's `name` is used by Ingress backends (`port.name`). Go to Definition, Find All References,
 * Rename and the hover read the links worked out here. Pure: it reads the files' Kubernetes facts.
 */

/** A named port and every place that writes its name. */
export interface NamedPort {
  /** A container port name (IANA service name rules) or a Service port name (DNS label). */
  kind: 'container' | 'service';
  name: string;
  /** The name under the cursor. */
  at: Location;
  /** Where the name is declared (`ports[].name`); empty when nothing the links reach declares it. */
  declarations: { location: Location; port: string; detail: string }[];
  /** Where it is used: probes and targetPorts, or Ingress backends. */
  uses: Location[];
}

function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

const loc = (uri: string, v: IndexedScalar): Location => ({ uri, range: v.range });

/** A name that can stand for a port: not a number, not templated. */
function isName(text: string): boolean {
  return !isNumber(text) && !isTemplated(text) && text.length > 0;
}

/** The workloads that share a container port name through the Services that select them, from a first set. */
function linked(model: KubeModel, start: Workload[], name: string): { workloads: Set<Workload>; services: Set<Service> } {
  const workloads = new Set(start);
  const services = new Set<Service>();
  // Each round adds Services whose targetPort is the name and that select a workload of the set, then
  // the workloads those select that declare it; the sets only grow, so the loop ends.
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of model.services) {
      if (services.has(s) || !s.ports.some((p) => p.targetPort?.text === name)) continue;
      const sel = model.selected(s);
      if (!sel.some((w) => workloads.has(w))) continue;
      services.add(s);
      changed = true;
      for (const w of sel) if (!workloads.has(w) && w.ports.some((p) => p.name === name)) workloads.add(w);
    }
  }
  return { workloads, services };
}

function containerPortName(model: KubeModel, at: Location, name: string, start: Workload[]): NamedPort {
  const { workloads, services } = linked(model, start, name);
  const declarations: NamedPort['declarations'] = [];
  const uses: Location[] = [];
  for (const w of workloads) {
    for (const p of w.ports) {
      if (p.name === name && p.nameAt) {
        declarations.push({
          location: loc(w.uri, p.nameAt),
          port: p.at.text,
          detail: t('containerPort {0} of container "{1}" in {2} "{3}"', `${p.at.text}/${p.protocol}`, p.container, w.kind, w.name),
        });
      }
    }
    for (const pr of w.probes) if (pr.port.text === name) uses.push(loc(w.uri, pr.port));
  }
  for (const s of services) for (const p of s.ports) if (p.targetPort?.text === name) uses.push(loc(s.uri, p.targetPort));
  return { kind: 'container', name, at, declarations, uses };
}

function servicePortName(model: KubeModel, at: Location, name: string, services: Service[]): NamedPort {
  const declarations: NamedPort['declarations'] = [];
  for (const s of services) {
    for (const p of s.ports) {
      if (p.name === name && p.nameAt) {
        const port = `${p.port?.text ?? '?'}/${p.protocol}`;
        declarations.push({
          location: loc(s.uri, p.nameAt),
          port: p.port?.text ?? '?',
          detail: p.targetPort
            ? t('port {0} -> targetPort {1} of Service "{2}"', port, p.targetPort.text, s.name)
            : t('port {0} of Service "{1}"', port, s.name),
        });
      }
    }
  }
  const uses: Location[] = [];
  for (const b of model.backends) {
    if (b.byName && b.port.text === name && model.serviceOf(b).some((s) => services.includes(s))) uses.push(loc(b.uri, b.port));
  }
  return { kind: 'service', name, at, declarations, uses };
}

/**
 * The named port whose name is written at `pos` in `uri`, with its declarations and uses in `files`,
 * or undefined when no Kubernetes port name is there.
 */
export function namedPortAt(files: Iterable<KubeFile>, uri: string, pos: Position): NamedPort | undefined {
  const model = new KubeModel(files);
  for (const w of model.workloads) {
    if (w.uri !== uri) continue;
    for (const p of w.ports) {
      if (p.nameAt && contains(p.nameAt.range, pos) && isName(p.nameAt.text)) return containerPortName(model, loc(uri, p.nameAt), p.nameAt.text, [w]);
    }
    for (const pr of w.probes) {
      if (contains(pr.port.range, pos) && isName(pr.port.text)) return containerPortName(model, loc(uri, pr.port), pr.port.text, [w]);
    }
  }
  for (const s of model.services) {
    if (s.uri !== uri) continue;
    for (const p of s.ports) {
      const t = p.targetPort;
      if (t && contains(t.range, pos) && isName(t.text)) {
        const start = model.selected(s).filter((w) => w.ports.some((cp) => cp.name === t.text));
        const found = containerPortName(model, loc(uri, t), t.text, start);
        // A Service none of whose pods declare the name still lists its own use.
        if (!found.uses.some((u) => u.uri === uri && u.range === t.range)) found.uses.push(loc(uri, t));
        return found;
      }
      if (p.nameAt && contains(p.nameAt.range, pos) && isName(p.nameAt.text)) return servicePortName(model, loc(uri, p.nameAt), p.nameAt.text, [s]);
    }
  }
  for (const b of model.backends) {
    if (b.uri === uri && b.byName && contains(b.port.range, pos) && isName(b.port.text)) {
      const found = servicePortName(model, loc(uri, b.port), b.port.text, model.serviceOf(b));
      if (!found.uses.some((u) => u.uri === uri && u.range === b.port.range)) found.uses.push(loc(uri, b.port));
      return found;
    }
  }
  return undefined;
}

/** Every place that writes the name, declarations first, each once. */
export function allPlaces(n: NamedPort, withDeclarations = true): Location[] {
  const out: Location[] = [];
  const seen = new Set<string>();
  const add = (l: Location) => {
    const key = `${l.uri}#${l.range.start.line}:${l.range.start.character}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(l);
    }
  };
  if (withDeclarations) for (const d of n.declarations) add(d.location);
  for (const u of n.uses) add(u);
  return out;
}

/** The hover's first lines for a named port: what it resolves to and where that is declared. */
export function namedPortHover(n: NamedPort, shortName: (uri: string) => string): string {
  if (!n.declarations.length) {
    const none = n.kind === 'container'
      ? t('no container port of this name is declared where this refers (the selected pods, as far as the workspace shows).')
      : t('no Service port of this name is declared where this refers (the Service, as far as the workspace shows).');
    return `**${n.name}** — ${none}`;
  }
  const lines = n.declarations.slice(0, 5).map((d) =>
    `**${n.name}** → ${d.port}: ${d.detail} ([${shortName(d.location.uri)}:${d.location.range.start.line + 1}](${d.location.uri}#L${d.location.range.start.line + 1}))`);
  if (n.declarations.length > 5) lines.push(t('and {0} more', n.declarations.length - 5));
  return lines.join('\n\n');
}
