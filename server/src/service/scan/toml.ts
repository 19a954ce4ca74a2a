import type { PortFinder } from './types';

/** Finds the ports in a toml document. (Stub: to be written.) */
export const findTomlPorts: PortFinder = () => [];
