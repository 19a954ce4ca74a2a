import { kubeFacts, type KubeFacts } from '../workspaceKube';
import type { Rule, RuleContext, RuleFinding } from './types';

/**
 * Kubernetes checks inside one manifest file: a probe's port its container does not declare, the same
 * containerPort twice in one pod, a nodePort outside the default range. Values a template fills in are
 * not judged.
 */

const cache = new WeakMap<RuleContext, KubeFacts>();

/** The file's Kubernetes objects, read once for the three rules. */
function factsOf(ctx: RuleContext): KubeFacts | undefined {
  if (ctx.format !== 'yaml') return undefined;
  let k = cache.get(ctx);
  if (!k) cache.set(ctx, (k = kubeFacts(ctx.text)));
  return k;
}

function templated(text: string): boolean {
  return text.includes('{{') || text.includes('}}') || text.includes('<%') || text.includes('${');
}

/**
 * A probe whose port its own container does not declare. A name must be declared (the kubelet cannot
 * resolve it and the probe fails, which restarts or never readies the pod); an undeclared number still
 * reaches a container that listens there, so it is a hint, and only when the container declares other ports.
 */
export const probePort: Rule = {
  id: 'probePort',
  description: "A Kubernetes probe's port that its container does not declare (a name is an error, a number a hint).",
  check: (ctx) => {
    const k = factsOf(ctx);
    const out: RuleFinding[] = [];
    if (!k) return out;
    for (const w of k.workloads) {
      for (const pr of w.probes) {
        const text = pr.port.text;
        if (templated(text)) continue;
        const own = w.ports.filter((p) => p.container === pr.container);
        if (own.some((p) => p.name !== undefined && templated(p.name))) continue;
        const numeric = /^\d{1,5}$/.test(text);
        if (numeric) {
          if (!own.length || own.some((p) => Number.isNaN(p.containerPort) || p.containerPort === Number(text))) continue;
          out.push({
            start: pr.port.start, end: pr.port.end, port: Number(text), maxLevel: 'hint',
            message: `Container "${pr.container}" does not declare port ${text} that its ${pr.probe} checks.\nIt still works if the container listens there (containerPort is informational). Declared: ${own.map((p) => p.containerPort).join(', ')}.`,
          });
        } else if (!own.some((p) => p.name === text)) {
          out.push({
            start: pr.port.start, end: pr.port.end,
            message: `Container "${pr.container}" has no port named "${text}" for its ${pr.probe}.\nThe kubelet cannot resolve the name, so the probe fails. ${own.length ? `Declared: ${own.map((p) => (p.name ? `${p.containerPort} (${p.name})` : String(p.containerPort))).join(', ')}.` : 'The container declares no ports.'}`,
          });
        }
      }
    }
    return out;
  },
};

/**
 * The same containerPort and protocol declared twice in one pod: the containers share one network
 * namespace, so only one of them can listen there. Init containers run before the others and are left out.
 */
export const duplicateContainerPort: Rule = {
  id: 'duplicateContainerPort',
  description: 'The same containerPort and protocol declared twice in one Kubernetes pod.',
  check: (ctx) => {
    const k = factsOf(ctx);
    const out: RuleFinding[] = [];
    if (!k) return out;
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
        const where = earlier.container === p.container ? `container "${p.container}"` : `containers "${earlier.container}" and "${p.container}"`;
        out.push({
          start: p.start, end: p.end, port: p.containerPort,
          message: `containerPort ${key} is declared twice in this pod.\nThe ${where} share the pod's network, so only one can listen on it.`,
          related: [{ start: earlier.start, end: earlier.end, message: `first declared here (container "${earlier.container}")` }],
        });
      }
    }
    return out;
  },
};

/** The API server's default `--service-node-port-range`. */
const NODE_PORT_LO = 30000;
const NODE_PORT_HI = 32767;

/** A nodePort outside the default node port range: the API server rejects the Service unless the cluster widened it. */
export const nodePortRange: Rule = {
  id: 'nodePortRange',
  description: 'A Kubernetes nodePort outside the default range 30000-32767.',
  check: (ctx) => {
    const k = factsOf(ctx);
    const out: RuleFinding[] = [];
    if (!k) return out;
    for (const s of k.services) {
      for (const p of s.ports) {
        const n = p.nodePort;
        // 0 (or no value) asks Kubernetes to pick one.
        if (!n || !/^\d{1,6}$/.test(n.text)) continue;
        const port = Number(n.text);
        if (port === 0 || (port >= NODE_PORT_LO && port <= NODE_PORT_HI)) continue;
        out.push({
          start: n.start, end: n.end, port,
          message: `nodePort ${port} is outside the default range ${NODE_PORT_LO}-${NODE_PORT_HI}.\nThe API server rejects the Service unless the cluster's --service-node-port-range includes it.`,
        });
      }
    }
    return out;
  },
};
