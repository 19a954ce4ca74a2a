import type { KubeFacts } from '../workspaceKube';
import { isNumber, isTemplated } from '../kubeModel';
import type { Rule, RuleFinding, RuleInfo } from './types';
import { t } from '../l10n';

/**
 * Kubernetes checks inside one manifest file: a probe's port its container does not declare, the same
 * containerPort twice in one pod, a nodePort outside the default range. Values a template fills in are
 * not judged. They read the document's Kubernetes objects its scan holds (`ctx.kube`), never the text.
 */

/** A rule over the file's Kubernetes objects, which finds nothing in a file that holds none. */
function kubeRule(info: RuleInfo, check: (k: KubeFacts, out: RuleFinding[]) => void): Rule {
  return {
    ...info,
    readsKube: true,
    check: (ctx) => {
      const out: RuleFinding[] = [];
      if (ctx.kube) check(ctx.kube, out);
      return out;
    },
  };
}

/**
 * A probe whose port its own container does not declare. A name must be declared (the kubelet cannot
 * resolve it and the probe fails, which restarts or never readies the pod); an undeclared number still
 * reaches a container that listens there, so it is a hint, and only when the container declares other ports.
 */
export const probePort = kubeRule({
  id: 'probePort',
  description: "A Kubernetes probe's port that its container does not declare (a name is an error, a number a hint).",
  level: 'error',
  roles: [],
}, (k, out) => {
  for (const w of k.workloads) {
    for (const pr of w.probes) {
      const text = pr.port.text;
      if (isTemplated(text)) continue;
      const own = w.ports.filter((p) => p.container === pr.container);
      if (own.some((p) => p.name !== undefined && isTemplated(p.name))) continue;
      const numeric = isNumber(text);
      if (numeric) {
        if (!own.length || own.some((p) => Number.isNaN(p.containerPort) || p.containerPort === Number(text))) continue;
        out.push({
          start: pr.port.start, end: pr.port.end, port: Number(text), maxLevel: 'hint',
          message: `${t('Container "{0}" does not declare port {1} that its {2} checks.', pr.container, text, pr.probe)}\n${t('It still works if the container listens there (containerPort is informational).')} ${t('Declared: {0}.', own.map((p) => p.containerPort).join(', '))}`,
        });
      } else if (!own.some((p) => p.name === text)) {
        out.push({
          start: pr.port.start, end: pr.port.end,
          message: `${t('Container "{0}" has no port named "{1}" for its {2}.', pr.container, text, pr.probe)}\n${t('The kubelet cannot resolve the name, so the probe fails.')} ${own.length ? t('Declared: {0}.', own.map((p) => (p.name ? `${p.containerPort} (${p.name})` : String(p.containerPort))).join(', ')) : t('The container declares no ports.')}`,
        });
      }
    }
  }
});

/**
 * The same containerPort and protocol declared twice in one pod: the containers share one network
 * namespace, so only one of them can listen there. Init containers run before the others and are left out.
 */
export const duplicateContainerPort = kubeRule({
  id: 'duplicateContainerPort',
  description: 'The same containerPort and protocol declared twice in one Kubernetes pod.',
  level: 'warning',
  roles: [],
}, (k, out) => {
  for (const w of k.workloads) {
    const first = new Map<string, (typeof w.ports)[number]>();
    for (const p of w.ports) {
      if (p.init || Number.isNaN(p.containerPort)) continue;
      const key = `${p.containerPort}/${p.protocol}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, p);
        continue;
      }
      const why = earlier.container === p.container
        ? t('The container "{0}" shares the pod\'s network, so only one can listen on it.', p.container)
        : t('The containers "{0}" and "{1}" share the pod\'s network, so only one can listen on it.', earlier.container, p.container);
      out.push({
        start: p.start, end: p.end, port: p.containerPort,
        message: `${t('containerPort {0} is declared twice in this pod.', key)}\n${why}`,
        related: [{ start: earlier.start, end: earlier.end, message: t('first declared here (container "{0}")', earlier.container) }],
      });
    }
  }
});

/** The API server's default `--service-node-port-range`. */
const NODE_PORT_LO = 30000;
const NODE_PORT_HI = 32767;

/** A nodePort outside the default node port range: the API server rejects the Service unless the cluster widened it. */
export const nodePortRange = kubeRule({
  id: 'nodePortRange',
  description: 'A Kubernetes nodePort outside the default range 30000-32767.',
  level: 'warning',
  roles: [],
}, (k, out) => {
  for (const s of k.services) {
    for (const p of s.ports) {
      const n = p.nodePort;
      // 0 (or no value) asks Kubernetes to pick one.
      if (!n || !/^\d{1,6}$/.test(n.text)) continue;
      const port = Number(n.text);
      if (port === 0 || (port >= NODE_PORT_LO && port <= NODE_PORT_HI)) continue;
      out.push({
        start: n.start, end: n.end, port,
        message: `${t('nodePort {0} is outside the default range {1}-{2}.', port, NODE_PORT_LO, NODE_PORT_HI)}\n${t('The API server rejects the Service unless the cluster\'s --service-node-port-range includes it.')}`,
      });
    }
  }
});
