import type { PortFinder } from './types';

/** Finds the ports in a services document. (Stub: to be written.) */
export const findServicesPorts: PortFinder = () => [];
