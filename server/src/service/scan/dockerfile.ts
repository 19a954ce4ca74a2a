import type { PortFinder } from './types';

/** Finds the ports in a dockerfile document. (Stub: to be written.) */
export const findDockerfilePorts: PortFinder = () => [];
