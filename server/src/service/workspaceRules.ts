import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, type PortLanguageService } from './languageService';
import { ClashIndex, describe, morePlaces, type HostSpan } from './rules/duplicateHostPort';
import { isIgnoredPort, type RuleLevel, type Settings } from './settings';
import { suppressedRules } from './suppress';
import { kubeFindings } from './kubeRules';
import { MAX_RELATED, pushFinding, type WorkspaceFinding } from './workspaceFinding';
export type { WorkspaceFinding } from './workspaceFinding';
import { indexFile, type IndexedFile, type IndexedMapping } from './workspaceIndex';

/**
 * Rules that compare files: the same host port published by compose files that may run side by side,
 * and a Kubernetes Service whose targetPort no container declares. Pure: they read the index only.
 */



/** The last two segments of a URI's path, decoded, to name a file in a message. */
export function shortName(uri: string): string {
  const parts = uri.replace(/[?#].*$/, '').split('/').filter(Boolean);
  const tail = parts.slice(-2).join('/');
  try {
    return decodeURIComponent(tail);
  } catch {
    return tail;
  }
}

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}


/**
 * The same host address, port and protocol published by compose files in two folders (two projects of
 * one repository): started on one Docker host, the second fails with "port is already allocated".
 * Clashes inside one file are the per-file rule's. Files in one folder are left alone: they are one
 * project's override or alternative files (`compose.override.yaml`, `compose.dev.yaml`, a stack file),
 * merged or used in turn, so a port repeated there is usually intended.
 *
 * Counted through clash indexes, never pair by pair: the clashes of a mapping across the workspace
 * minus those inside its own folder, so 3,000 folders publishing the same ports stay linear.
 */
export function duplicateHostPortAcrossFiles(files: IndexedFile[]): Map<string, WorkspaceFinding[]> {
  const all: { uri: string; folder: string; m: IndexedMapping }[] = [];
  for (const f of files) for (const m of f.mappings) all.push({ uri: f.uri, folder: folderOf(f.uri), m });
  const out = new Map<string, WorkspaceFinding[]>();
  if (all.length < 2) return out;
  // Stable: places with the same first port keep file order.
  all.sort((a, b) => (a.m.mapping.hostLo as number) - (b.m.mapping.hostLo as number));
  const span = (p: (typeof all)[number]): HostSpan => ({ lo: p.m.mapping.hostLo as number, hi: p.m.mapping.hostHi as number, protocol: p.m.mapping.protocol, hostIp: p.m.mapping.hostIp });
  const everywhere = new ClashIndex(all.map(span));
  // One index per folder, holding that folder's places, to subtract the clashes the rule leaves alone.
  const byFolder = new Map<string, number[]>();
  all.forEach((p, i) => {
    const list = byFolder.get(p.folder);
    if (list) list.push(i);
    else byFolder.set(p.folder, [i]);
  });
  const local = new Map<string, { index: ClashIndex; at: Map<number, number> }>();
  for (const [folder, members] of byFolder) {
    if (members.length < 2) continue;
    local.set(folder, { index: new ClashIndex(members.map((i) => span(all[i]))), at: new Map(members.map((i, k) => [i, k])) });
  }
  for (let i = 0; i < all.length; i++) {
    const p = all[i];
    const own = local.get(p.folder);
    const count = everywhere.count(i) - (own ? own.index.count(own.at.get(i) as number) : 0);
    if (count <= 0) continue;
    const others = everywhere.some(i, MAX_RELATED, (j) => all[j].folder !== p.folder).map((j) => all[j]);
    const first = others[0];
    const where = first
      ? `in ${shortName(first.uri)} by ${describe(first.m.mapping)}${morePlaces(count, 1)}`
      : `in ${count} other place${count > 1 ? 's' : ''}`;
    pushFinding(out, p.uri, {
      rule: 'duplicateHostPortAcrossFiles',
      range: p.m.range,
      port: p.m.mapping.hostLo as number,
      message: `Host port ${describe(p.m.mapping)} is also published ${where}. Started on the same Docker host, the second fails with "port is already allocated". Publish a different host port, or bind another host address.`,
      related: others.map((o) => ({ uri: o.uri, range: o.m.range, message: `also published here: ${describe(o.m.mapping)}` })),
    });
  }
  return out;
}

/** Every cross-file finding, by file URI. */
export function workspaceFindings(files: IndexedFile[]): Map<string, WorkspaceFinding[]> {
  const out = duplicateHostPortAcrossFiles(files);
  for (const [uri, list] of kubeFindings(files)) for (const f of list) pushFinding(out, uri, f);
  return out;
}

const SEVERITY: Record<Exclude<RuleLevel, 'ignore'>, DiagnosticSeverity> = {
  hint: DiagnosticSeverity.Hint,
  information: DiagnosticSeverity.Information,
  warning: DiagnosticSeverity.Warning,
  error: DiagnosticSeverity.Error,
};

/**
 * One file's cross-file findings as diagnostics, with the rule levels, `ignorePorts` and, when the
 * document is given, `iana-ports-ignore-next-line` comments applied, as for the per-file rules.
 */
export function workspaceDiagnostics(findings: WorkspaceFinding[] | undefined, settings: Settings, doc?: TextDocument): Diagnostic[] {
  if (!findings?.length || !settings.diagnostics.enable) return [];
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const level = settings.lint[f.rule];
    if (level === 'ignore') continue;
    if (f.port !== undefined && isIgnoredPort(settings, f.port)) continue;
    if (doc) {
      const s = suppressedRules(f.range.start.line, doc);
      if (s && (s.size === 0 || s.has(f.rule))) continue;
    }
    // DiagnosticSeverity counts down from error (1) to hint (4): the weaker of the two is the larger number.
    const severity = f.maxLevel ? Math.max(SEVERITY[level], SEVERITY[f.maxLevel]) as DiagnosticSeverity : SEVERITY[level];
    const d: Diagnostic = { range: f.range, severity, code: f.rule, source: DIAGNOSTIC_SOURCE, message: f.message };
    if (f.related.length) d.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
    if (f.port !== undefined) d.data = { port: f.port };
    out.push(d);
  }
  return out;
}

/**
 * Cross-file findings for a set of documents read together (the CLI's `check`): each is scanned with
 * the language service, indexed, and the workspace rules run over all of them.
 */
export function findingsForDocuments(service: PortLanguageService, docs: TextDocument[], settings: Settings): Map<string, WorkspaceFinding[]> {
  const files: IndexedFile[] = [];
  for (const doc of docs) {
    const scan = service.scan(doc, settings);
    if (scan.format && !scan.tooLarge && scan.occurrences.length) files.push(indexFile(doc.uri, scan.format, doc.getText(), scan.occurrences));
  }
  files.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  return workspaceFindings(files);
}
