import type { PortFinder } from './types';

/** Finds the ports in a code document. (Stub: to be written.) */
export const findCodePorts: PortFinder = () => [];
