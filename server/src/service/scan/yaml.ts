import type { PortFinder } from './types';

/** Finds the ports in a yaml document. (Stub: to be written.) */
export const findYamlPorts: PortFinder = () => [];
