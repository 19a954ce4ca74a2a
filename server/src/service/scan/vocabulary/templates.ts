import type { PortOccurrence } from './types';
import { portAt } from './occurrence';
import { digitsEnd, indexIn, isDigit } from '../text/chars';
import { isPortKeyIn, portValue } from './common';

/*
 * Ports written inside template expressions that a label or a page is filled in with:
 * caddy-docker-proxy's `{{upstreams 80}}` (in Compose and Swarm labels, `docker run -l`, a
 * Dockerfile's LABEL) and Hugo shortcodes that name a port (`{{< sitevar name="port" nojs="9091" >}}`).
 */

/** Template actions are short; a longer run between `{{` and `}}` is something else. */
const MAX_ACTION = 64;

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * caddy-docker-proxy's `{{upstreams 80}}`, `{{upstreams https 8443}}`, `{{ upstreams 8080 }}` in
 * text[s, e): the port of the labelled containers that Caddy proxies to.
 */
export function scanUpstreamsActions(text: string, s: number, e: number, out: PortOccurrence[]): void {
  for (let i = indexIn(text, 123 /* { */, s, e); i >= 0 && i + 1 < e; i = indexIn(text, 123, i + 1, e)) {
    if (text.charCodeAt(i + 1) !== 123) continue;
    let j = i + 2;
    while (j < e && isBlank(text.charCodeAt(j))) j++;
    if (!text.startsWith('upstreams', j) || j + 9 >= e || !isBlank(text.charCodeAt(j + 9))) continue;
    j += 9;
    while (j < e && isBlank(text.charCodeAt(j))) j++;
    // An optional scheme before the port: `https`, `h2c`.
    if (!isDigit(text.charCodeAt(j))) {
      const w = j;
      while (j < e && j - w < 8 && (isLower(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)))) j++;
      if (j === w || !isBlank(text.charCodeAt(j))) continue;
      while (j < e && isBlank(text.charCodeAt(j))) j++;
    }
    const ps = j;
    const pe = digitsEnd(text, ps, e);
    if (pe === ps || text.charCodeAt(ps) === 48 /* 0 */) continue;
    let k = pe;
    while (k < e && isBlank(text.charCodeAt(k))) k++;
    if (text.charCodeAt(k) !== 125 || text.charCodeAt(k + 1) !== 125 || k - i > MAX_ACTION) continue;
    const port = portValue(text, ps, pe);
    if (port > 0 && port <= 65535) out.push(portAt(ps, pe, port, 'connect'));
    i = k + 1;
  }
}

/** A shortcode is longer than an action, but one line of attributes. */
const MAX_SHORTCODE = 400;

/**
 * Hugo shortcodes whose `name` attribute names a port, in text[s, e): the number another attribute
 * holds is that port (`{{< sitevar name="port" nojs="9091" >}}`, `{{% param name="metrics_port" default="9100" %}}`).
 * A shortcode naming anything else (`name="host"`, `name="version"`) gives nothing.
 */
export function scanShortcodePorts(text: string, s: number, e: number, out: PortOccurrence[]): void {
  for (let i = indexIn(text, 123 /* { */, s, e); i >= 0 && i + 2 < e; i = indexIn(text, 123, i + 1, e)) {
    const mark = text.charCodeAt(i + 2);
    if (text.charCodeAt(i + 1) !== 123 || (mark !== 60 /* < */ && mark !== 37 /* % */)) continue;
    const limit = Math.min(e, i + MAX_SHORTCODE);
    const closing = mark === 60 ? 62 /* > */ : mark;
    let close = -1;
    for (let k = indexIn(text, 125 /* } */, i + 3, limit); k >= 0; k = indexIn(text, 125, k + 1, limit)) {
      if (text.charCodeAt(k + 1) === 125 && text.charCodeAt(k - 1) === closing) {
        close = k - 1;
        break;
      }
    }
    if (close < 0) continue;
    readShortcode(text, i + 3, close, out);
    i = close;
  }
}

/** The attributes `key="value"` of one shortcode, text[s, e). */
function readShortcode(text: string, s: number, e: number, out: PortOccurrence[]): void {
  let portNamed = false;
  let vs = -1;
  let ve = -1;
  for (let i = indexIn(text, 61 /* = */, s, e); i >= 0; i = indexIn(text, 61, i + 1, e)) {
    const q = text.charCodeAt(i + 1);
    if (q !== 34 && q !== 39) continue;
    const close = indexIn(text, q, i + 2, e);
    if (close < 0) return;
    let ks = i;
    while (ks > s && (isLower(text.charCodeAt(ks - 1)) || text.charCodeAt(ks - 1) === 95)) ks--;
    if (i - ks === 4 && text.startsWith('name', ks)) {
      if (isPortKeyIn(text, i + 2, close)) portNamed = true;
      else return;
    } else if (close > i + 2 && digitsEnd(text, i + 2, close) === close && vs < 0) {
      vs = i + 2;
      ve = close;
    }
    i = close;
  }
  if (!portNamed || vs < 0 || text.charCodeAt(vs) === 48 /* 0 */) return;
  const port = portValue(text, vs, ve);
  if (port > 0 && port <= 65535) out.push(portAt(vs, ve, port, 'unknown'));
}
