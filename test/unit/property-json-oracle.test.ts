import assert from 'node:assert/strict';
import fc from 'fast-check';
import { visit, type JSONPath } from 'jsonc-parser';
import { findPorts, type PortOccurrence } from '../../server/src/service/scan';
import { isPortKey } from '../../server/src/service/scan/vocabulary/common';
import { isPortFlag } from '../../server/src/service/scan/vocabulary/codeText';

// The JSON finder reads documents with a hand-written reader that claims to follow jsonc-parser's
// `visit` token for token (tokens, error recovery, paths). This test holds it to that claim against
// jsonc-parser itself, on generated JSONC documents of the shapes found in package.json,
// devcontainer.json, launch.json and friends:
//  (a) exactness of the number rule: a number literal the oracle below calls a port (0..65535) is
//      reported at its own offsets with its own value, and one it rejects is never read at all;
//  (b) every occurrence the finder reports lies inside a token jsonc-parser's visitor reports: a
//      literal value (number, or string content), or one of the places the finder reads on purpose
//      besides values (comments, keys of a `portsAttributes` object, keys that are a whole address
//      such as NGINX Unit's `"listeners": {"0.0.0.0:8080": ...}`). Never another key, punctuation,
//      keywords, blanks or text the parser skipped;
//  (c) (b) still holds for documents broken by deleting or inserting single characters, and so does
//      (a): the reader claims jsonc-parser's error recovery too, so a broken document keeps its paths.
// Seeds are fixed, so a failure reproduces.

/** What jsonc-parser's visitor reports about one document: tokens and the number rule. */
interface Oracle {
  /** Number literals, and whether the finder's number rule makes each a port (undefined: not decided, see below). */
  numbers: { start: number; end: number; raw: string; port: boolean | undefined }[];
  /** String literal values (offsets include the quotes, as jsonc-parser gives them). */
  strings: { start: number; end: number }[];
  comments: { start: number; end: number }[];
  /** Keys of an object that is the value of a key ending in `portsAttributes` (read as port specs). */
  attrKeys: { start: number; end: number; key: string }[];
  /** Keys written without escapes that are a whole address with an IP address, `*` or `localhost` for the host. */
  addressKeys: { start: number; end: number; key: string }[];
}

/** An address key as the finder reads it: `*:8080`, `0.0.0.0:8080`, `[::]:8443`, `localhost:3000`; the port 1..65535. */
const ADDRESS_KEY = /^(\*|localhost|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]):([1-9]\d{0,4})$/i;

/** The key a value belongs to: its own, or that of the array (of arrays) holding it. */
function ownerKey(path: JSONPath): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

/**
 * The oracle, built on jsonc-parser's `visit` with the options the finder used when it was built on it.
 * A number literal is a port when it is written as a plain run of at most six digits (`8080`, not
 * `8080.0`, `8e3` or `-1`: the finder's deliberate rule, longer runs are ids or sizes) and
 *  - its key (or the key of the array holding it) is a port key by the product's own `isPortKey`, or
 *  - it is a value directly inside an object under a port key (`"ports": { "web": 8080 }`) whose name
 *    does not end in `attributes`, or
 *  - the array element before it is a port flag string (`["--port", 8080]`).
 * Left undecided: a number after a flag with an array or object between them (`["-p", [], 8080]`).
 * The finder (like its visitor-based predecessor) keeps the flag across such an element and reports
 * 8080; whether it should is for the owner of the flag rule to say, so no answer is asserted there.
 */
function oracle(text: string): Oracle {
  const o: Oracle = { numbers: [], strings: [], comments: [], attrKeys: [], addressKeys: [] };
  // For each open array: whether its previous element was a port flag string ('flag'), or a container
  // that followed one ('undecided').
  type After = 'flag' | 'undecided' | undefined;
  const arrays: After[] = [];
  const inArray = (path: JSONPath) => arrays.length > 0 && typeof path[path.length - 1] === 'number';
  const element = (path: JSONPath, after: After) => {
    if (inArray(path)) arrays[arrays.length - 1] = after;
  };
  const container = (path: JSONPath) => element(path, inArray(path) && arrays[arrays.length - 1] ? 'undecided' : undefined);
  visit(
    text,
    {
      onObjectBegin: (_o, _l, _sl, _sc, path) => container(path()),
      onArrayBegin: (_o, _l, _sl, _sc, path) => {
        container(path());
        arrays.push(undefined);
      },
      onArrayEnd: () => {
        arrays.pop();
      },
      onObjectProperty: (key, offset, length, _sl, _sc, path) => {
        const p = path();
        const parent = p[p.length - 1];
        if (typeof parent === 'string' && parent.endsWith('portsAttributes')) o.attrKeys.push({ start: offset, end: offset + length, key });
        else {
          const m = ADDRESS_KEY.exec(key);
          if (m && Number(m[3]) <= 65535 && text.slice(offset + 1, offset + length - 1) === key) o.addressKeys.push({ start: offset, end: offset + length, key });
        }
      },
      onLiteralValue: (value: unknown, offset, length, _sl, _sc, pathSupplier) => {
        const path = pathSupplier();
        const after = inArray(path) ? arrays[arrays.length - 1] : undefined;
        if (typeof value === 'string') {
          o.strings.push({ start: offset, end: offset + length });
          element(path, isPortFlag(value) ? 'flag' : undefined);
          return;
        }
        element(path, undefined);
        if (typeof value !== 'number') return;
        const raw = text.slice(offset, offset + length);
        const key = ownerKey(path);
        const last = path[path.length - 1];
        const parent = path[path.length - 2];
        const underPortKey = typeof last === 'string' && typeof parent === 'string' && isPortKey(parent) && !/attributes$/i.test(parent);
        let port: boolean | undefined = /^\d{1,6}$/.test(raw) && ((key !== undefined && isPortKey(key)) || underPortKey || after === 'flag');
        if (!port && after === 'undecided') port = undefined;
        o.numbers.push({ start: offset, end: offset + length, raw, port });
      },
      onComment: (offset, length) => {
        o.comments.push({ start: offset, end: offset + length });
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  return o;
}

function show(text: string, occs: PortOccurrence[]): string {
  return `\n${JSON.stringify(text)}\nfound: ${JSON.stringify(occs.map((x) => [x.start, x.end, x.port]))}`;
}

/** (a): the number rule, both ways, plus the plain numeric keys of `portsAttributes`. */
function checkNumbers(text: string): void {
  const o = oracle(text);
  const occs = findPorts('json', text, (e) => {
    throw e;
  });
  const at = new Map(occs.map((x) => [`${x.start}:${x.end}`, x]));
  for (const n of o.numbers) {
    const found = at.get(`${n.start}:${n.end}`);
    if (n.port && Number(n.raw) <= 65535) {
      assert.ok(found, `number ${n.raw} at ${n.start} is a port by the oracle but was not reported` + show(text, occs));
      assert.equal(found.kind, 'port');
      assert.equal(found.port, Number(n.raw), show(text, occs));
    } else if (n.port === false) {
      // Only the number's own digits can be read out of it; no rule reads a number the oracle rejects.
      assert.ok(!occs.some((x) => x.start < n.end && x.end > n.start), `number ${n.raw} at ${n.start} is no port by the oracle but was reported` + show(text, occs));
    }
  }
  for (const k of o.attrKeys) {
    if (!/^\d{1,5}$/.test(k.key) || Number(k.key) > 65535 || text.slice(k.start + 1, k.end - 1) !== k.key) continue;
    const found = at.get(`${k.start + 1}:${k.end - 1}`);
    assert.ok(found && found.port === Number(k.key), `portsAttributes key ${k.key} at ${k.start} was not reported` + show(text, occs));
  }
  for (const k of o.addressKeys) {
    const port = k.key.slice(k.key.lastIndexOf(':') + 1);
    const found = at.get(`${k.end - 1 - port.length}:${k.end - 1}`);
    assert.ok(found && found.port === Number(port), `address key ${k.key} at ${k.start} was not reported` + show(text, occs));
  }
  checkInsideTokens(text, o, occs);
}

/** (b): every occurrence lies inside a token the visitor reports as a place ports are read from. */
function checkInsideTokens(text: string, o: Oracle, occs: PortOccurrence[]): void {
  // String tokens and keys start with their quote, which is never part of a port.
  const places = [
    ...o.numbers.map((t) => ({ ...t, what: 'number' })),
    ...o.strings.map((t) => ({ start: t.start + 1, end: t.end, what: 'string' })),
    ...o.attrKeys.map((t) => ({ start: t.start + 1, end: t.end, what: 'portsAttributes key' })),
    ...o.addressKeys.map((t) => ({ start: t.start + 1, end: t.end, what: 'address key' })),
    // The finder reads comments for `host:port` on purpose (`// postgres at localhost:5432`).
    ...o.comments.map((t) => ({ ...t, what: 'comment' })),
  ];
  for (const x of occs) {
    assert.ok(
      places.some((p) => p.start <= x.start && x.end <= p.end),
      `occurrence ${JSON.stringify(text.slice(x.start, x.end))} at ${x.start}..${x.end} lies in no literal, comment, portsAttributes key or address key` + show(text, occs),
    );
    assert.ok(!text.slice(x.start, x.end).includes('"'), 'an occurrence never covers a quote' + show(text, occs));
  }
}

function checkTokensOnly(text: string): void {
  const occs = findPorts('json', text, (e) => {
    throw e;
  });
  checkInsideTokens(text, oracle(text), occs);
}

// ---- Generator -------------------------------------------------------------------------------------

/** A value tree; strings and keys hold the raw text between their quotes (escapes as written). */
type Value =
  | { t: 'num'; raw: string }
  | { t: 'str'; raw: string }
  | { t: 'kw'; raw: string }
  | { t: 'arr'; items: Value[] }
  | { t: 'obj'; props: [string, Value][] };

const PORT_KEYS = ['port', 'PORT', 'containerPort', 'hostPort', 'forwardPorts', 'appPort', 'localPort', 'db_port', 'server.port', 'ports',
  // Escaped spellings of `port` and `db_port`: the reader compares a key by its decoded value.
  '\\u0070ort', 'db\\u005fport'];
// Keys with digits in them (`"3000"`, `"db:5432"`, `"12:30"`) must never be read outside `portsAttributes`,
// except a whole address (`"localhost:3000"`, `"0.0.0.0:8080"`).
const OTHER_KEYS = ['timeout', 'replicas', 'version', 'retries', 'name', 'url', 'args', 'scripts', 'env', 'label', 'support', '3000', 'localhost:3000',
  '0.0.0.0:8080', '[::]:8443', 'db:5432', '12:30', 'v1.2:3', 'v2'];

const num: fc.Arbitrary<Value> = fc
  .oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 65535 }).map(String) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 12 }).map(String) },
    { weight: 1, arbitrary: fc.integer({ min: 65536, max: 99_999_999 }).map(String) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 70000 }).map((n) => `-${n}`) },
    { weight: 1, arbitrary: fc.constantFrom('8080.0', '1.5', '0.25', '8e3', '1E+2', '5432e-0', '-0', '0', '3000.75') },
  )
  .map((raw) => ({ t: 'num', raw }));

// Raw string contents (already escaped for JSON); port flags make the next array element a port.
// ssh's `-L`/`-R` are left out: after them the finder reads forwarding specs, which this oracle does not model.
const STRINGS = ['8080', 'localhost:5432', 'http://db:5432/x', 'https://api.example.com:8443/v1', 'db:5432', '3000:3000', '127.0.0.1:9229',
  'node', 'server.js', 'web', 'hello world', '', 'v1.2.3', 'a\\"b:80\\"', 'C:\\\\data\\\\9000', '\\u0041PI:7000', 'tcp://0.0.0.0:1883',
  '--port', '-p', '--inspect=9229', '--host', 'next dev -p 3001', 'PORT=4000 node app.js', 'redis://cache.internal:6379'];
const str: fc.Arbitrary<Value> = fc.constantFrom(...STRINGS).map((raw) => ({ t: 'str', raw }));
const kw: fc.Arbitrary<Value> = fc.constantFrom('true', 'false', 'null').map((raw) => ({ t: 'kw', raw }));

const key = fc.oneof(fc.constantFrom(...PORT_KEYS), fc.constantFrom(...OTHER_KEYS));
const attrKey = fc.oneof(fc.integer({ min: 1, max: 65535 }).map(String), fc.constantFrom('8000-8010', 'localhost:3000', 'web'));

function valueArb(depth: number): fc.Arbitrary<Value> {
  const leaf = fc.oneof({ weight: 4, arbitrary: num }, { weight: 3, arbitrary: str }, { weight: 1, arbitrary: kw });
  if (depth === 0) return leaf;
  const inner = valueArb(depth - 1);
  const arr = fc.array(fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 1, arbitrary: inner }), { maxLength: 5 }).map((items): Value => ({ t: 'arr', items }));
  const obj = fc.array(fc.tuple(key, inner), { maxLength: 5 }).map((props): Value => ({ t: 'obj', props }));
  const attrs = fc
    .array(fc.tuple(attrKey, fc.constantFrom<Value>({ t: 'obj', props: [['label', { t: 'str', raw: 'App' }]] }, { t: 'str', raw: 'x' })), { minLength: 1, maxLength: 3 })
    .map((props): Value => ({ t: 'obj', props: [['portsAttributes', { t: 'obj', props }]] }));
  return fc.oneof({ weight: 4, arbitrary: leaf }, { weight: 2, arbitrary: arr }, { weight: 2, arbitrary: obj }, { weight: 1, arbitrary: attrs });
}

// Blanks and comments between tokens; comments with `host:port` are read by the finder on purpose.
const TRIVIA = ['', '', '', ' ', '\n  ', '\r\n', '\t', ' // note\n', '/* c */', '/* localhost:5432 */', '// db at db:5432\r\n', '/* "port": 8080 */', '// {"port": 9000}\n'];

/** Prints a value tree; `gaps` supplies the trivia between tokens and whether to add trailing commas. */
function print(v: Value, gaps: () => number): string {
  const gap = () => TRIVIA[gaps() % TRIVIA.length];
  const trailing = () => (gaps() % 4 === 0 ? ',' + gap() : '');
  switch (v.t) {
    case 'num':
    case 'kw':
      return v.raw;
    case 'str':
      return `"${v.raw}"`;
    case 'arr': {
      if (v.items.length === 0) return '[' + gap() + ']';
      return '[' + gap() + v.items.map((x) => print(x, gaps) + gap()).join(',' + gap()) + trailing() + ']';
    }
    case 'obj': {
      if (v.props.length === 0) return '{' + gap() + '}';
      const props = v.props.map(([k, x]) => `"${k}"` + gap() + ':' + gap() + print(x, gaps) + gap());
      return '{' + gap() + props.join(',' + gap()) + trailing() + '}';
    }
  }
}

/** A JSONC document: an object at the top, as config files have, with trivia chosen by `seeds`. */
const docArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(key, valueArb(3)), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(1000), { minLength: 1, maxLength: 64 }))
  .map(([props, seeds]) => {
    let i = 0;
    const gaps = () => seeds[i++ % seeds.length] + i;
    return print({ t: 'obj', props }, gaps) + '\n';
  });

/** Single-character edits: a deletion, or an insertion of a character that changes the structure. */
const editArb = fc.record({ at: fc.nat(), insert: fc.option(fc.constantFrom('"', '/', '*', ',', ':', '{', '}', '[', ']', '\n', '\\', '-', '5', 'e', '.', ' ', 'x'), { nil: undefined }) });

function edit(text: string, edits: { at: number; insert: string | undefined }[]): string {
  let t = text;
  for (const e of edits) {
    const i = e.at % (t.length + 1);
    t = e.insert === undefined ? t.slice(0, i) + t.slice(i + 1) : t.slice(0, i) + e.insert + t.slice(i);
  }
  return t;
}

describe('property: the JSON finder agrees with jsonc-parser', () => {
  it('known documents: the oracle and the finder agree on ports, flags, nesting and portsAttributes', () => {
    // Fixed examples, so the oracle itself is seen to say what it should.
    const text = '{\n  "port": 8080, // web at localhost:3000\n  "timeout": 5000,\n  "forwardPorts": [3000, "db:5432",],\n  "args": ["--port", 9229, "x"],\n' +
      '  "ports": { "web": 8081 },\n  "portsAttributes": { "4000": { "label": "App" } },\n  "3000": 1, "replicas": 3, "hostPort": 8080.0\n}\n';
    const o = oracle(text);
    assert.deepEqual(o.numbers.filter((n) => n.port).map((n) => n.raw), ['8080', '3000', '9229', '8081']);
    assert.deepEqual(o.attrKeys.map((k) => k.key), ['4000']);
    checkNumbers(text);
  });

  it('generated JSONC documents: the number rule is exact and every occurrence lies in a literal, comment, portsAttributes key or address key', () => {
    fc.assert(fc.property(docArb, checkNumbers), { seed: 4242, numRuns: 600 });
  });

  it('documents broken by single-character edits: every occurrence still lies in a token the parser reports', () => {
    fc.assert(
      fc.property(docArb, fc.array(editArb, { minLength: 1, maxLength: 3 }), (doc, edits) => checkTokensOnly(edit(doc, edits))),
      { seed: 4243, numRuns: 1500 },
    );
  });

  it('documents broken by single-character edits: the number rule is still exact (the reader recovers as jsonc-parser does)', () => {
    fc.assert(
      fc.property(docArb, fc.array(editArb, { minLength: 1, maxLength: 3 }), (doc, edits) => checkNumbers(edit(doc, edits))),
      { seed: 4244, numRuns: 800 },
    );
  });
});
