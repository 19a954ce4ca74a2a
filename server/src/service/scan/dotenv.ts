import type { PortFinder } from './types';

/** Finds the ports in a dotenv document. (Stub: to be written.) */
export const findDotenvPorts: PortFinder = () => [];
