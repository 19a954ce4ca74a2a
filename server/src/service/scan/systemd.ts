import type { PortFinder } from './types';

/** Finds the ports in a systemd document. (Stub: to be written.) */
export const findSystemdPorts: PortFinder = () => [];
