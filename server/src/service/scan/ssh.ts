import type { PortFinder } from './types';

/** Finds the ports in a ssh document. (Stub: to be written.) */
export const findSshPorts: PortFinder = () => [];
