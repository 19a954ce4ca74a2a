import type { Protocol } from '../../../registry/types';
import type { ComposeMapping, EmbeddedFormats, FormatId, PortOccurrence, PortPair, PortRole } from '../../vocabulary/types';
import { markDocumentation, scanProseNumbers } from '../../vocabulary/prose';
import { finish, sortTail, shiftOccurrence, isClearHost, isPortKey, normaliseImage, portValue, protocolWord, scanAtPorts, scanHostPorts, scanPortFlags } from '../../vocabulary/common';
import { digitsEnd, hasDigit, isDigit, isIdentChar } from '../../text/chars';
import { findIn, walkYaml, type YamlFrame, type YamlKey, type YamlVisitor } from '../../text/yamlScan';
import { PortPart, readPortPart, readPortsValue, readPortValue, ShortMapping, parseShortMapping } from '../../vocabulary/portValue';
import { giveHeldKey, giveKey, isConfigPortKey } from '../../vocabulary/keys';
import { scanUpstreamsActions } from '../../vocabulary/templates';
import { scanServerCommaPorts } from '../../vocabulary/codeText';
import { isEphemeralRangeKey, readEphemeralRange } from '../../vocabulary/sysctl';
import {
  MEMO_PORT, MEMO_PLURAL, MEMO_HOLDS_PORT, KIND_SHIFT, K_PROTOCOL_MAP, K_PORTS, K_EXPOSE, K_TARGET, K_PUBLISHED, K_HOST_PORT, K_CONTAINER_PORT,
  K_APP_PROTOCOL, K_NAME, K_NUMBER, K_IMAGE, K_SERVICES, K_PORT, K_PATH, K_VALUE, K_PROTOCOL, K_HOST_IP, K_LINE,
  isCommandFrame, factsOf, kindOf, isPortKeyFrame, isHostishFrame, portNameOwner, isOwnEndpoint, ownerLower,
  PROBE_ACTIONS, roleForYamlKey
} from './keyFacts';
import { CommandLists } from './commandLists';
import { nameAt, portAt, rangeAt } from '../../vocabulary/occurrence';
import { keepShape } from '../../text/keepShape';

/**
 * The port rules shared by the Compose and the generic YAML finders (Kubernetes, Helm, Spring,
 * Prometheus, GitHub Actions, ...). The two differ only in that Compose `ports:` entries carry a
 * {@link ComposeMapping} for the duplicate and base-60 rules.
 */

/** Service names as Kubernetes and IANA write them: letters, digits and hyphens, at least one letter. */
function isServiceNameLike(text: string, s: number, e: number): boolean {
  if (e - s < 1 || e - s > 63) return false;
  let letter = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letter = true;
    else if (!(isDigit(c) || c === 45)) return false;
  }
  return letter;
}

/*
 * Character classes of a stretch of free text, read in one pass: the scanners that need a class are
 * run only when it is present. A dash counts only where a flag can start (at the start, or after a
 * blank, quote, `[` or `,`), the only dashes the flag scanners look at.
 */
const C_DIGIT = 1;
const C_COLON = 2;
const C_DASH = 4;
const C_EQ = 8;
const C_DOLLAR = 16;
const C_BRACE = 32;
const C_ANY_DASH = 64;
/** `@` or `#` between an address and its port: unbound's `1.1.1.1@853`, dnsmasq's `8.8.8.8#53`. */
const C_AT = 128;
const CLASS_OF = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS_OF[c] = C_DIGIT;
CLASS_OF[58] = C_COLON;
CLASS_OF[45] = C_ANY_DASH;
CLASS_OF[61] = C_EQ;
CLASS_OF[36] = C_DOLLAR;
CLASS_OF[125] = C_BRACE;
CLASS_OF[64] = C_AT;
CLASS_OF[35] = C_AT;

/** The character classes (C_...) present in text[s, e). */
function classesOf(text: string, s: number, e: number): number {
  let cls = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) cls |= CLASS_OF[c];
  }
  if ((cls & C_ANY_DASH) !== 0) {
    for (let i = s; i < e; i++) {
      if (text.charCodeAt(i) !== 45) continue;
      const p = i > s ? text.charCodeAt(i - 1) : 32;
      if (p === 32 || p === 9 || p === 34 || p === 39 || p === 91 || p === 44) {
        cls |= C_DASH;
        break;
      }
    }
  }
  return cls;
}

/** How scanString reads host:port: `:80` alone and `web:80` are kept for the checks that follow. */
const STRING_HOSTS = { allowEmptyHost: true, lowPortsOnBareHosts: true };

/**
 * Bounds on the profiles kept: this many characters of a name, this many names per service (fewer
 * profiles kept can only make services look apart: a missed clash, never a false one).
 */
const MAX_PROFILE_CHARS = 256;
const MAX_PROFILES = 8;

/** Scans a YAML document for ports; `compose` attaches mappings to `ports:` entries. */
export function scanYamlPorts(text: string, compose: boolean, embedded: EmbeddedFormats, depth = 0): PortOccurrence[] {
  if (!keptVisitor) {
    // One visitor (with its scratch objects and command lists) and one object of each other per-scan
    // class stay alive for the process, so that their maps survive a full garbage collection (text/keepShape.ts).
    keptVisitor = true;
    keepShape(new PortVisitor('', compose, embedded, depth));
    keepShape(new ItemData());
    keepShape(new ServiceFacts());
  }
  const h = new PortVisitor(text, compose, embedded, depth);
  walkYaml(text, h);
  return h.result();
}

/** True once scanYamlPorts has kept an object of each per-scan class alive. */
let keptVisitor = false;

/** The formats of configuration files read in a block scalar whose key names one, such as a ConfigMap's `nginx.conf: |`. */
const EMBEDDED = new Set<FormatId>(['nginx', 'haproxy', 'caddy', 'keyvalue', 'toml', 'json', 'dotenv', 'systemd', 'dockerfile']);

/** Keys whose block scalar holds YAML: Kustomize patches, Helm values in a HelmChart, embedded files. */
function embedsYaml(lower: string): boolean {
  return lower === 'patch' || lower === 'patches' || lower === 'values' || lower === 'valuescontent' ||
    lower.endsWith('.yaml') || lower.endsWith('.yml');
}

/**
 * What the rules keep about a sequence item: the occurrences found inside it (only for entries of a
 * port list, whose protocol and Compose mapping are settled when the item closes) and the offsets of
 * the scalar fields they read (`name`, `path`, `value`, `protocol`, `host_ip`; -1 when absent).
 */
class ItemData {
  occ: PortOccurrence[] | null = null;
  nameS = -1;
  nameE = -1;
  pathS = -1;
  pathE = -1;
  valueS = -1;
  valueE = -1;
  protoS = -1;
  protoE = -1;
  ipS = -1;
  ipE = -1;

  reset(): void {
    this.occ = null;
    this.nameS = this.nameE = this.pathS = this.pathE = this.valueS = this.valueE = -1;
    this.protoS = this.protoE = this.ipS = this.ipE = -1;
  }
}

/**
 * What a Compose file says about one service that its mappings carry: the software its image names
 * and its `profiles:`. A mapping gets the software known when it is made; the mappings made before
 * the software last changed (`image:` after `ports:`) and the profiles get theirs when the document is read.
 */
class ServiceFacts {
  software: string | undefined = undefined;
  profiles: string[] | null = null;
  readonly mappings: ComposeMapping[] = [];
  /** mappings[0, stale) were made before `software` last changed. */
  stale = 0;
}

class PortVisitor implements YamlVisitor {
  /** Items' fields are kept in their {@link ItemData}, not in the walker's maps. */
  readonly fields = false;
  private readonly out: PortOccurrence[] = [];
  /** ItemData of closed items, for reuse. */
  private readonly spare: ItemData[] = [];
  /** Scratch list for scanString, reused. */
  private readonly tmp: PortOccurrence[] = [];
  /** Scratch results of the port entry parsers, read before the next parse. */
  private readonly part = new PortPart();
  private readonly mapping = new ShortMapping();
  /** Occurrences on a dotless host with a port below 1024 (`web:80`): kept only if the host is a service. */
  private readonly bareLow: PortOccurrence[] = [];
  /** The keys under `services:`, of which a bare host must be one (read only when bareLow has any). */
  private readonly serviceNames: string[] = [];
  /** A sequence entry that was a port flag (`--port`), waiting for its value in the next entry. */
  private pendingFlag: YamlFrame | null = null;
  private pendingFlagText = '';
  private readonly commands: CommandLists;
  /**
   * Compose: what each service says that its mappings carry. A service name the walk shares
   * (YamlKey.shared, nearly all) keeps its facts in its key's `data`; others are found by name here.
   */
  private readonly serviceList: ServiceFacts[] = [];
  private readonly unsharedServices = new Map<string, ServiceFacts>();
  constructor(
    private readonly text: string,
    private readonly compose: boolean,
    private readonly embedded: EmbeddedFormats,
    private readonly depth: number,
  ) {
    this.commands = new CommandLists(text, this.out, embedded);
  }

  /** A block scalar that holds a whole file (`nginx.conf: |`, `patch: |-`): scan it with that file's finder. */
  block(f: YamlFrame | null, s: number, e: number): void {
    if (!f) return;
    // A script written as a block scalar: `command: |` or an entry `- |` after `- sh` / `- -c`.
    if (f.isItem ? f.owner !== null && !f.flow && isCommandFrame(f.owner) : isCommandFrame(f)) {
      if (f.isItem) this.commands.add(f.owner!, s, e, this.out.length);
      else if (hasDigit(this.text, s, e)) {
        if (this.commands.isFoldedBlock(s)) this.commands.foldedText(s, e, this.out.length);
        else this.commands.shellText(s, e, this.out.length);
      }
      return;
    }
    if (f.isItem || this.depth >= 2 || e - s < 8) return;
    const lower = f.lower;
    let found: PortOccurrence[];
    try {
      // A key that names no file (`VIRTUAL_HOST_MULTIPORTS: |-`) may still hold one format's lines.
      const named = lower.indexOf('.') >= 0 || lower === 'caddyfile' || lower === 'dockerfile';
      const sniffed = embedsYaml(lower) || named ? undefined : this.embedded.sniffFormat(this.text.slice(s, Math.min(e, s + 8192)));
      if (embedsYaml(lower) || sniffed === 'yaml' || sniffed === 'compose') {
        found = scanYamlPorts(this.text.slice(s, e), sniffed === 'compose', this.embedded, this.depth + 1);
      } else {
        let format = named ? this.embedded.formatFromFileName('file:///embedded/' + encodeURIComponent(f.key)) : sniffed;
        if (format === 'keyvalue' && /\.(conf|cfg)$/.test(lower)) format = this.embedded.sniffConf(this.text.slice(s, Math.min(e, s + 8192)));
        const finder = format && EMBEDDED.has(format) ? this.embedded.finder(format) : undefined;
        if (!finder) return;
        found = finder(this.text.slice(s, e));
      }
    } catch {
      return;
    }
    const shifted = new Set<ComposeMapping>();
    for (const o of found) this.out.push(shiftOccurrence(o, s, shifted));
  }

  result(): PortOccurrence[] {
    const out = this.out;
    // A mapping has a slot for its software from the start: filling it here changes no object's shape.
    for (const facts of this.serviceList) {
      if (facts.profiles !== null) for (const m of facts.mappings) m.profiles = facts.profiles;
      for (let i = 0; i < facts.stale; i++) facts.mappings[i].software = facts.software;
    }
    if (this.bareLow.length > 0) {
      const names = new Set(this.serviceNames);
      for (const o of this.bareLow) if (o.host && names.has(o.host)) out.push(o);
    }
    // The walk reports in text order almost always; sort and deduplicate only when it did not.
    for (let i = 1; i < out.length; i++) {
      const a = out[i - 1];
      const b = out[i];
      if (b.start < a.start || (b.start === a.start && b.end <= a.end)) return finish(out);
    }
    return out;
  }

  key(f: YamlFrame): void {
    if (!f.flow && kindOf(f.owner) === K_SERVICES) this.serviceNames.push(f.key);
    // A map keyed by port: ingress-nginx `tcp: {8080: "ns/svc:9000"}` and `nodePorts: {tcp: {8080: 30080}}`.
    if (isDigit(f.key.charCodeAt(0)) && f.owner !== null && kindOf(f.owner) === K_PROTOCOL_MAP) {
      this.portMapKey(f, isPortKeyFrame(f.owner.owner) ? 'connect' : 'listen');
    }
  }

  /**
   * ingress-nginx's `NAMESPACE/SERVICE:PORT`, perhaps followed by `:PROXY` flags, as the value
   * text[s, e) of a `tcp:` or `udp:` map: the Service port the controller forwards to.
   */
  private serviceRef(s: number, e: number): boolean {
    const text = this.text;
    const slash = findIn(text, '/', s, e);
    if (slash <= s) return false;
    const colon = findIn(text, ':', slash + 1, e);
    if (colon <= slash + 1 || !isServiceNameLike(text, s, slash) || !isServiceNameLike(text, slash + 1, colon)) return false;
    const pe = digitsEnd(text, colon + 1, e);
    if (pe === colon + 1 || (pe < e && text.charCodeAt(pe) !== 58)) return false;
    const port = portValue(text, colon + 1, pe);
    if (port <= 0 || port > 65535) return false;
    this.out.push(portAt(colon + 1, pe, port, 'connect', text.slice(slash + 1, colon)));
    return true;
  }

  /** The key of `f` when it is a port number (perhaps quoted), with the role the map gives it. */
  private portMapKey(f: YamlFrame, role: PortRole): void {
    const text = this.text;
    const q = text.charCodeAt(f.start);
    const s = q === 34 || q === 39 ? f.start + 1 : f.start;
    const e = s + f.key.length;
    if (text.charCodeAt(s) === 48 /* 0 */ || digitsEnd(text, s, e) !== e) return;
    const port = portValue(text, s, e);
    if (port > 0 && port <= 65535) this.out.push(portAt(s, e, port, role, undefined, f.owner?.lower === 'udp' ? 'udp' : 'tcp'));
  }

  endDocument(): void {
    this.pendingFlag = null;
    this.commands.endDocument();
  }

  comment(s: number, e: number): void {
    // A comment reads as prose: host:port, URLs and numbers its sentences tie to a port.
    const first = this.out.length;
    if (findIn(this.text, ':', s, e) >= 0) scanHostPorts(this.text, s, e, this.out);
    scanProseNumbers(this.text, s, e, this.out, first);
    markDocumentation(this.out, first);
    // host:port comes before the sentence's numbers: in text order here, result() need not sort the file.
    sortTail(this.out, first);
  }

  freeText(f: YamlFrame | null, s: number, e: number): void {
    // A script (`run: |`, `command: >`) is read whole by the command reader when its block ends, and
    // a command's plain scalar with its continuation lines when its key closes.
    if (f !== null && (f.isItem ? f.owner !== null && !f.flow && isCommandFrame(f.owner) : isCommandFrame(f))) {
      if (!f.isItem) this.commands.continuePlain(f, s, e);
      return;
    }
    // A line of a config file written by Ansible `content: |` / `block: |`: `Port 2222`, `listen 8080`.
    if (f !== null && !f.isItem && kindOf(f) === K_LINE && this.directive(s, e)) return;
    this.scanString(s, e, f ? (f.isItem ? f.owner : f) : null);
  }

  close(f: YamlFrame): void {
    // The frame's object will be reused for another frame: a flag waiting on it waits no more.
    if (f === this.pendingFlag) this.pendingFlag = null;
    this.commands.close(f);
    if (!f.isItem) return;
    const d = f.data as ItemData | undefined;
    if (d === undefined) return;
    const text = this.text;
    // Occurrences found inside before this point (the env entry below joins them only then).
    const had = d.occ !== null;
    // Kubernetes env entry `- name: DB_PORT` / `value: "5432"`, or JSON patch `path: /spec/ports/0/port`.
    const ns = d.nameS >= 0 ? d.nameS : d.pathS;
    const ne = d.nameS >= 0 ? d.nameE : d.pathE;
    if (ns >= 0 && d.valueS >= 0 && isPortKey(text.slice(ns, ne))) {
      this.push(readPortValue(text, d.valueS, d.valueE, 'unknown'), f);
    } else if (ns >= 0 && d.valueS >= 0 && isEphemeralRangeKey(text, ns, ne)) {
      // A Pod's `sysctls: [{name: net.ipv4.ip_local_port_range, value: "1024 65000"}]`.
      readEphemeralRange(text, d.valueS, d.valueE, this.out);
    }
    // Only items of a port list collect occurrences (see push).
    if (had && d.occ !== null) {
      const proto = d.protoS >= 0 ? protocolWord(text.slice(d.protoS, d.protoE)) : undefined;
      for (const o of d.occ) if (o.kind === 'port' && !o.protocol) o.protocol = proto ?? 'tcp';
      if (this.compose && kindOf(f.owner) === K_PORTS) this.longSyntax(f, d, d.occ, proto);
      else if (kindOf(f.owner) === K_PORTS) this.pairEntry(d.occ);
    }
    d.reset();
    this.spare.push(d);
  }

  /** The ItemData of an item, made on first use. */
  private dataOf(item: YamlFrame): ItemData {
    let d = item.data as ItemData | undefined;
    if (d === undefined) item.data = d = this.spare.pop() ?? new ItemData();
    return d;
  }

  /** Compose long syntax: `- target: 80` / `published: "8080"` / `host_ip` / `protocol`. */
  private longSyntax(f: YamlFrame, d: ItemData, occ: PortOccurrence[], proto: Protocol | undefined): void {
    let hostLo: number | null = null;
    let hostHi: number | null = null;
    let cLo = NaN;
    let cHi = NaN;
    for (const o of occ) {
      if (o.kind !== 'port') continue;
      if (o.role === 'host') {
        hostLo = o.rangeLo ?? o.port;
        hostHi = o.rangeHi ?? o.port;
      } else if (o.role === 'container') {
        cLo = o.rangeLo ?? o.port;
        cHi = o.rangeHi ?? o.port;
      }
    }
    let hostIp = d.ipS >= 0 ? this.text.slice(d.ipS, d.ipE).trim() : '';
    if (hostIp === '0.0.0.0') hostIp = '';
    if (hostIp.startsWith('[') && hostIp.endsWith(']')) hostIp = hostIp.slice(1, -1);
    const svc = this.composeService(f);
    const facts = svc === null ? null : this.serviceFacts(svc);
    const mapping: ComposeMapping = {
      start: f.start + 2, end: Math.max(f.start + 2, f.end), hostIp, hostLo, hostHi, containerLo: cLo, containerHi: cHi,
      protocol: proto ?? 'tcp', quoted: true, service: svc?.key, software: facts?.software,
    };
    for (const o of occ) if (o.kind === 'port') o.mapping = mapping;
    facts?.mappings.push(mapping);
  }

  /** A Compose service's profile name (`profiles: [debug]`), kept for its mappings. */
  private profile(keyF: YamlFrame, s: number, e: number): void {
    // Only `services.<name>.profiles`.
    const svc = keyF.owner;
    if (svc === null || svc.owner === null || svc.owner.lower !== 'services' || svc.owner.parent !== null || e <= s) return;
    const facts = this.serviceFacts(svc.name);
    const list = facts.profiles ?? (facts.profiles = []);
    if (list.length < MAX_PROFILES) list.push(this.text.slice(s, Math.min(e, s + MAX_PROFILE_CHARS)));
  }

  /** A Compose service's image (`services.<name>.image`), kept for its mappings' `software`. */
  private serviceImage(keyF: YamlFrame, s: number, e: number): void {
    const svc = keyF.owner;
    if (svc === null || svc.owner === null || svc.owner.lower !== 'services' || svc.owner.parent !== null || e - s > 256) return;
    const image = normaliseImage(this.text.slice(s, e));
    if (image) {
      const facts = this.serviceFacts(svc.name);
      facts.software = image;
      facts.stale = facts.mappings.length;
    }
  }

  /** The facts of the Compose service whose key is `name`, made on first use. */
  private serviceFacts(name: YamlKey): ServiceFacts {
    if (name.shared) {
      let facts = name.data as ServiceFacts | undefined;
      if (facts === undefined) {
        name.data = facts = new ServiceFacts();
        this.serviceList.push(facts);
      }
      return facts;
    }
    let facts = this.unsharedServices.get(name.key);
    if (facts === undefined) {
      this.unsharedServices.set(name.key, (facts = new ServiceFacts()));
      this.serviceList.push(facts);
    }
    return facts;
  }

  /** Makes the occurrences pushed since `first` one mapping, when they are ports. */
  private pairFrom(first: number, by: PortPair['by']): void {
    const pair: PortPair = { by };
    for (let i = first; i < this.out.length; i++) if (this.out[i].kind === 'port') this.out[i].pair = pair;
  }

  /**
   * The numbers of one Kubernetes ports entry (`containerPort` with `hostPort`; a Service's `port`,
   * `targetPort` and `nodePort`) are one mapping; an entry with one number is none.
   */
  private pairEntry(occ: PortOccurrence[]): void {
    let ports = 0;
    for (const o of occ) if (o.kind === 'port' && o.pair === undefined && o.mapping === undefined) ports++;
    if (ports < 2) return;
    const pair: PortPair = { by: 'entry' };
    for (const o of occ) if (o.kind === 'port' && o.pair === undefined && o.mapping === undefined) o.pair = pair;
  }

  /** The key of the compose service a frame belongs to: the key under top-level `services:`. */
  private composeService(f: YamlFrame | null): YamlKey | null {
    let k: YamlFrame | null = f;
    // Walk up at most a few levels: services.<name>.ports[...] is shallow.
    for (let i = 0; k && i < 8; i++) {
      const o = k.isItem ? k.owner : k;
      if (!o) return null;
      if (o.owner && o.owner.lower === 'services' && !o.owner.parent) return o.name;
      k = o.owner ?? o.parent;
    }
    return null;
  }

  private push(o: PortOccurrence | undefined, item: YamlFrame | null): void {
    if (!o) return;
    this.out.push(o);
    // An item keeps its occurrences only when it is an entry of a port list: close reads them only there.
    if (item !== null && (kindOf(item.owner) === K_PORTS || isPortKeyFrame(item.owner))) {
      const d = this.dataOf(item);
      if (d.occ === null) d.occ = [];
      d.occ.push(o);
    }
  }

  /** Keeps the offsets of an item's scalar field that close or longSyntax reads. */
  private field(item: YamlFrame, kind: number, s: number, e: number): void {
    if (kind === K_NAME) {
      const d = this.dataOf(item);
      d.nameS = s;
      d.nameE = e;
    } else if (kind === K_PATH) {
      const d = this.dataOf(item);
      d.pathS = s;
      d.pathE = e;
    } else if (kind === K_VALUE) {
      const d = this.dataOf(item);
      d.valueS = s;
      d.valueE = e;
    } else if (kind === K_PROTOCOL) {
      const d = this.dataOf(item);
      d.protoS = s;
      d.protoE = e;
    } else if (kind === K_HOST_IP) {
      const d = this.dataOf(item);
      d.ipS = s;
      d.ipE = e;
    }
  }

  scalar(f: YamlFrame | null, s: number, e: number, quote: number, inSeq: boolean): void {
    if (this.compose && inSeq && f !== null) {
      const k = f.isItem ? f.owner : f;
      if (k !== null && k.lower === 'profiles') {
        this.profile(k, s, e);
        return;
      }
    }
    const before = this.out.length;
    const keyF = f === null ? null : inSeq ? (f.isItem ? f.owner : f) : f.isItem ? null : f;
    const command = keyF !== null && isCommandFrame(keyF);
    // A command line, or an entry of a command list that starts with the command's name, is read by
    // the command reader alone, as the same command is read in a shell script or a Dockerfile. A list
    // of options for the image's own entrypoint (`args: ["--port", "8080"]`) is left to the rules.
    if (!command || (inSeq && this.commands.isOptionList(keyF!, s))) this.scalarRules(f, s, e, quote, inSeq);
    if (!command) {
      // The ports of a key's own value know the key (`nodePort: 0`, `pasv_min_port: 50000`).
      if (!inSeq && keyF !== null && this.out.length > before && (factsOf(keyF.name) & MEMO_HOLDS_PORT) !== 0) giveHeldKey(this.out, before, keyF.key);
      return;
    }
    if (inSeq) {
      // Only entries of the key's own list: `- sh` items or a flow list, not the fields of mapping items.
      if (!f!.isItem || !f!.flow) this.commands.add(keyF!, s, e, before);
    } else {
      // A plain or quoted scalar over several lines is one line, as YAML folds it: read when its key closes.
      this.commands.addPlain(keyF!, s, e, before);
    }
  }

  private scalarRules(f: YamlFrame | null, s: number, e: number, quote: number, inSeq: boolean): void {
    const text = this.text;
    // The key that names this value, and the item that collects its occurrences.
    let keyF: YamlFrame | null;
    let item: YamlFrame | null = null;
    if (!f) keyF = null;
    else if (inSeq) {
      keyF = f.isItem ? f.owner : f;
      item = f.isItem && !f.flow ? f : null;
    } else if (f.isItem) {
      keyF = null;
      item = f;
    } else {
      keyF = f;
      if (f.parent && f.parent.isItem) {
        item = f.parent;
        this.field(item, kindOf(f), s, e);
      }
    }
    if (e <= s && !inSeq) return;
    const facts = keyF !== null ? factsOf(keyF.name) : 0;
    const kind = facts >>> KIND_SHIFT;
    const portKey = (facts & MEMO_PORT) !== 0;

    if (inSeq) {
      // A port flag in one sequence entry and its value in the next (`args: ["--port", "8080"]`).
      const pending = this.pendingFlag === keyF && keyF !== null;
      this.pendingFlag = null;
      if (pending) {
        const first = this.out.length;
        const short = this.shortSyntax(s, e, quote, null, false);
        if (!short) this.push(readPortValue(text, s, e, 'listen'), null);
        // The entry before was the flag these ports are the value of.
        for (let i = first; i < this.out.length; i++) this.out[i].flag ??= this.pendingFlagText;
        return;
      }
      if (keyF && this.isBareFlag(s, e)) {
        this.pendingFlag = keyF;
        this.pendingFlagText = text.slice(s, e);
        return;
      }
      if (kind === K_PORTS || (portKey && (facts & MEMO_PLURAL) !== 0)) {
        if (this.shortSyntax(s, e, quote, item ?? keyF, this.compose && kind === K_PORTS)) return;
        this.scanString(s, e, keyF);
        return;
      }
      if (kind === K_EXPOSE) {
        const p = this.part;
        if (readPortPart(text, s, this.protoEnd(s, e), p) && p.kind === 'num') {
          const proto = this.protoAfter(s, e) ?? 'tcp';
          this.rangeOccurrences(p, 'listen', proto, undefined, item);
          return;
        }
      }
      if (portKey) {
        // A list under a port key: `forwardPorts: [3000, 9229]`.
        const o = readPortValue(text, s, e, roleForYamlKey(keyF!.lower, ownerLower(keyF)));
        if (o) {
          this.push(o, item);
          return;
        }
      }
    } else if (keyF !== null) {
      if (item !== null && kindOf(item.owner) === K_PORTS) {
        // Long syntax fields of a compose / Kubernetes ports entry.
        if (kind === K_TARGET || kind === K_PUBLISHED || kind === K_HOST_PORT || kind === K_CONTAINER_PORT || kind === K_NUMBER) {
          // Istio ServiceEntry / Gateway `ports: - number: 5432` names the port by `number`.
          const role: PortRole = kind === K_PUBLISHED || kind === K_HOST_PORT ? 'host' : kind === K_NUMBER ? 'unknown' : 'container';
          const p = this.part;
          if (readPortPart(text, s, e, p) && p.kind === 'num') this.rangeOccurrences(p, role, undefined, undefined, item);
          return;
        }
        if (kind === K_APP_PROTOCOL) {
          this.serviceName(s, e, 'unknown');
          return;
        }
        // The name given to a port (Kubernetes `ports[].name`, compose long syntax `name`), for the portName rule.
        if (kind === K_NAME) {
          const nameOf = portNameOwner(item.owner as YamlFrame);
          const o = nameAt('name', s, e, text.slice(s, e), nameOf === 'container' ? 'listen' : 'unknown');
          if (nameOf) o.nameOf = nameOf;
          this.out.push(o);
          return;
        }
      }
      if (portKey) {
        this.portKeyValue(keyF, keyF.lower, ownerLower(keyF), s, e, quote, item);
        return;
      }
      // Compose `sysctls: {net.ipv4.ip_local_port_range: "1024 65000"}`.
      if (isEphemeralRangeKey(keyF.lower, 0, keyF.lower.length) && readEphemeralRange(text, s, e, this.out)) return;
      const ownerF = keyF.owner;
      // ingress-nginx `tcp: {"5432": "db/postgres:5432", "53": "kube-system/dns:53:PROXY"}`, also as the
      // `data` of its tcp-services ConfigMap, where only the value's shape tells the key is a port.
      const ownerKind = kindOf(ownerF);
      if (isDigit(keyF.lower.charCodeAt(0)) && ownerF !== null && (ownerKind === K_PROTOCOL_MAP || ownerF.lower === 'data') && this.serviceRef(s, e)) {
        if (ownerF.lower === 'data') this.portMapKey(keyF, 'listen');
        return;
      }
      // Ingress backend `port: {number: 80}` or `port: {name: http}`.
      if (ownerKind === K_PORT && kind === K_NUMBER) {
        this.push(readPortValue(text, s, e, 'unknown'), null);
        return;
      }
      if ((ownerKind === K_PORT && kind === K_NAME) || kind === K_APP_PROTOCOL) {
        this.serviceName(s, e, 'unknown');
        return;
      }
      // A map under a port key: `containerPorts: {http: 8080}`, or by protocol: `nodePorts: {tcp: {8080: 30080}}`.
      if (ownerF && !ownerF.isItem && (isPortKeyFrame(ownerF) || (ownerKind === K_PROTOCOL_MAP && isPortKeyFrame(ownerF.owner)))) {
        const o = readPortValue(text, s, e, 'unknown');
        if (o) {
          this.push(o, null);
          return;
        }
      }
      if (kind === K_IMAGE) {
        this.serviceImage(keyF, s, e);
        this.imageRegistry(s, e);
        return;
      }
      if (kind === K_LINE && this.directive(s, e)) return;
    }
    // What is left needs a digit: `PORT=3000` as a whole entry (compose environment or labels lists,
    // Kustomize literals), or ports inside the string.
    const cls = classesOf(text, s, e);
    if ((cls & C_DIGIT) === 0) return;
    if ((cls & C_EQ) !== 0 && this.assignment(s, e, item)) return;
    this.scanClasses(s, e, keyF, cls);
  }

  private isBareFlag(s: number, e: number): boolean {
    const text = this.text;
    if (text.charCodeAt(s) !== 45) return false;
    if (e - s === 2 && (text.charCodeAt(s + 1) === 112 || text.charCodeAt(s + 1) === 80)) return true; // -p, -P
    if (text.charCodeAt(s + 1) !== 45) return false;
    const flag = text.slice(s + 2, e);
    return flag === 'publish' || isPortKey(flag) || flag === 'inspect' || flag === 'debug-port';
  }

  private portKeyValue(keyF: YamlFrame, key: string, owner: string, s: number, e: number, quote: number, item: YamlFrame | null): void {
    const text = this.text;
    // A Service's `port` is the virtual address clients connect to; nothing on a machine binds it.
    const role = key === 'port' && item !== null && item.owner !== null && item.owner.lower === 'ports' && portNameOwner(item.owner) === 'service' ? 'connect' : roleForYamlKey(key, owner);
    const o = readPortValue(text, s, e, role) ?? this.wholeVarDefault(s, e, role);
    if (o) {
      this.push(o, item);
      return;
    }
    // A plural key holding one entry: `ports: "8080:80"`.
    if (key.endsWith('ports') && this.shortSyntax(s, e, quote, item, false)) return;
    // A plural key holding a list in one string: Istio `excludeInboundPorts: "15020,9901"`.
    if (key.endsWith('ports') && this.portList(s, e, role, item)) return;
    // A range or a protocol suffix: `port_range: 8000-8010`, firewalld `port: 9100-9102/tcp`.
    const pe = this.protoEnd(s, e);
    const p = this.part;
    if (readPortPart(text, s, pe, p) && p.kind === 'num') {
      this.rangeOccurrences(p, role, pe < e ? protocolWord(text.slice(pe + 1, e)) : undefined, undefined, item);
      return;
    }
    if (findIn(text, '{{', s, e) >= 0) {
      this.templatePorts(s, e, role, item);
      return;
    }
    if (findIn(text, '<%', s, e) >= 0) {
      this.erbPorts(s, e, role, item);
      return;
    }
    // ufw / iptables range syntax under a singular key: `port: "60000:61000"`. (A plural `ports` entry
    // `8080:80` is a Compose mapping, read above.)
    if (!key.endsWith('ports') && this.colonRange(s, pe, item, role, pe < e ? protocolWord(text.slice(pe + 1, e)) : undefined)) return;
    // A port name standing for a number: `targetPort: http`, probe `port: http`.
    if (key === 'targetport' || (key === 'port' && PROBE_ACTIONS.has(owner))) {
      if (this.serviceName(s, e, role)) return;
    }
    this.scanString(s, e, keyF);
  }

  /**
   * The default of a variable whose name ends at `ne` and whose `}` is at `close`: shell and Compose
   * `${PORT:-3000}` / `${PORT-3000}` / `${PORT:=3000}`, Spring `${SERVER_PORT:8080}`.
   */
  private varDefault(ne: number, close: number, role: PortRole): PortOccurrence | undefined {
    const text = this.text;
    let d = ne;
    if (text.charCodeAt(d) === 58) {
      d++;
      if (isDigit(text.charCodeAt(d))) return readPortValue(text, d, close, role);
    }
    const c = text.charCodeAt(d);
    if (c !== 45 && c !== 61) return undefined;
    return readPortValue(text, d + 1, close, role);
  }

  /** `${NAME:8080}` or `${NAME:-8080}` as a whole value under a port key, whatever the variable's name. */
  private wholeVarDefault(s: number, e: number, role: PortRole): PortOccurrence | undefined {
    const text = this.text;
    if (text.charCodeAt(s) !== 36 || text.charCodeAt(s + 1) !== 123 || text.charCodeAt(e - 1) !== 125) return undefined;
    let ne = s + 2;
    while (ne < e && (isIdentChar(text.charCodeAt(ne)) || text.charCodeAt(ne) === 46)) ne++;
    return this.varDefault(ne, e - 1, role);
  }

  /**
   * `lo:hi` in text[s, e) with lo < hi, quotes allowed around it: a port range as ufw and iptables
   * write it. Returns true when it was one.
   */
  private colonRange(s: number, e: number, item: YamlFrame | null, role: PortRole, protocol: Protocol | undefined): boolean {
    const text = this.text;
    const q = text.charCodeAt(s);
    if ((q === 34 || q === 39) && e - s >= 2 && text.charCodeAt(e - 1) === q) {
      s++;
      e--;
    }
    const a = digitsEnd(text, s, e);
    if (a === s || text.charCodeAt(a) !== 58) return false;
    const b = digitsEnd(text, a + 1, e);
    if (b !== e || b === a + 1) return false;
    const lo = portValue(text, s, a);
    const hi = portValue(text, a + 1, b);
    if (lo < 0 || hi < 0 || lo >= hi || hi > 65535) return false;
    const p = this.part;
    p.set('num', lo, hi, s, a, a + 1, b);
    this.rangeOccurrences(p, role, protocol, undefined, item);
    return true;
  }

  /**
   * A value that is one line of another config file, `KEY VALUE`, `KEY=VALUE` or `KEY: VALUE` where
   * KEY names a port (`Port 2222` for sshd, `Listen 8080`, `port = 5433`), optionally written as the
   * regular expression that finds the line (`^#?Port 22$`). Returns true when it was one.
   */
  private directive(s: number, e: number): boolean {
    const text = this.text;
    while (s < e && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
    while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9 || text.charCodeAt(e - 1) === 13)) e--;
    if (text.charCodeAt(s) === 94 /* ^ */) s++;
    // A regular expression's `$`, or the `;` that ends an nginx directive (`listen 8080;`).
    if (text.charCodeAt(e - 1) === 36 /* $ */ || text.charCodeAt(e - 1) === 59 /* ; */) e--;
    if (text.charCodeAt(s) === 35 /* # */) s += text.charCodeAt(s + 1) === 63 /* ? */ ? 2 : 1;
    const ks = s;
    let i = s;
    while (i < e && (isIdentChar(text.charCodeAt(i)) || text.charCodeAt(i) === 46 || text.charCodeAt(i) === 45)) i++;
    if (i === ks || i >= e) return false;
    const ke = i;
    let sep = false;
    while (i < e && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) {
      i++;
      sep = true;
    }
    const c = text.charCodeAt(i);
    if (c === 61 || c === 58) {
      i++;
      sep = true;
    }
    if (!sep) return false;
    while (i < e && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const v = text.charCodeAt(i);
    if (!(isDigit(v) || v === 34 || v === 39)) return false;
    if (isEphemeralRangeKey(text, ks, ke) && readEphemeralRange(text, i, e, this.out)) return true;
    if (!isConfigPortKey(text.slice(ks, ke))) return false;
    // One port, or several (`ip_local_port_range = 1024 65000`, `ip_local_reserved_ports = 8080,9090`).
    return readPortsValue(text, i, e, 'listen', this.out);
  }

  /** Records a service name occurrence when text[s, e) reads as one. */
  private serviceName(s: number, e: number, role: PortRole): boolean {
    if (!isServiceNameLike(this.text, s, e) || e - s > 15) return false;
    this.out.push(nameAt('service', s, e, this.text.slice(s, e), role));
    return true;
  }

  /** Standalone digit runs in the literal text[s, e) of a templated port value. */
  private literalPorts(s: number, e: number, role: PortRole, item: YamlFrame | null): void {
    const text = this.text;
    for (let j = s; j < e; j++) {
      if (isDigit(text.charCodeAt(j)) && (j === s || !isIdentChar(text.charCodeAt(j - 1)))) {
        const d = digitsEnd(text, j, e);
        if (d === e || !isIdentChar(text.charCodeAt(d))) this.push(readPortValue(text, j, d, role), item);
        j = d;
      }
    }
  }

  /** Numbers in a templated port value: `{{ .Values.port | default 8080 }}`, `{{ if .tls }}443{{ else }}80{{ end }}`. */
  private templatePorts(s: number, e: number, role: PortRole, item: YamlFrame | null): void {
    const text = this.text;
    let i = s;
    while (i < e) {
      const open = findIn(text, '{{', i, e);
      const stop = open < 0 ? e : open;
      // Literal text between actions: standalone digit runs are the port.
      this.literalPorts(i, stop, role, item);
      if (stop >= e) break;
      const close = findIn(text, '}}', stop + 2, e);
      const ae = close < 0 ? e : close;
      // Inside the action: `default 8080` or `default "8080"`.
      let d = findIn(text, 'default', stop, ae);
      while (d >= 0) {
        let j = d + 7;
        while (j < ae && text.charCodeAt(j) === 32) j++;
        const q = text.charCodeAt(j);
        if (q === 34 || q === 39) j++;
        const de = digitsEnd(text, j, ae);
        if (de > j) this.push(readPortValue(text, j, de, role), item);
        d = findIn(text, 'default', d + 7, ae);
      }
      i = ae + 2;
    }
  }

  /** `80,443,8000-8010` (or space-separated) in text[s, e): pushed only when every item is a port or range. */
  private portList(s: number, e: number, role: PortRole, item: YamlFrame | null): boolean {
    const tmp = this.tmp;
    tmp.length = 0;
    if (!readPortsValue(this.text, s, e, role, tmp)) return false;
    for (const o of tmp) this.push(o, item);
    tmp.length = 0;
    return true;
  }

  /**
   * Numbers in a Ruby ERB port value (Rails `database.yml`): literal digits outside `<%= %>`, and inside
   * it the one default a lookup falls back to: `ENV.fetch("DB_PORT") { 5432 }`, `ENV.fetch("PORT", 3000)`,
   * `ENV["PORT"] || 3000`.
   */
  private erbPorts(s: number, e: number, role: PortRole, item: YamlFrame | null): void {
    const text = this.text;
    let i = s;
    while (i < e) {
      const open = findIn(text, '<%', i, e);
      const stop = open < 0 ? e : open;
      this.literalPorts(i, stop, role, item);
      if (stop >= e) break;
      const close = findIn(text, '%>', stop + 2, e);
      const ae = close < 0 ? e : close;
      for (let j = stop + 2; j < ae; j++) {
        if (!isDigit(text.charCodeAt(j))) continue;
        const d = digitsEnd(text, j, ae);
        if (this.erbDefault(j, d, stop + 2, ae)) this.push(readPortValue(text, j, d, role), item);
        j = d;
      }
      i = ae + 2;
    }
  }

  /** True when the digits text[ds, de) inside an ERB action [as, ae) stand alone as a fallback value. */
  private erbDefault(ds: number, de: number, as: number, ae: number): boolean {
    const text = this.text;
    let a = ds;
    let b = de;
    // Quotes around the number: `ENV.fetch("PORT", "3000")`.
    const q = text.charCodeAt(a - 1);
    if ((q === 34 || q === 39) && text.charCodeAt(b) === q) {
      a--;
      b++;
    }
    while (a > as && (text.charCodeAt(a - 1) === 32 || text.charCodeAt(a - 1) === 9)) a--;
    while (b < ae && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 9)) b++;
    const before = a > as ? text.charCodeAt(a - 1) : 0;
    const after = b < ae ? text.charCodeAt(b) : 0;
    if (before === 123 /* { */) return after === 125 /* } */;
    if (before === 44 /* , */) return after === 41 /* ) */;
    // `|| 3000`, up to the end of the action or a closing parenthesis or method call.
    if (before === 124 && a - 2 >= as && text.charCodeAt(a - 2) === 124) return after === 0 || after === 41 || after === 45 /* -%> */;
    return false;
  }

  /** `KEY=VALUE` where KEY names a port: the value is the port. Returns true when handled. */
  private assignment(s: number, e: number, item: YamlFrame | null): boolean {
    const text = this.text;
    let i = s;
    while (i < e) {
      const c = text.charCodeAt(i);
      if (isIdentChar(c) || c === 46 || c === 45 || c === 47) i++;
      else break;
    }
    if (i === s || i >= e || text.charCodeAt(i) !== 61 /* = */) return false;
    const first = this.out.length;
    // Compose `sysctls: [net.ipv4.ip_local_port_range=1024 65000]`.
    if (isEphemeralRangeKey(text, s, i)) {
      const read = readEphemeralRange(text, i + 1, e, this.out);
      giveKey(this.out, first, text, s, i);
      return read;
    }
    if (!isPortKey(text.slice(s, i))) return false;
    const o = readPortValue(text, i + 1, e, 'unknown');
    if (!o) return false;
    this.push(o, item);
    giveKey(this.out, first, text, s, i);
    return true;
  }

  private protoEnd(s: number, e: number): number {
    for (let i = e - 1; i >= s && e - i <= 6; i--) if (this.text.charCodeAt(i) === 47) return i;
    return e;
  }

  private protoAfter(s: number, e: number): Protocol | undefined {
    const slash = this.protoEnd(s, e);
    return slash < e ? protocolWord(this.text.slice(slash + 1, e)) : undefined;
  }

  private rangeOccurrences(p: PortPart, role: PortRole, protocol: Protocol | undefined, mapping: ComposeMapping | undefined, item: YamlFrame | null): void {
    const range = p.hi !== p.lo;
    const a = range ? rangeAt(p.loS, p.loE, p.lo, role, p.lo, p.hi, protocol) : portAt(p.loS, p.loE, p.lo, role, undefined, protocol);
    a.mapping = mapping;
    this.push(a, item);
    if (range) {
      const b = rangeAt(p.hiS, p.hiE, p.hi, role, p.lo, p.hi, protocol);
      b.mapping = mapping;
      this.push(b, item);
    }
  }

  /** A short-syntax ports entry; returns false when text[s, e) is not one. */
  private shortSyntax(s: number, e: number, quote: number, ctx: YamlFrame | null, withMapping: boolean): boolean {
    const m = this.mapping;
    if (!parseShortMapping(this.text, s, e, m)) return false;
    const c = m.container;
    const h = m.hasHost ? m.host : null;
    if (c.kind !== 'num' && !(h && h.kind === 'num')) return true;
    let mapping: ComposeMapping | undefined;
    if (withMapping) {
      const svc = this.composeService(ctx);
      const facts = svc === null ? null : this.serviceFacts(svc);
      mapping = {
        start: s, end: e, hostIp: m.hostIp,
        hostLo: h && h.kind === 'num' ? h.lo : null, hostHi: h && h.kind === 'num' ? h.hi : null,
        containerLo: c.kind === 'num' ? c.lo : NaN, containerHi: c.kind === 'num' ? c.hi : NaN,
        protocol: m.protocol, quoted: quote !== 0, service: svc?.key, software: facts?.software,
      };
      facts?.mappings.push(mapping);
    }
    // Items collect these occurrences only for the protocol of a long-syntax entry, which a short entry has not.
    const first = this.out.length;
    if (h && h.kind === 'num') this.rangeOccurrences(h, 'host', m.protocol, mapping, null);
    if (c.kind === 'num') this.rangeOccurrences(c, 'container', m.protocol, mapping, null);
    // Outside Compose (a GitHub Actions service container's `- 8080:80`), both sides are still one mapping.
    if (!mapping && h && h.kind === 'num' && c.kind === 'num') this.pairFrom(first, 'mapping');
    return true;
  }

  /** The registry host's port in an image reference (`registry.local:5000/team/api:2.3.1`), never the tag. */
  private imageRegistry(s: number, e: number): void {
    const text = this.text;
    const slash = findIn(text, '/', s, e);
    if (slash < 0) return;
    // The first path segment is a registry when it has a port, a dot, or is localhost.
    let colon = -1;
    for (let i = slash - 1; i >= s; i--) {
      if (text.charCodeAt(i) === 58) {
        colon = i;
        break;
      }
    }
    if (colon < 0) return;
    const de = digitsEnd(text, colon + 1, slash);
    // The digits end the segment, or a `}` does in `${REGISTRY:-registry.local:5000}/app`.
    if (de === colon + 1 || (de !== slash && text.charCodeAt(de) !== 125)) return;
    const port = portValue(text, colon + 1, de);
    if (port < 0) return;
    let hs = colon;
    while (hs > s) {
      const c = text.charCodeAt(hs - 1);
      if (isIdentChar(c) || c === 46 || c === 45) hs--;
      else break;
    }
    const host = text.slice(hs, colon).replace(/^-+/, '');
    this.out.push(portAt(colon + 1, de, port, 'connect', host || undefined));
  }

  /**
   * Ports inside free text (a string value, block scalar line or continuation): URLs, host:port,
   * `--port N`, `-p 8080:80`, `PORT=3000`, `${PORT:-3000}` and `${HOST}:8080`.
   */
  private scanString(s: number, e: number, keyF: YamlFrame | null): void {
    this.scanClasses(s, e, keyF, classesOf(this.text, s, e));
  }

  /** {@link scanString} with the character classes of text[s, e) known. */
  private scanClasses(s: number, e: number, keyF: YamlFrame | null, cls: number): void {
    const text = this.text;
    // caddy-docker-proxy's `caddy.reverse_proxy: "{{upstreams 80}}"` needs none of what follows.
    if ((cls & (C_DIGIT | C_BRACE)) === (C_DIGIT | C_BRACE)) scanUpstreamsActions(text, s, e, this.out);
    if ((cls & (C_DIGIT | C_AT)) === (C_DIGIT | C_AT)) scanAtPorts(text, s, e, this.out);
    // No digit, no port; and a port needs a colon, flag, assignment or variable around it.
    if ((cls & C_DIGIT) === 0 || (cls & (C_COLON | C_DASH | C_EQ | C_DOLLAR)) === 0) return;
    if ((cls & C_COLON) !== 0) {
      // Read into out and sifted in place: a scratch list emptied after each value would lose its
      // storage each time (an array emptied by `length = 0` frees it) and make a new one for the next.
      const out = this.out;
      const first = out.length;
      scanHostPorts(text, s, e, out, STRING_HOSTS);
      let k = first;
      for (let i = first; i < out.length; i++) {
        const o = out[i];
        if (o.host === undefined && !o.scheme) {
          // `:80` alone reads as a port only after `=`, a blank, a quote or at the start of the value.
          const b = o.start - 2;
          const c = b >= s ? text.charCodeAt(b) : NaN;
          if (!(Number.isNaN(c) || c === 61 || c === 32 || c === 9 || c === 34 || c === 39)) continue;
        } else if (!o.scheme && o.port < 1024 && o.host && !isClearHost(o.host) && !isHostishFrame(keyF)) {
          this.bareLow.push(o);
          continue;
        }
        if (o.role === 'connect' && !o.scheme && isOwnEndpoint(keyF)) o.role = 'listen';
        out[k++] = o;
      }
      if (k < out.length) out.length = k;
    }
    if ((cls & C_DASH) !== 0) {
      scanPortFlags(text, s, e, this.out, 'listen');
      this.publishFlags(s, e);
    }
    if ((cls & C_EQ) !== 0) {
      this.assignments(s, e);
      // A SQL Server connection string: `Server=sqlserver,1433;Database=app`.
      scanServerCommaPorts(text, s, e, this.out);
    }
    if ((cls & C_DOLLAR) !== 0) this.variables(s, e);
    if ((cls & C_COLON) !== 0 && (cls & C_BRACE) !== 0) this.templateHosts(s, e);
  }

  /** A host written after a template action: `redis://{{ .Release.Name }}-redis:6379`, `{{ .host }}:8080`. */
  private templateHosts(s: number, e: number): void {
    const text = this.text;
    let i = findIn(text, '}}', s, e);
    while (i >= 0) {
      let j = i + 2;
      while (j < e) {
        const c = text.charCodeAt(j);
        if (isIdentChar(c) || c === 45 || c === 46) j++;
        else break;
      }
      if (text.charCodeAt(j) === 58) {
        const pe = digitsEnd(text, j + 1, e);
        const after = pe < e ? text.charCodeAt(pe) : 32;
        if (pe > j + 1 && !isIdentChar(after) && after !== 46 && after !== 58 && after !== 45) {
          const port = portValue(text, j + 1, pe);
          if (port >= 0) this.out.push(portAt(j + 1, pe, port, 'connect'));
        }
      }
      i = findIn(text, '}}', Math.max(j, i + 2), e);
    }
  }

  /** `docker run -p 8080:80` / `--publish 127.0.0.1:5432:5432`. */
  private publishFlags(s: number, e: number): void {
    const text = this.text;
    let i = findIn(text, '-', s, e);
    while (i >= 0) {
      const prev = i > s ? text.charCodeAt(i - 1) : 32;
      let v = -1;
      if (prev === 32 || prev === 9 || prev === 34 || prev === 39) {
        if (text.startsWith('-p', i) && (text.charCodeAt(i + 2) === 32 || text.charCodeAt(i + 2) === 61)) v = i + 3;
        else if (text.startsWith('--publish', i) && (text.charCodeAt(i + 9) === 32 || text.charCodeAt(i + 9) === 61)) v = i + 10;
      }
      if (v > 0) {
        while (v < e && text.charCodeAt(v) === 32) v++;
        const q = text.charCodeAt(v);
        const quoted = q === 34 || q === 39;
        if (quoted) v++;
        let ve = v;
        while (ve < e) {
          const c = text.charCodeAt(ve);
          if (c === 32 || c === 9 || c === 34 || c === 39 || c === 59 || c === 92) break;
          ve++;
        }
        if (ve > v && findIn(text, ':', v, ve) >= 0) this.shortSyntax(v, ve, quoted ? q : 0, null, false);
        i = findIn(text, '-', Math.max(ve, i + 1), e);
        continue;
      }
      i = findIn(text, '-', i + 1, e);
    }
  }

  /** `NAME=digits` inside text, where NAME names a port (`PORT=3000 node server.js`). */
  private assignments(s: number, e: number): void {
    const text = this.text;
    let last = s;
    let i = findIn(text, '=', s, e);
    while (i >= 0) {
      let b = i;
      while (b > last) {
        const c = text.charCodeAt(b - 1);
        if (isIdentChar(c) || c === 46 || c === 45) b--;
        else break;
      }
      last = i + 1;
      if (b < i && isPortKey(text.slice(b, i))) {
        let v = i + 1;
        const q = text.charCodeAt(v);
        if (q === 34 || q === 39) v++;
        const ve = digitsEnd(text, v, e);
        const after = ve < e ? text.charCodeAt(ve) : 32;
        if (ve > v && !isIdentChar(after) && after !== 46 && after !== 58) {
          const port = portValue(text, v, ve);
          if (port >= 0) {
            this.out.push(portAt(v, ve, port, 'unknown'));
            giveKey(this.out, this.out.length - 1, text, b, i);
          }
        }
      }
      i = findIn(text, '=', i + 1, e);
    }
  }

  /** `${PORT:-3000}` where the variable names a port, and `${HOST}:8080` / `$HOST:8080`. */
  private variables(s: number, e: number): void {
    const text = this.text;
    let i = findIn(text, '$', s, e);
    while (i >= 0) {
      let j = i + 1;
      let close = -1;
      if (text.charCodeAt(j) === 123 /* { */) {
        const ns = j + 1;
        let ne = ns;
        while (ne < e && isIdentChar(text.charCodeAt(ne))) ne++;
        // The closing brace, looked for no further than the next `$` so that the scan stays linear.
        let k = ne;
        while (k < e && text.charCodeAt(k) !== 125 && text.charCodeAt(k) !== 36) k++;
        if (k < e && text.charCodeAt(k) === 125) {
          close = k;
          if (ne > ns && isPortKey(text.slice(ns, ne))) {
            const o = this.varDefault(ne, k, 'unknown');
            if (o) this.out.push(o);
          }
        }
        j = close >= 0 ? close + 1 : k;
      } else {
        while (j < e && isIdentChar(text.charCodeAt(j))) j++;
        if (j > i + 1) close = j - 1;
      }
      if (close >= 0 && text.charCodeAt(close + 1) === 58) {
        const ps = close + 2;
        const pe = digitsEnd(text, ps, e);
        const after = pe < e ? text.charCodeAt(pe) : 32;
        if (pe > ps && !isIdentChar(after) && after !== 46 && after !== 58 && after !== 45) {
          const port = portValue(text, ps, pe);
          if (port >= 0) this.out.push(portAt(ps, pe, port, 'connect'));
        }
      }
      i = findIn(text, '$', Math.max(j, i + 1), e);
    }
  }
}
