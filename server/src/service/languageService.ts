import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DiagnosticSeverity, MarkupKind,
  type Diagnostic, type Hover, type Position,
} from 'vscode-languageserver-types';
import { renderPortHover, renderServiceHover, type PortContext } from './hover';
import type { RegistryIndex } from './registry/registryIndex';
import { KUBE_RULE_IDS, RULES } from './rules';
import type { RuleContext } from './rules/types';
import { detectFormat, findPorts, type FormatId, type PortOccurrence } from './scan';
import { formatFromAssociations } from './scan/detect';
import { isIgnoredPort, RULE_IDS, type RuleLevel, type Settings } from './settings';
import { IGNORE_MARKER, suppressedRules } from './suppress';
import { isDigit } from './scan/text/chars';
import { lineStarts, positionIn } from './lines';
import { isDevServerConfig } from './facts';
import { isDevServerCommand } from './scan/vocabulary/commands';
import { bindsOnThisMachine, machineLine } from './machine/facts';
import type { MachineSnapshot } from './machine/types';
import { isKubeManifest, kubeFacts, type KubeFacts } from './workspaceKube';
import { UsedPorts } from './freePort';

export const DIAGNOSTIC_SOURCE = 'iana-ports';

/** What the card needs to know of the port's place: protocol, URL scheme, role, key, dev server. */
function hoverContext(doc: TextDocument, o: PortOccurrence): PortContext {
  const key = o.key?.split('.').pop();
  const devServer = o.role === 'listen' && (isDevServerConfig(doc.uri) || (o.command !== undefined && isDevServerCommand(o.command)));
  return { protocol: o.protocol, scheme: o.scheme, role: o.role, key, devServer };
}

/** The result of scanning one version of one document. */
export interface ScanResult {
  format: FormatId | undefined;
  occurrences: PortOccurrence[];
  /** Set when the document was not scanned because it exceeds `maxFileSize`. */
  tooLarge?: boolean;
  /** Offsets where the text's lines start, computed when diagnostics first need positions. */
  lineStarts?: number[];
  /** The occurrences rules judge: all but those in comments and prose, computed for the first diagnostics. */
  judged?: PortOccurrence[];
  /**
   * Set when `occurrences` hold only part of the document (a large one, whose scan stays in the scan
   * thread): every occurrence starting in [start, end) is there, the others are not.
   */
  window?: ScanWindow;
  /** With a window: the ports the whole document uses, for the features that look for a free port. */
  usedPorts?: UsedPorts;
  /**
   * A YAML document's Kubernetes objects, read on first need (the rules, then the workspace index,
   * read this one object): see {@link kubeOf}.
   */
  kube?: KubeFacts;
}

/**
 * The Kubernetes objects of a scanned document, read from its text once per version: for YAML only
 * (a Compose file holds none), undefined for other formats.
 */
export function kubeOf(scan: ScanResult, text: string): KubeFacts | undefined {
  return scan.format === 'yaml' ? (scan.kube ??= kubeFacts(text)) : undefined;
}

/** The part of a document a partial scan holds, as text offsets; `end` is past the text when it holds the rest. */
export interface ScanWindow {
  start: number;
  end: number;
}

/** How far before a request's offset a window must reach: no occurrence is longer, so the one under the offset is held. */
export const WINDOW_LOOKBEHIND = 1024;

/** True when a window holds every occurrence a request on [span.start, span.end] reads; without a span, the whole document. */
export function windowCovers(window: ScanWindow | undefined, span?: ScanWindow): boolean {
  if (!window) return true;
  if (!span) return window.start === 0 && window.end === Number.MAX_SAFE_INTEGER;
  return window.start <= Math.max(0, span.start - WINDOW_LOOKBEHIND) && span.end < window.end;
}

/** The ports a scanned document uses (every port of its ranges too), whole even where the scan holds a window of it. */
export function portsUsed(scan: ScanResult): UsedPorts {
  return scan.usedPorts ?? UsedPorts.of(scan.occurrences);
}

const SEVERITY: Record<Exclude<RuleLevel, 'ignore'>, DiagnosticSeverity> = {
  hint: DiagnosticSeverity.Hint,
  information: DiagnosticSeverity.Information,
  warning: DiagnosticSeverity.Warning,
  error: DiagnosticSeverity.Error,
};

/**
 * The port-knowledge facade: hover, completion, diagnostics and code actions over plain LSP types.
 * It scans each document version once and answers every feature from that scan.
 */
export class PortLanguageService {
  private readonly cache = new Map<string, { version: number; text: string; languageId: string; maxSize: number; associations: object; result: ScanResult }>();

  /**
   * What this machine says about its ports, where the server glue reads them; it answers at once with
   * the last snapshot (or nothing), never waiting for a read.
   */
  machine?: (settings: Settings) => MachineSnapshot | undefined;

  /** `getIndex` loads the registry on first use, so start-up does not wait for it. */
  constructor(private readonly getIndex: () => RegistryIndex, private readonly onError?: (e: unknown) => void) {}

  get index(): RegistryIndex {
    return this.getIndex();
  }

  /** Scans a document once per version and caches the ports found. */
  scan(doc: TextDocument, settings: Settings): ScanResult {
    const cached = this.cache.get(doc.uri);
    const text = doc.getText();
    // The text itself is compared too (cheap when it is the same string): two documents may share a
    // URI and version, as in the CLI and tests.
    if (cached && this.fits(cached, doc, text, settings)) return cached.result;
    const format = formatFromAssociations(doc.uri, settings.files.associations) ?? detectFormat(doc.languageId, doc.uri, text);
    let result: ScanResult;
    if (!format) result = { format, occurrences: [] };
    else if (text.length > settings.maxFileSize) result = { format, occurrences: [], tooLarge: true };
    else result = { format, occurrences: findPorts(format, text, this.onError) };
    this.cache.set(doc.uri, { version: doc.version, text, languageId: doc.languageId, maxSize: settings.maxFileSize, associations: settings.files.associations, result });
    return result;
  }

  private fits(cached: { version: number; text: string; languageId: string; maxSize: number; associations: object }, doc: TextDocument, text: string, settings: Settings): boolean {
    return cached.version === doc.version && cached.text === text && cached.languageId === doc.languageId && cached.maxSize === settings.maxFileSize && cached.associations === settings.files.associations;
  }

  /**
   * True when this version of a document has been scanned under these settings (here, or adopted),
   * and, where the scan holds a window of it, the window covers `span` (the whole document without one).
   */
  scanned(doc: TextDocument, settings: Settings, span?: ScanWindow): boolean {
    const cached = this.cache.get(doc.uri);
    return !!cached && this.fits(cached, doc, doc.getText(), settings) && windowCovers(cached.result.window, span);
  }

  /** Takes the scan of a document version made elsewhere (the scan thread), as if made here. */
  adopt(doc: TextDocument, settings: Settings, result: ScanResult): void {
    this.cache.set(doc.uri, { version: doc.version, text: doc.getText(), languageId: doc.languageId, maxSize: settings.maxFileSize, associations: settings.files.associations, result });
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** The port or service name under a position, if any. */
  occurrenceAt(doc: TextDocument, pos: Position, settings: Settings): PortOccurrence | undefined {
    const { occurrences } = this.scan(doc, settings);
    const offset = doc.offsetAt(pos);
    let lo = 0;
    let hi = occurrences.length - 1;
    // Binary search for the last occurrence starting at or before the offset.
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (occurrences[mid].start <= offset) lo = mid + 1;
      else hi = mid - 1;
    }
    for (let i = hi; i >= 0 && i >= hi - 2; i--) {
      const o = occurrences[i];
      if (o.start <= offset && offset <= o.end) return o;
    }
    return undefined;
  }

  doHover(doc: TextDocument, pos: Position, settings: Settings): Hover | null {
    if (!settings.hover.enable) return null;
    const o = this.occurrenceAt(doc, pos, settings);
    if (!o) return null;
    const range = { start: doc.positionAt(o.start), end: doc.positionAt(o.end) };
    // Digits inside a service name (`pop3`, `x11`) are part of the name, not a port to explain.
    if (o.kind !== 'port' && isDigit(doc.getText().charCodeAt(doc.offsetAt(pos)))) return null;
    let value: string | undefined;
    if (o.kind === 'port') {
      value = renderPortHover(this.index, o.port, hoverContext(doc, o), settings);
      const here = this.machineLineFor(doc, o, settings);
      if (here) value += `\n\n${here}`;
    } else if (o.kind === 'service' && o.name) value = renderServiceHover(this.index, o.name);
    if (!value) return null;
    return { contents: { kind: MarkupKind.Markdown, value }, range };
  }

  /** One line on this machine's state of a port the document binds here, where the machine is read. */
  private machineLineFor(doc: TextDocument, o: PortOccurrence, settings: Settings): string | undefined {
    // A port in a comment or prose is not bound by this file, whatever its words say.
    if (!this.machine || o.inComment || (o.protocol !== undefined && o.protocol !== 'tcp' && o.protocol !== 'udp')) return undefined;
    // Diagnostics have usually read the document's Kubernetes objects; a hover alone needs only the cheap test.
    const scan = this.scan(doc, settings);
    const manifest = scan.format === 'yaml' && (scan.kube ? scan.kube.manifest : isKubeManifest(doc.getText()));
    if (!bindsOnThisMachine(scan.format, o.role, manifest)) return undefined;
    return machineLine(this.machine(settings), o.port, o.protocol, scan.format, o.role, Date.now());
  }

  /** Diagnostics for a document: every enabled rule, minus suppressed lines and ignored ports. */
  doValidation(doc: TextDocument, settings: Settings): Diagnostic[] {
    if (!settings.diagnostics.enable) return [];
    const scan = this.scan(doc, settings);
    // Ports in documentation are examples: Markdown gets hovers and references, never warnings.
    if (!scan.format || scan.format === 'markdown') return [];
    if (scan.tooLarge) {
      // Say why nothing is reported, once, at the top of the file.
      return [{
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        code: 'fileTooLarge',
        source: DIAGNOSTIC_SOURCE,
        message: `IANA Ports did not scan this file for ports: it has ${doc.getText().length} characters, more than ianaPorts.maxFileSize (${settings.maxFileSize}). Raise the setting to scan it.`,
      }];
    }
    const text = doc.getText();
    // Comments and prose explain; they never draw a warning.
    const judged = (scan.judged ??= scan.occurrences.some((o) => o.inComment) ? scan.occurrences.filter((o) => !o.inComment) : scan.occurrences);
    const machine = settings.lint.reservedByOS !== 'ignore' ? this.machine?.(settings) : undefined;
    // Only the Kubernetes rules and reservedByOS (with a machine's facts) read the document's Kubernetes objects.
    const kube = machine || KUBE_RULE_IDS.some((id) => settings.lint[id] !== 'ignore') ? kubeOf(scan, text) : undefined;
    const ctx: RuleContext = { uri: doc.uri, text, format: scan.format, occurrences: judged, index: this.index, settings, machine, kube };
    const lines = (scan.lineStarts ??= lineStarts(text));
    const positionAt = (offset: number): Position => positionIn(text, lines, offset);
    const out: Diagnostic[] = [];
    // Suppression comments are rare: when the marker is nowhere in the text, no line is suppressed
    // and the line-by-line look-up is skipped.
    const mayBeSuppressed = text.includes(IGNORE_MARKER);
    for (const id of RULE_IDS) {
      const level = settings.lint[id];
      if (level === 'ignore') continue;
      let findings;
      try {
        findings = RULES[id].check(ctx);
      } catch (e) {
        this.onError?.(e);
        continue;
      }
      for (const f of findings) {
        if (f.port !== undefined && isIgnoredPort(settings, f.port)) continue;
        const range = { start: positionAt(f.start), end: positionAt(f.end) };
        const suppressed = mayBeSuppressed ? suppressedRules(range.start.line, doc) : undefined;
        if (suppressed && (suppressed.size === 0 || suppressed.has(id))) continue;
        // DiagnosticSeverity counts down from error (1) to hint (4): the weaker of the two is the larger number.
        const severity = f.maxLevel ? (Math.max(SEVERITY[level], SEVERITY[f.maxLevel]) as DiagnosticSeverity) : SEVERITY[level];
        const d: Diagnostic = { range, severity, code: id, source: DIAGNOSTIC_SOURCE, message: f.message };
        if (f.related?.length) {
          d.relatedInformation = f.related.map((r) => ({
            location: { uri: doc.uri, range: { start: positionAt(r.start), end: positionAt(r.end) } },
            message: r.message,
          }));
        }
        if (f.port !== undefined) d.data = { port: f.port };
        out.push(d);
      }
    }
    out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return out;
  }
}
