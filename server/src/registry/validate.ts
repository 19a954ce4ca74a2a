import type { RegistryData } from '../service/registry/types';
import { PROTOCOLS } from '../service/registry/types';
import { isRegistryDate } from './common';

export interface ValidateOptions {
  /** Fewer records than this means truncated or wrong input. */
  minRecords: number;
}

/**
 * Checks registry data before it is written or used, and throws one Error listing the first problems
 * found. It guards the bundle against a truncated download or a source that changed shape.
 */
export function validateRegistry(data: RegistryData, options: ValidateOptions): void {
  const problems: string[] = [];
  const note = (msg: string): void => {
    if (problems.length < 10) problems.push(msg);
  };
  if (!isRegistryDate(data.release)) note(`release "${data.release}" is not a YYYY-MM-DD or YYYY-MM date`);
  if (data.sources.length === 0) note('no sources are listed');
  if (data.records.length < options.minRecords) {
    note(`only ${data.records.length} records, expected at least ${options.minRecords} (truncated or wrong input?)`);
  }
  const protocols = new Set<string>(['', ...PROTOCOLS]);
  data.records.forEach((r, i) => {
    const where = `record ${i + 1} (${r.name || r.description || '?'} ${r.portLo ?? ''})`;
    if (!r.name && !r.description) note(`${where} has neither a name nor a description`);
    if (r.portLo === null) {
      if (r.portHi !== null) note(`${where} has a last port but no first port`);
      if (!r.name) note(`${where} has no port number and no service name`);
    } else if (r.portHi === null || !Number.isInteger(r.portLo) || !Number.isInteger(r.portHi) || r.portLo < 0 || r.portHi > 65535 || r.portHi < r.portLo) {
      note(`${where} has a bad port or range ${r.portLo}-${r.portHi}`);
    }
    if (!protocols.has(r.protocol)) note(`${where} has an unknown protocol "${r.protocol}"`);
    if (r.registered && !isRegistryDate(r.registered)) note(`${where} has a bad registration date "${r.registered}"`);
    if (r.modified && !isRegistryDate(r.modified)) note(`${where} has a bad modification date "${r.modified}"`);
    if (r.sources.length === 0) note(`${where} names no source`);
    for (let k = 0; k < r.sources.length; k++) {
      const s = r.sources[k];
      if (!Number.isInteger(s) || s < 0 || s >= data.sources.length || (k > 0 && s <= r.sources[k - 1])) {
        note(`${where} has bad source indices [${r.sources.join(', ')}]`);
        break;
      }
    }
  });
  const ids = new Set<string>();
  for (const p of data.people) {
    if (!p.id) note('a person has no id');
    else if (ids.has(p.id)) note(`person id "${p.id}" appears twice`);
    ids.add(p.id);
  }
  if (problems.length) throw new Error(`registry data is not usable:\n  - ${problems.join('\n  - ')}`);
}
