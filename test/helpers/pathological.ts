import type { FormatId } from '../../server/src/service/scan/detect';

/** `s` repeated and cut to exactly `n` characters. */
export function repeatTo(s: string, n: number): string {
  return s.repeat(Math.ceil(n / s.length)).slice(0, n);
}

/** Block mappings nested one space deeper per line, up to about `n` characters (10 MB holds about 4,500 levels). */
function indentNesting(n: number): string {
  const parts: string[] = [];
  let len = 0;
  for (let i = 0; len < n - 20; i++) {
    const l = ' '.repeat(i) + 'k:\n';
    parts.push(l);
    len += l.length;
  }
  return parts.join('') + 'port: 80\n';
}

/** Pads a text with comment lines up to `n` characters, so that every case has the size asked for. */
function pad(text: string, n: number, comment = '#'): string {
  return text.length >= n ? text : text + repeatTo(`${comment} x\n`, n - text.length);
}

/** A pathological document for one format, generated at a given size. */
export interface PathologicalCase {
  name: string;
  format: FormatId;
  gen: (n: number) => string;
}

/**
 * The bad inputs of the linear-time tests: long runs of `1:`, a 1 MB line of digits, 50,000 nesting
 * levels (block, flow and indentation), 100,000 ports in one compose list, deep JSON, unclosed strings
 * and comments, and 50,000 nested Terraform blocks.
 */
export const PATHOLOGICAL: PathologicalCase[] = [
  { name: '`1:1:1:...` as a compose port entry', format: 'compose', gen: (n) => 'services:\n  a:\n    ports:\n      - ' + repeatTo('1:', n - 40) + '\n' },
  { name: '`1:1:1:...` as YAML', format: 'yaml', gen: (n) => repeatTo('1:', n) },
  { name: '`1:1:1:...` in code', format: 'code', gen: (n) => 'const port = ' + repeatTo('1:', n - 20) + ';\n' },
  { name: '`1:1:1:...` as a properties value', format: 'keyvalue', gen: (n) => 'port=' + repeatTo('1:', n - 10) },
  { name: 'one 1 MB line of digits then listen() calls', format: 'code', gen: (n) => 'const PORT = ' + '9'.repeat(Math.min(n, 1 << 20)) + ';\n' + repeatTo('app.listen(3000);\n', Math.max(0, n - (1 << 20) - 20)) },
  { name: 'one 1 MB line of digits in a .env', format: 'dotenv', gen: (n) => 'PORT=' + '9'.repeat(Math.min(n, 1 << 20)) + '\n' + repeatTo('PORT=8080\n', Math.max(0, n - (1 << 20) - 20)) },
  { name: 'one 1 MB line of digits in JSON', format: 'json', gen: (n) => pad('{"port": ' + '9'.repeat(Math.min(n, 1 << 20)) + '}\n', n, '//') },
  { name: '50,000 nested YAML sequences on one line (`- - - ...`)', format: 'yaml', gen: (n) => pad('- '.repeat(50000) + 'port: 80\n', n) },
  { name: '50,000 nested YAML flow collections', format: 'yaml', gen: (n) => pad('a: ' + '{b: ['.repeat(50000) + '80' + ']}'.repeat(50000) + '\n', n) },
  { name: 'YAML block mappings nested by indentation', format: 'yaml', gen: (n) => indentNesting(n) },
  { name: '100,000 ports in one compose list', format: 'compose', gen: (n) => pad('services:\n  web:\n    ports:\n' + Array.from({ length: 100000 }, (_, i) => `      - "${1024 + (i % 40000)}:${i % 65536}"\n`).join(''), n) },
  { name: '100,000 ports in one compose flow list', format: 'compose', gen: (n) => pad('services:\n  web:\n    ports: [' + Array.from({ length: 100000 }, (_, i) => `"${1024 + (i % 40000)}:80"`).join(', ') + ']\n', n) },
  { name: 'deep JSON object nesting', format: 'json', gen: (n) => repeatTo('{"a":', n >> 1) + '1' + repeatTo('}', (n >> 1) - 1) },
  { name: 'deep JSON array nesting', format: 'json', gen: (n) => repeatTo('[', n >> 1) + '8080' + repeatTo(']', (n >> 1) - 4) },
  { name: 'an unclosed JSON string', format: 'json', gen: (n) => '{"url": "' + repeatTo('http://localhost:8080 ', n - 9) },
  { name: 'an unclosed template literal', format: 'code', gen: (n) => 'const s = `' + repeatTo('${port}:80 http://a:1 ', n - 11) },
  { name: 'an unclosed block comment', format: 'code', gen: (n) => '/*' + repeatTo('listen(80) ', n - 2) },
  { name: 'an unclosed YAML string', format: 'yaml', gen: (n) => 'a: "' + repeatTo('http://localhost:8080 ', n - 4) },
  { name: 'an unclosed shell string', format: 'shell', gen: (n) => 'echo "' + repeatTo('nc -l 80 ', n - 6) },
  { name: '`[:` repeated in YAML (an empty flow key)', format: 'yaml', gen: (n) => 'a: ' + repeatTo('[: ', n - 3) },
  { name: 'nested Terraform blocks with a port each', format: 'terraform', gen: (n) => repeatTo('a {\n port = 80\n', n >> 1) + repeatTo('}\n', n >> 1) },
  { name: 'one properties list of comma-separated ports', format: 'keyvalue', gen: (n) => 'ports=' + repeatTo('80,', n - 6) },
  { name: 'one Terraform block holding every port', format: 'terraform', gen: (n) => 'resource "x" "y" {\n  ingress {\n' + repeatTo('    port = 80\n', n - 40) + '  }\n}\n' },
  { name: 'a Dockerfile EXPOSE continued over every line', format: 'dockerfile', gen: (n) => 'EXPOSE ' + repeatTo('80 \\\n', n - 7) },
  { name: 'one nginx line of listen directives', format: 'nginx', gen: (n) => repeatTo('server { listen 80; ', n) },
  { name: 'one Caddyfile site word of URLs', format: 'caddy', gen: (n) => repeatTo('http://a:1/', n - 5) + ' {\n}\n' },
];

/** Short hostile patterns that every finder reads in the cross-format sweep. */
export const HOSTILE_PATTERNS: { name: string; gen: (n: number) => string }[] = [
  { name: '1:', gen: (n) => repeatTo('1:', n) },
  { name: 'digits', gen: (n) => '9'.repeat(n) },
  { name: '- ', gen: (n) => repeatTo('- ', n) },
  { name: '{a: ', gen: (n) => repeatTo('{a: ', n) },
  { name: '[: ', gen: (n) => repeatTo('[: ', n) },
  { name: ']:1 ', gen: (n) => repeatTo(']:1 ', n) },
  { name: '${', gen: (n) => repeatTo('${', n) },
  { name: 'backslash-newline', gen: (n) => repeatTo('\\\n', n) },
  { name: 'http://a:1/', gen: (n) => repeatTo('http://a:1/', n) },
  { name: 'port=1 ', gen: (n) => repeatTo('port=1 ', n) },
  { name: 'port: 8080 lines', gen: (n) => repeatTo('port: 8080\n', n) },
  { name: 'unclosed quote', gen: (n) => '"' + repeatTo('port: 80 ', n - 1) },
  { name: 'unclosed block comment', gen: (n) => '/*' + repeatTo('port=80 ', n - 2) },
  { name: 'a { port = 80', gen: (n) => repeatTo('a { port = 80 ', n >> 1) + repeatTo('}', n >> 1) },
  { name: 'ports list', gen: (n) => 'ports = ' + repeatTo('80,', n - 8) },
  { name: 'CR only', gen: (n) => repeatTo('port: 80\r', n) },
  { name: 'a.', gen: (n) => repeatTo('a.', n) },
  { name: 'a$', gen: (n) => repeatTo('a$', n) },
  { name: 'localhost:', gen: (n) => repeatTo('localhost:', n) },
];
