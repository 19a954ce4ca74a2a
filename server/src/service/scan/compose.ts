import type { PortFinder } from './types';

/** Finds the ports in a compose document. (Stub: to be written.) */
export const findComposePorts: PortFinder = () => [];
