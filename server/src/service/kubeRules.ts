import { isNumber, isTemplated, KubeModel, type KubeFile } from './kubeModel';
import { t } from './l10n';
import { MAX_RELATED, pushFinding, type WorkspaceFinding } from './workspaceFinding';

/**
 * The Kubernetes rules that compare files: a Service's targetPort that the pods it selects do not
 * declare, and an Ingress backend port that its Service does not expose. Pure: they read the index.
 */

/** A Kubernetes cross-file finding: a workspace finding like any other. */
export type KubeFinding = WorkspaceFinding;


function labelText(selector: Record<string, string>): string {
  return Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
}


/**
 * A Service's targetPort that no container of the pods it selects declares. A name is an error
 * (Kubernetes cannot resolve it, so the Service gets no endpoints); a number is a hint at most, since
 * containerPort is informational and the container may listen there anyway, and only when the
 * selected containers declare other ports. Silent when no workload in the workspace carries the
 * Service's labels (its pods are defined elsewhere), for Services without a selector, and where a
 * template fills in the value or the containers' port names.
 */
function checkTargetPorts(model: KubeModel, out: Map<string, KubeFinding[]>): void {
  if (!model.workloads.length) return;
  for (const svc of model.services) {
    const selected = model.selected(svc);
    if (!selected.length) continue;
    for (const sp of svc.ports) {
      const tp = sp.targetPort;
      if (!tp || isTemplated(tp.text)) continue;
      const numeric = isNumber(tp.text);
      if (!numeric && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i.test(tp.text)) continue;
      const declared = selected.flatMap((w) => w.ports.map((p) => ({ w, p })));
      if (numeric && !declared.some(({ p }) => !Number.isNaN(p.containerPort))) continue;
      if (!numeric && selected.some(KubeModel.namesUnknown)) continue;
      if (numeric && declared.some(({ p }) => Number.isNaN(p.containerPort))) continue;
      const target = numeric ? Number(tp.text) : tp.text;
      if (declared.some(({ p }) => p.protocol === sp.protocol && (numeric ? p.containerPort === target : p.name === target))) continue;
      const pods = [...new Set(selected.map((w) => `${w.kind} "${w.name}"`))].join(', ');
      const offered = [...new Set(declared.filter(({ p }) => p.protocol === sp.protocol).map(({ p }) => (p.name ? `${p.containerPort} (${p.name})` : String(p.containerPort))))];
      pushFinding(out, svc.uri, {
        rule: 'unmatchedTargetPort',
        range: tp.range,
        port: numeric ? (target as number) : undefined,
        maxLevel: numeric ? 'hint' : undefined,
        message: `${numeric ? t('No selected container declares port {0}/{1}.', tp.text, sp.protocol) : t('No selected container has a port named "{0}".', tp.text)}\n`
          + `${t('Service "{0}" selects {1}: {2}.', svc.name, labelText(svc.selector), pods)} `
          + (numeric ? t('containerPort is informational, so this works if the container listens on {0} anyway.', tp.text) : t('Kubernetes cannot resolve the name, so the Service gets no endpoints.'))
          + (offered.length ? ` ${t('Declared: {0}.', offered.slice(0, 8).join(', '))}` : ''),
        related: declared.slice(0, MAX_RELATED).map(({ w, p }) => ({
          uri: w.uri, range: p.at.range,
          message: t('{0} "{1}", container "{2}": containerPort {3}', w.kind, w.name, p.container, `${p.at.text}/${p.protocol}${p.name ? ` (${p.name})` : ''}`),
        })),
      });
    }
  }
}

/**
 * An Ingress backend whose Service exposes no such port (`port.number` not among its `port`s,
 * `port.name` not among its port names): the Ingress controller has nowhere to send the traffic.
 * Silent when the Service is not in the workspace or a template fills in the values.
 */
function checkBackends(model: KubeModel, out: Map<string, KubeFinding[]>): void {
  for (const b of model.backends) {
    if (isTemplated(b.port.text) || isTemplated(b.service)) continue;
    const services = model.serviceOf(b);
    if (!services.length) continue;
    const ports = services.flatMap((s) => s.ports.map((p) => ({ s, p })));
    if (ports.some(({ p }) => (p.port && isTemplated(p.port.text)) || (p.name !== undefined && isTemplated(p.name)))) continue;
    const hit = ports.some(({ p }) => (b.byName ? p.name === b.port.text : p.port?.text === b.port.text));
    if (hit) continue;
    const offered = [...new Set(ports.map(({ p }) => (p.name ? `${p.port?.text ?? '?'} (${p.name})` : p.port?.text ?? '?')))];
    pushFinding(out, b.uri, {
      rule: 'ingressBackendPort',
      range: b.port.range,
      port: b.byName ? undefined : Number(b.port.text),
      message: `${b.byName ? t('Service "{0}" has no port named "{1}".', b.service, b.port.text) : t('Service "{0}" does not expose port {1}.', b.service, b.port.text)}\n`
        + `${t('Ingress "{0}" sends traffic there, so the controller has no backend.', b.ingress)} ${t('Service ports: {0}.', offered.slice(0, 8).join(', ') || t('none'))}`,
      related: ports.slice(0, MAX_RELATED).map(({ s, p }) => ({
        uri: s.uri, range: (p.nameAt ?? p.port ?? b.port).range,
        message: t('Service "{0}": port {1}', s.name, `${p.port?.text ?? '?'}${p.name ? ` (${p.name})` : ''}`),
      })),
    });
  }
}

/** Every cross-file Kubernetes finding, by file URI. */
export function kubeFindings(files: Iterable<KubeFile>): Map<string, KubeFinding[]> {
  const out = new Map<string, KubeFinding[]>();
  const model = new KubeModel(files);
  if (!model.services.length) return out;
  checkTargetPorts(model, out);
  checkBackends(model, out);
  return out;
}

/** The findings of the unmatchedTargetPort rule alone. */
export function unmatchedTargetPort(files: Iterable<KubeFile>): Map<string, KubeFinding[]> {
  const out = new Map<string, KubeFinding[]>();
  checkTargetPorts(new KubeModel(files), out);
  return out;
}

/** The findings of the ingressBackendPort rule alone. */
export function ingressBackendPort(files: Iterable<KubeFile>): Map<string, KubeFinding[]> {
  const out = new Map<string, KubeFinding[]>();
  checkBackends(new KubeModel(files), out);
  return out;
}
