import type { PortFinder } from './types';

/** Finds the ports in a nginx document. (Stub: to be written.) */
export const findNginxPorts: PortFinder = () => [];
