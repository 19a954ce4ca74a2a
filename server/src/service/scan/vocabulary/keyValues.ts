import { scanCommand } from './commands';
import type { PortOccurrence, PortRole } from './types';
import { portAt } from './occurrence';
import { digitsEnd, isSpace } from '../text/chars';
import { wordEnd } from '../text/words';
import { giveKey, isAddressKeyIn, isBindKeyIn, isCommandKeyIn, isConfigPortKeyIn, roleForKeyIn } from './keys';
import { portValue } from './common';
import { isEphemeralRangeKey, readEphemeralRange } from './sysctl';
import { type TextScanOptions, scanValueText, TEXT } from './values';
import { type AddressOptions, readAddress, readPortItem, readPortsValue, valueEnd, valueStart } from './portValue';

/*
 * Reading one `key <sep> value` pair of a configuration file: the key says whether the value holds
 * ports, an address or a command line. It sits above both the value readers (values.ts) and the
 * command reader (commands.ts), which itself reads values: neither of those imports this file.
 */

/** A port flag's value read as an address: `:8080`, `0.0.0.0:8080`. */
const PORT_FLAG_ADDRESS: AddressOptions = { emptyHost: true, anyHost: true };

/**
 * Handles one `key <sep> value` pair whose value is text[vs, ve): a port key reads its value as
 * ports; any value is scanned for addresses, URLs and port pairs. The value's ports get the key when it names a port.
 */
export function scanKeyValue(text: string, key: string, vs: number, ve: number, out: PortOccurrence[], opts: { role?: PortRole; written?: string } = {}): void {
  const first = out.length;
  readPair(text, key, 0, key.length, vs, ve, out, opts.role);
  // The key as the file writes it, when the reader was given it lower-cased.
  const written = opts.written ?? key;
  giveKey(out, first, written, 0, written.length);
}

/** `scanKeyValue` for a key that stands in the text itself, at text[ks, ke); no role means the key's. */
export function scanKeyValueAt(text: string, ks: number, ke: number, vs: number, ve: number, out: PortOccurrence[], role?: PortRole): void {
  scanPair(text, text, ks, ke, vs, ve, out, role);
}

/** Options of a value scanned as an address, shared rather than made per line. */
const ADDRESS_TEXT: TextScanOptions = { address: true };

/** `scanKeyValue` with the key at src[ks, ke), read where it stands; the value's ports get the key when it names a port. */
export function scanPair(text: string, src: string, ks: number, ke: number, vs: number, ve: number, out: PortOccurrence[], role: PortRole | undefined): void {
  const first = out.length;
  readPair(text, src, ks, ke, vs, ve, out, role);
  giveKey(out, first, src, ks, ke);
}

function readPair(text: string, src: string, ks: number, ke: number, vs: number, ve: number, out: PortOccurrence[], role: PortRole | undefined): void {
  if (isEphemeralRangeKey(src, ks, ke) && readEphemeralRange(text, vs, ve, out)) return;
  const address = isAddressKeyIn(src, ks, ke);
  if (isConfigPortKeyIn(src, ks, ke)) {
    const r = role ?? roleForKeyIn(src, ks, ke);
    if (readPortsValue(text, vs, ve, r, out)) return;
    // `port=127.0.0.1:9001` (supervisord), `listen = 127.0.0.1:9000` (php-fpm)
    if (readAddress(text, vs, ve, r, out, PORT_FLAG_ADDRESS)) return;
    // `listener 8883 0.0.0.0` (mosquitto): the port comes first, then an address or option.
    let w0 = vs;
    while (w0 < ve && isSpace(text.charCodeAt(w0))) w0++;
    if (w0 < ve) {
      const w0e = wordEnd(text, w0, ve);
      let w1 = w0e;
      while (w1 < ve && isSpace(text.charCodeAt(w1))) w1++;
      if (w1 < ve && readPortItem(text, w0, w0e, r, out)) {
        scanValueText(text, w1, ve, out, address ? ADDRESS_TEXT : TEXT);
        return;
      }
    }
  }
  // `HTTP_BIND=8080`, `GRPC_LISTEN="9090"`: a bare number of two digits or more where an address may stand.
  if (address && isBindKeyIn(src, ks, ke) && readBareListenPort(text, vs, ve, out)) return;
  if (isCommandKeyIn(src, ks, ke)) {
    scanCommand(text, valueStart(text, vs, ve), valueEnd(text, vs, ve), out);
    return;
  }
  scanValueText(text, vs, ve, out, address ? ADDRESS_TEXT : TEXT);
}

/** A value text[vs, ve) that is only a number of 2 to 5 digits, perhaps quoted: a listening port. */
function readBareListenPort(text: string, vs: number, ve: number, out: PortOccurrence[]): boolean {
  const s = valueStart(text, vs, ve);
  const e = valueEnd(text, vs, ve);
  if (e - s < 2 || e - s > 5 || digitsEnd(text, s, e) !== e || text.charCodeAt(s) === 48) return false;
  const port = portValue(text, s, e);
  if (port > 65535) return false;
  out.push(portAt(s, e, port, 'listen'));
  return true;
}
