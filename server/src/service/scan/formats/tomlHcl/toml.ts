import type { PortFinder } from '../../vocabulary/types';
import { scanStructured } from './reader';

/**
 * Finds the ports in TOML: keys that name a port (`port = 8080`, `internal_port`, `ports = [80, 443]`,
 * in tables, arrays of tables and inline tables), and URLs or `host:port` in strings (`addr =
 * "0.0.0.0:8080"`, `url = "postgres://db:5432/app"`). Versions, dates and sizes are not ports.
 */
export const findTomlPorts: PortFinder = (text) => scanStructured(text, { hcl: false });
