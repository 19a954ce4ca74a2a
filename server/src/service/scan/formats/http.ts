import type { EmbeddedFormats, PortFinder, PortOccurrence } from '../vocabulary/types';
import { finish, isPortKeyIn, scanHostPorts, type HostPortOptions } from '../vocabulary/common';
import { readPortSpec } from '../vocabulary/portValue';
import { markDocumentation } from '../vocabulary/prose';
import { indexIn } from '../text/chars';

/*
 * HTTP request files (`.http`, `.rest`) of VS Code's REST Client and JetBrains' HTTP Client: requests
 * separated by `###`, each a request line (`GET http://localhost:8080/api HTTP/1.1`), headers, a blank
 * line and a body; file variables `@host = localhost:3000`; comments after `#` or `//`. Everything
 * such a file addresses is a server it connects to, so every port of a request line, a variable or a
 * `Host:` header connects. A body is data sent to that server (a JSON body is read by the JSON
 * finder), and its ports, like those of comments, are documentation: they get hovers and references,
 * never a warning. Header values other than `Host` hold URLs at most (`Content-Length: 5432` and a
 * `Date:` time are not ports).
 */

/** Ports of request lines, variables and headers: servers this file's requests go to. */
const CONNECT: HostPortOptions = { role: 'connect', lowPortsOnBareHosts: true };
/** `Host: api:8080` and `Host: :8080` name the server alone. */
const HOST_HEADER: HostPortOptions = { role: 'connect', lowPortsOnBareHosts: true, allowEmptyHost: true };

const enum Part { Start, Headers, Body }

/** The HTTP request file finder; a JSON body is read by the format table's JSON finder. */
export function httpFinder(embedded: EmbeddedFormats): PortFinder {
  return (text) => {
    const out: PortOccurrence[] = [];
    const n = text.length;
    let part = Part.Start;
    // Where the body of the current request starts, or -1.
    let body = -1;
    for (let ls = 0, nl = 0; ls <= n; ls = nl + 1) {
      nl = text.indexOf('\n', ls);
      if (nl < 0) nl = n;
      let le = nl;
      if (le > ls && text.charCodeAt(le - 1) === 13) le--;
      let s = ls;
      while (s < le && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
      if (text.startsWith('###', s)) {
        // A separator ends the request; what follows it on the line is the next request's name.
        if (body >= 0) readBody(embedded, text, body, ls, out);
        body = -1;
        part = Part.Start;
        readDocumentation(text, s + 3, le, out);
        continue;
      }
      if (part === Part.Body) continue;
      if (s === le) {
        if (part === Part.Headers) {
          part = Part.Body;
          body = nl + 1;
        }
        continue;
      }
      const c = text.charCodeAt(s);
      if (c === 35 /* # */ || (c === 47 /* / */ && text.charCodeAt(s + 1) === 47)) {
        readDocumentation(text, s + (c === 35 ? 1 : 2), le, out);
        continue;
      }
      if (part === Part.Start) {
        if (c === 64 /* @ */) readVariable(text, s + 1, le, out);
        else {
          readRequestLine(text, s, le, out);
          part = Part.Headers;
        }
        continue;
      }
      // A header, or a query continuation line of the request (`    &page=2`, `    ?port=8080`).
      if ((c === 63 /* ? */ || c === 38 /* & */) && s > ls) scanHostPorts(text, s, le, out, CONNECT);
      else readHeader(text, s, le, out);
    }
    if (body >= 0) readBody(embedded, text, body, n, out);
    return finish(out);
  };
}

/** `@name = value`: a file variable; its value connects (`@host = localhost:3000`, `@port = 8080`). */
function readVariable(text: string, s: number, e: number, out: PortOccurrence[]): void {
  const eq = indexIn(text, 61 /* = */, s, e);
  if (eq < 0) return;
  let ne = eq;
  while (ne > s && (text.charCodeAt(ne - 1) === 32 || text.charCodeAt(ne - 1) === 9)) ne--;
  let vs = eq + 1;
  while (vs < e && (text.charCodeAt(vs) === 32 || text.charCodeAt(vs) === 9)) vs++;
  let ve = e;
  while (ve > vs && (text.charCodeAt(ve - 1) === 32 || text.charCodeAt(ve - 1) === 9)) ve--;
  if (ve <= vs) return;
  if (isPortKeyIn(text, s, ne) && readPortSpec(text, vs, ve, out, 'connect')) return;
  scanHostPorts(text, vs, ve, out, CONNECT);
}

/** `GET http://localhost:8080/api HTTP/1.1`, or the URL alone: the server the request goes to. */
function readRequestLine(text: string, s: number, e: number, out: PortOccurrence[]): void {
  scanHostPorts(text, s, e, out, CONNECT);
}

/** `Name: value`: the `Host` header's port, and URLs in any other value (`Origin`, `Referer`). */
function readHeader(text: string, s: number, e: number, out: PortOccurrence[]): void {
  const colon = indexIn(text, 58 /* : */, s, e);
  if (colon < 0) return;
  if (colon - s === 4 && text.slice(s, colon).toLowerCase() === 'host') {
    scanHostPorts(text, colon + 1, e, out, HOST_HEADER);
    return;
  }
  // Every other colon of the value is looked at once, for a URL's `://`.
  for (let i = indexIn(text, 58, colon + 1, e); i >= 0; i = indexIn(text, 58, i + 1, e)) {
    if (text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) {
      scanHostPorts(text, colon + 1, e, out, CONNECT);
      return;
    }
  }
}

/** A comment or a separator's name: URLs and `host:port` in it, as documentation. */
function readDocumentation(text: string, s: number, e: number, out: PortOccurrence[]): void {
  const first = out.length;
  scanHostPorts(text, s, e, out, { sentenceEnd: true });
  markDocumentation(out, first);
}

/**
 * The body text[s, e): JSON read by the JSON finder, other bodies (forms, XML, GraphQL) for URLs and
 * `host:port` only; all of it data for the server, so documentation. JetBrains' response handlers
 * (`> {% ... %}`) and redirections (`<> response.json`, `< ./input.json`) are left alone.
 */
function readBody(embedded: EmbeddedFormats, text: string, s: number, e: number, out: PortOccurrence[]): void {
  let b = s;
  while (b < e && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 9 || text.charCodeAt(b) === 10 || text.charCodeAt(b) === 13)) b++;
  if (b >= e) return;
  const first = out.length;
  const c = text.charCodeAt(b);
  // The body runs to the first line that starts a response handler or a redirection.
  let be = e;
  for (let ls = b, nl = 0; ls < e; ls = nl + 1) {
    nl = text.indexOf('\n', ls);
    if (nl < 0 || nl > e) nl = e;
    if (isHandlerLine(text, ls)) {
      be = ls;
      break;
    }
  }
  if (c === 123 /* { */ || c === 91 /* [ */) {
    // A JSON finder's occurrence never carries a Compose mapping, whose offsets would move too.
    for (const o of embedded.finder('json')(text.slice(b, be))) {
      o.start += b;
      o.end += b;
      out.push(o);
    }
  } else {
    for (let ls = b, nl = 0; ls < be; ls = nl + 1) {
      nl = text.indexOf('\n', ls);
      if (nl < 0 || nl > be) nl = be;
      scanHostPorts(text, ls, nl, out, { sentenceEnd: true });
    }
  }
  markDocumentation(out, first);
}

/**
 * A line that ends a body: a response handler (`> {%`, `> ./check.js`), an output redirection
 * (`>> out.json`, `<> response.json`) or an input file (`< ./input.json`). An XML body's `<tag` is none.
 */
function isHandlerLine(text: string, ls: number): boolean {
  const h = text.charCodeAt(ls);
  if (h === 62 /* > */) return true;
  const next = text.charCodeAt(ls + 1);
  return h === 60 /* < */ && (next === 32 || next === 62);
}
