import { visit, type JSONPath } from 'jsonc-parser';
import type { PortFinder, PortOccurrence, PortRole } from './types';
import { finish, isPortKey, portValue } from './common';
import { isPortDigits, isPortFlag, readPortSpec, roleForKey, scanCommentContent, scanStringContent } from './codeText';
import { readForward, scanShellText } from './shell';

/**
 * Port recognition in JSON and JSONC (package.json, devcontainer.json, launch.json, settings.json,
 * tasks.json, ...). jsonc-parser's visitor gives every literal with its offset and path, and
 * tolerates comments, trailing commas and broken documents.
 * - A value (or array element) under a key that names a port is a port or a port spec
 *   (`"port": 9229`, `"forwardPorts": [3000, "db:5432"]`, `"appPort": [8080, "8443:443"]`).
 * - The keys of `portsAttributes` are ports or ranges.
 * - Command strings (`scripts`, `*Command`, `command`) are read as shell commands.
 * - A port flag as its own array element makes the next element a port (`["--port", "8090"]`).
 * - Every other string is read for URLs, `host:port`, `port=N` and `--port N`.
 */

/** Keys whose string value is a shell command line. */
function isCommandKey(key: string | number | undefined, parent: string | number | undefined): boolean {
  if (parent === 'scripts') return true;
  if (typeof key !== 'string') return false;
  return /^(command|cmd|script|shell)$|Command$|Commands$|_command$/.test(key);
}

/** Finds the ports in a JSON or JSONC document. Never throws. */
export const findJsonPorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  try {
    scanJson(text, out);
  } catch {
    /* keep what was found */
  }
  return finish(out);
};

function scanJson(text: string, out: PortOccurrence[]): void {
  // For each open array: the role its next element takes after a port flag element (`"--port", "8090"`),
  // or 'forward' after ssh's `-L`/`-R`.
  const flagAfter: (PortRole | 'forward' | undefined)[] = [];
  visit(
    text,
    {
      onArrayBegin() {
        flagAfter.push(undefined);
      },
      onArrayEnd() {
        flagAfter.pop();
      },
      onObjectProperty(property, offset, length, _l, _c, pathSupplier) {
        const path = pathSupplier();
        const parent = path[path.length - 1];
        if (typeof parent === 'string' && /portsAttributes$/.test(parent) && text.charCodeAt(offset) === 34) {
          readPortSpec(text, offset + 1, offset + length - 1, out, 'listen');
        }
        void property;
      },
      onLiteralValue(value, offset, length, _l, _c, pathSupplier) {
        const path = pathSupplier();
        const inArray = typeof path[path.length - 1] === 'number';
        const afterFlag = inArray ? flagAfter[flagAfter.length - 1] : undefined;
        if (inArray) flagAfter[flagAfter.length - 1] = undefined;
        if (afterFlag === 'forward') readForward(text, { s: offset + 1, e: offset + length - 1 }, out);
        else readLiteral(text, value, offset, length, path, afterFlag, out);
        if (inArray && typeof value === 'string') {
          if (value === '-L' || value === '-R') flagAfter[flagAfter.length - 1] = 'forward';
          else if (isPortFlag(value)) flagAfter[flagAfter.length - 1] = value === '--publish' || value === '-p' ? 'host' : 'listen';
        }
      },
      onComment(offset, length) {
        scanCommentContent(text, offset, offset + length, out);
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
}

/** The key a value belongs to: its own property name, or for an array element the array's name. */
function ownerKey(path: JSONPath): { key: string | undefined; parent: string | number | undefined } {
  let i = path.length - 1;
  while (i >= 0 && typeof path[i] === 'number') i--;
  return { key: i >= 0 ? (path[i] as string) : undefined, parent: path[i - 1] };
}

function readLiteral(text: string, value: unknown, offset: number, length: number, path: JSONPath, afterFlag: PortRole | undefined, out: PortOccurrence[]): void {
  const { key, parent } = ownerKey(path);
  const last = path[path.length - 1];
  const portKey = key !== undefined && isPortKey(key);
  // `"ports": { "web": 8080 }`: a named port inside an object under a port key.
  const underPortKey = typeof parent === 'string' && typeof last === 'string' && isPortKey(parent) && !/attributes$/i.test(parent);
  const role = key ? roleForKey(key) : 'listen';
  if (typeof value === 'number') {
    if (!(portKey || underPortKey || afterFlag)) return;
    if (isPortDigits(text, offset, offset + length)) {
      out.push({ start: offset, end: offset + length, kind: 'port', port: portValue(text, offset, offset + length), role: afterFlag ?? role });
    }
    return;
  }
  if (typeof value !== 'string' || text.charCodeAt(offset) !== 34) return;
  const cs = offset + 1;
  const ce = offset + length - 1;
  if (ce <= cs) return;
  if (afterFlag) {
    let s = cs;
    if (text.charCodeAt(s) === 58 /* :8080 */) s++;
    if (readPortSpec(text, s, ce, out, afterFlag, true)) return;
  }
  if (portKey || underPortKey) {
    if (readPortSpec(text, cs, ce, out, role)) return;
  }
  if (isCommandKey(typeof last === 'string' ? last : key, typeof last === 'string' ? path[path.length - 2] : parent)) {
    scanShellText(text, cs, ce, out);
    return;
  }
  scanStringContent(text, cs, ce, out);
}
