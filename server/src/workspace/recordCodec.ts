/**
 * Lists of records sent between the scan thread and the server in a compact form. Structured cloning
 * a 2 MB compose file's 215,000 occurrences took 0.4-9 s to read on the server's side (each one an
 * object with its own copy of every key); here records of the same keys and value types share one
 * template, their numbers travel in one Float64Array, their strings as indexes into one table of
 * distinct strings, and objects they refer to (a compose mapping, a range) are encoded the same way
 * once each, so that shared objects stay shared. Reading is one loop that builds plain objects with
 * their keys in the original order.
 */

/** How one key's value is carried: in the template, the number stream, the string table, as an encoded object, or as is. */
const FIXED = 0;
const NUMBER = 1;
const OBJECT = 2;
const RAW = 3;
const STRING = 4;

interface Template {
  keys: string[];
  kinds: number[];
  /** The values of FIXED keys (booleans, undefined, null), by key position. */
  fixed: unknown[];
}

export interface EncodedRecords {
  templates: Template[];
  /** Per record, its template. */
  shapes: Uint32Array;
  numbers: Float64Array;
  /** Per string value in record order, its index in `table`. */
  strings: Uint32Array;
  table: string[];
  /** Per OBJECT value in record order, its index in `objects`. */
  refs: Uint32Array;
  objects: EncodedRecords | undefined;
  /** Values carried as they are (arrays), in record order. */
  raw: unknown[];
}

/** Encodes a list of plain records; objects referred to are encoded once each, arrays are carried as they are. */
export function encodeRecords(records: readonly object[]): EncodedRecords {
  const templates: Template[] = [];
  const byKey = new Map<string, number>();
  const shapes = new Uint32Array(records.length);
  const numbers: number[] = [];
  const strings: number[] = [];
  const table: string[] = [];
  const stringIndex = new Map<string, number>();
  const refs: number[] = [];
  const raw: unknown[] = [];
  const objects: object[] = [];
  const objectIndex = new Map<object, number>();
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as Record<string, unknown>;
    let key = '';
    for (const k in r) {
      const v = r[k];
      // Occurrences carry every field from creation, most of them undefined; a missing key reads the same.
      if (v === undefined) continue;
      if (typeof v === 'number') {
        key += `${k}\u0000n\u0001`;
        numbers.push(v);
      } else if (v !== null && typeof v === 'object') {
        if (Array.isArray(v)) {
          key += `${k}\u0000r\u0001`;
          raw.push(v);
        } else {
          key += `${k}\u0000o\u0001`;
          let at = objectIndex.get(v);
          if (at === undefined) {
            at = objects.length;
            objects.push(v);
            objectIndex.set(v, at);
          }
          refs.push(at);
        }
      } else if (typeof v === 'string') {
        key += `${k}\u0000s\u0001`;
        let at = stringIndex.get(v);
        if (at === undefined) {
          at = table.length;
          table.push(v);
          stringIndex.set(v, at);
        }
        strings.push(at);
      } else key += `${k}\u0000${String(v)}\u0001`;
    }
    let t = byKey.get(key);
    if (t === undefined) {
      t = templates.length;
      byKey.set(key, t);
      const keys: string[] = [];
      const kinds: number[] = [];
      const fixed: unknown[] = [];
      for (const k in r) {
        const v = r[k];
        if (v === undefined) continue;
        keys.push(k);
        const kind = typeof v === 'number' ? NUMBER : typeof v === 'string' ? STRING : v !== null && typeof v === 'object' ? (Array.isArray(v) ? RAW : OBJECT) : FIXED;
        kinds.push(kind);
        fixed.push(kind === FIXED ? v : undefined);
      }
      templates.push({ keys, kinds, fixed });
    }
    shapes[i] = t;
  }
  return {
    templates, shapes, numbers: Float64Array.from(numbers), strings: Uint32Array.from(strings), table, refs: Uint32Array.from(refs), raw,
    objects: objects.length ? encodeRecords(objects) : undefined,
  };
}

/** The records back, as plain objects; an object referred to by several records is one object again. */
export function decodeRecords<T>(e: EncodedRecords): T[] {
  const objects = e.objects ? decodeRecords<unknown>(e.objects) : [];
  const out = new Array<T>(e.shapes.length);
  let n = 0;
  let o = 0;
  let w = 0;
  let c = 0;
  for (let i = 0; i < e.shapes.length; i++) {
    const t = e.templates[e.shapes[i]];
    const r: Record<string, unknown> = {};
    for (let j = 0; j < t.keys.length; j++) {
      const kind = t.kinds[j];
      r[t.keys[j]] = kind === NUMBER ? e.numbers[n++] : kind === STRING ? e.table[e.strings[c++]] : kind === OBJECT ? objects[e.refs[o++]] : kind === RAW ? e.raw[w++] : t.fixed[j];
    }
    out[i] = r as T;
  }
  return out;
}

/** The buffers of an encoding, to transfer to the other thread instead of copying them. */
export function transferables(e: EncodedRecords | undefined, out: ArrayBuffer[] = []): ArrayBuffer[] {
  if (!e) return out;
  out.push(e.shapes.buffer as ArrayBuffer, e.numbers.buffer as ArrayBuffer, e.strings.buffer as ArrayBuffer, e.refs.buffer as ArrayBuffer);
  return transferables(e.objects, out);
}
