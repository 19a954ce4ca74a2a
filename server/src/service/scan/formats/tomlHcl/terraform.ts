import { scanStructured } from './reader';
import type { PortFinder } from '../../vocabulary/types';

/**
 * Finds the ports in Terraform/HCL: port attributes (`port`, `from_port`, `to_port`,
 * `container_port`, `host_port`, `target_port`, `ports = [80, 443]`, `*_port_range(s)`), a port
 * variable's `default`, Docker provider `ports { internal external }`, ECS container definitions in
 * `jsonencode` or heredoc JSON, the block's `protocol`, and URLs or `host:port` in strings. CIDR
 * blocks, versions, counts, sizes and timeouts are not ports.
 */
export const findTerraformPorts: PortFinder = (text) => scanStructured(text, { hcl: true });
