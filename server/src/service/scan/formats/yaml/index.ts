import type { EmbeddedFormats, PortFinder } from '../../vocabulary/types';
import { looksLikeCompose } from './compose';
import { scanYamlPorts } from './ports';

/**
 * Finds the ports in a YAML document: Kubernetes manifests (containerPort, hostPort, port,
 * targetPort, nodePort, probe ports, named ports, env entries, annotations), Helm values and
 * templates, Spring `application.yml`, Prometheus targets, GitHub Actions service ports, and any key
 * that names a port. A Compose file opened as plain YAML gets the Compose rules. `embedded` reads the
 * shell commands and the configuration files that keys hold.
 */
export function yamlFinder(embedded: EmbeddedFormats): PortFinder {
  return (text) => scanYamlPorts(text, looksLikeCompose(text), embedded);
}
