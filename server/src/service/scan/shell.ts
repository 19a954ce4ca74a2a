import type { PortFinder } from './types';

/** Finds the ports in a shell document. (Stub: to be written.) */
export const findShellPorts: PortFinder = () => [];
