import type { PortFinder } from '../../vocabulary/types';
import { findComposePorts, looksLikeCompose } from './compose';
import { scanYamlPorts } from './ports';

/**
 * Finds the ports in a YAML document: Kubernetes manifests (containerPort, hostPort, port,
 * targetPort, nodePort, probe ports, named ports, env entries, annotations), Helm values and
 * templates, Spring `application.yml`, Prometheus targets, GitHub Actions service ports, and any key
 * that names a port. A Compose file opened as plain YAML gets the Compose rules.
 */
export const findYamlPorts: PortFinder = (text) => (looksLikeCompose(text) ? findComposePorts(text) : scanYamlPorts(text, false));
