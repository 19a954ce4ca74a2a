import type { PortFinder } from './types';

/** Finds the ports in a caddy document. (Stub: to be written.) */
export const findCaddyPorts: PortFinder = () => [];
