import fc from 'fast-check';
import { FORMAT_IDS, type FormatId } from '../../server/src/service/scan/detect';

/** Every format a finder exists for. */
export const formatArb: fc.Arbitrary<FormatId> = fc.constantFrom(...FORMAT_IDS);

/** Characters that are wide in UTF-16 or easy to miscount: emoji, CJK, combining marks, BOM, odd line ends. */
export const UNICODE_PIECES = [
  '😀', '👩‍💻', '🇩🇪', '数据库', '端口', 'ポート', 'e\u0301', 'a\u0308\u0323', '\u200d', '\ufeff', '\u00a0', '\u2028', '\u2029',
  '\ud800', '\udfff', '\udc00x', '\u0000', '\u007f', '٣', '８０', '𝟴𝟬',
];

/** Pieces that port finders react to in every supported format, plus hostile punctuation. */
export const PIECES = [
  // Separators and structure.
  ' ', '  ', '\t', '\n', '\n', '\r\n', '\r', ':', '::', '=', ':=', '=>', ',', ';', '[', ']', '{', '}', '(', ')', '<', '>',
  '"', "'", '`', '"""', "'''", '#', '//', '/*', '*/', '<!--', '\\', '\\\n', '$', '${', '{$', '$(', '@', '/', '|', '>-', '&', '*',
  '- ', '---\n', '...\n', '? ', '!!str ', '&anchor ', '*anchor', '<<EOF\n', 'EOF\n', 'r"', 'r#"', '"#', '@"', 'f"',
  // Keys, words and commands.
  'port', 'PORT', 'ports:', 'Port ', 'listen ', 'server ', 'bind ', 'EXPOSE ', 'ENV ', 'CMD ', 'ports:\n  - ', 'containerPort: ',
  'targetPort: ', 'name: ', 'http', 'protocol: UDP', 'services:\n  web:\n    ports:\n      - ', 'target: ', 'published: ',
  '"port": ', 'forwardPorts', 'app.listen(', 'localhost', '127.0.0.1', '[::1]', '0.0.0.0', 'db.internal', 'http://', 'https://',
  'ws://', 'postgres://', '-p ', '--port=', '--port ', 'docker run ', 'ssh -L ', 'nc -l ', 'resource "x" "y" ', 'ingress ',
  'from_port = ', '[Socket]\nListenStream=', 'LocalForward ', 'reverse_proxy ', 'frontend a\n  bind ', 'upstream u {\n', 'x11 ',
  '/tcp', '/udp', 'tcp', 'udp', 'www-http', 'pop3', 'x',
  // Numbers, in and out of range.
  '0', '1', '22', '80', '443', '3000', '5432', '8080', '49153', '65535', '65536', '99999', '1234567', '00080', '1e3', '-1', '0x50',
  '3000-3005', '8080:80', '127.0.0.1:5432:5432/tcp',
  ...UNICODE_PIECES,
];

/** Text made of port-related pieces, up to `maxPieces` long. */
export function piecesText(maxPieces = 60): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...PIECES), { maxLength: maxPieces }).map((p) => p.join(''));
}

/** Any UTF-16 string, lone surrogates included. */
export function utf16Text(maxLength = 200): fc.Arbitrary<string> {
  return fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength });
}

/** Random bytes read as UTF-8 (with replacement characters), Latin-1 or UTF-16LE (with lone surrogates). */
export function bytesAsText(maxLength = 400): fc.Arbitrary<string> {
  return fc.tuple(fc.uint8Array({ maxLength }), fc.constantFrom('utf-8', 'latin1', 'utf-16le')).map(([bytes, enc]) =>
    enc === 'utf-8' ? new TextDecoder('utf-8').decode(bytes) : Buffer.from(bytes).toString(enc as BufferEncoding));
}

/** Unicode text of any plane, including unassigned code points. */
export function codePointText(maxLength = 200): fc.Arbitrary<string> {
  return fc.string({ unit: 'binary', maxLength });
}

/** One edit of a text: an insertion, a deletion, a duplicated slice, a swapped pair of lines, or a truncation. */
export type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; len: number }
  | { op: 'duplicate'; at: number; len: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'truncate'; at: number }
  | { op: 'replaceChar'; at: number; text: string };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...PIECES), utf16Text(6)) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('replaceChar' as const), at: fc.nat(), text: fc.constantFrom('"', "'", '{', '}', '[', ']', ':', '\n', '\r', '#', '\\', '-', ' ', '\t', '\ud800', '😀', '9', '') }) },
);

/** Applies mutations in order; positions wrap around the current length. */
export function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = (n: number) => (t.length ? n % (t.length + 1) : 0);
    switch (m.op) {
      case 'insert': {
        const i = at(m.at);
        t = t.slice(0, i) + m.text + t.slice(i);
        break;
      }
      case 'delete': {
        const i = at(m.at);
        t = t.slice(0, i) + t.slice(i + m.len);
        break;
      }
      case 'duplicate': {
        const i = at(m.at);
        t = t.slice(0, i + m.len) + t.slice(i, i + m.len) + t.slice(i + m.len);
        break;
      }
      case 'swapLines': {
        const lines = t.split('\n');
        const a = m.a % lines.length;
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b], lines[a]];
        t = lines.join('\n');
        break;
      }
      case 'truncate':
        t = t.slice(0, at(m.at));
        break;
      case 'replaceChar': {
        const i = at(m.at);
        t = t.slice(0, i) + m.text + t.slice(i + 1);
        break;
      }
    }
  }
  return t;
}
