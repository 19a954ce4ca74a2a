import type { RuleInfo } from './types';

/*
 * The rules that compare files across a workspace: their rows of the rule table. Their checks read the
 * workspace index (service/workspaceRules.ts for Compose projects, service/kubeRules.ts for Kubernetes).
 */

export const duplicateHostPortAcrossFiles: RuleInfo = {
  id: 'duplicateHostPortAcrossFiles',
  description: 'The same host address, port and protocol published twice by the files of one Compose project.',
  level: 'warning',
  roles: ['host'],
  fix: 'freePort',
  help: {
    name: 'DuplicateHostPortInComposeProject', uri: 'https://docs.docker.com/reference/compose-file/merge/',
    full: 'Files merged into one Compose project (the default file with its override file, include:, extends: file:, COMPOSE_FILE in the .env) publish the same host address, port and protocol, after Compose\'s merge rules; docker compose up fails with "port is already allocated". Projects side by side are compared only with compose.compareProjects on.',
  },
};

export const unmatchedTargetPort: RuleInfo = {
  id: 'unmatchedTargetPort',
  description: 'A Kubernetes Service targetPort that no container of the selected pods declares.',
  level: 'error',
  roles: ['listen', 'unknown'],
  help: {
    name: 'UnmatchedTargetPort', uri: 'https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service',
    full: 'A Kubernetes Service sends traffic to a targetPort (number or name) that no container of the pods it selects declares, so connections to the Service fail.',
  },
};

export const ingressBackendPort: RuleInfo = {
  id: 'ingressBackendPort',
  description: 'A Kubernetes Ingress backend port that its Service does not expose.',
  level: 'warning',
  roles: ['connect', 'unknown'],
};
