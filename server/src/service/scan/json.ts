import type { PortFinder } from './types';

/** Finds the ports in a json document. (Stub: to be written.) */
export const findJsonPorts: PortFinder = () => [];
