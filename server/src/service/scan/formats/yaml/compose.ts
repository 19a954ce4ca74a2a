import type { EmbeddedFormats, PortFinder } from '../../vocabulary/types';
import { scanYamlPorts } from './ports';

/**
 * Finds the ports in a Compose file: `ports` entries (short and long syntax, each number with its
 * {@link ComposeMapping}), `expose`, port-bearing environment entries and labels, URLs and host:port
 * in any string, `--port N` in commands, and the registry host of an `image`, never its tag;
 * `embedded` reads the shell commands and the configuration files that keys hold.
 */
export function composeFinder(embedded: EmbeddedFormats): PortFinder {
  return (text) => scanYamlPorts(text, true, embedded);
}

/**
 * True when a YAML text is a Compose file by its content: a top-level `services:` whose entries have
 * an `image`, `build` or `ports` key. Reads at most the first 64 KB.
 */
export function looksLikeCompose(text: string): boolean {
  const n = Math.min(text.length, 65536);
  let ls = 0;
  let inServices = false;
  while (ls < n) {
    let nl = text.indexOf('\n', ls);
    if (nl < 0 || nl > n) nl = n;
    const c = text.charCodeAt(ls);
    if (c !== 32 && c !== 9 && c !== 35 && c !== 13 && nl > ls) {
      // A top-level key opens or closes the services section.
      inServices = text.startsWith('services:', ls) && isBlankOrComment(text, ls + 9, nl);
    } else if (inServices) {
      let i = ls;
      while (i < nl && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      // The keys of a service sit two levels down: `  web:` / `    image: ...`.
      if (i - ls >= 4 && (text.startsWith('image:', i) || text.startsWith('build:', i) || text.startsWith('ports:', i))) return true;
    }
    ls = nl + 1;
  }
  return false;
}

function isBlankOrComment(text: string, i: number, e: number): boolean {
  while (i < e && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13)) i++;
  return i >= e || text.charCodeAt(i) === 35;
}
