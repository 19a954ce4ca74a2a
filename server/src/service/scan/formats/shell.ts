import type { PortFinder, PortOccurrence } from '../vocabulary/types';
import { finish } from '../vocabulary/common';
import { scanShellText } from '../vocabulary/commands';

/** Finds the ports in a shell script or Makefile with the one command reader. Never throws; linear in the text. */
export const findShellPorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  try {
    scanShellText(text, 0, text.length, out);
  } catch {
    /* keep what was found */
  }
  return finish(out);
};
