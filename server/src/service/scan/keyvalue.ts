import type { PortFinder } from './types';

/** Finds the ports in a keyvalue document. (Stub: to be written.) */
export const findKeyValuePorts: PortFinder = () => [];
