import type { PortFinder } from './types';

/** Finds the ports in a terraform document. (Stub: to be written.) */
export const findTerraformPorts: PortFinder = () => [];
