import type { PortFinder } from './types';

/** Finds the ports in a haproxy document. (Stub: to be written.) */
export const findHaproxyPorts: PortFinder = () => [];
