import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  type CodeAction, type CodeActionContext, type Diagnostic, type Range, type TextEdit,
} from 'vscode-languageserver-types';
import { findFreePort } from './freePort';
import { DIAGNOSTIC_SOURCE, portsUsed, type PortLanguageService } from './languageService';
import { ruleInfo } from './rules';
import { suggestName } from './rules/portName';
import type { Settings } from './settings';
import { commentLeader, IGNORE_MARKER } from './suppress';
import { t } from './l10n';

/** The client command that adds a port to `ianaPorts.ignorePorts` (settings are the client's to write). */
export const ADD_IGNORED_PORT_COMMAND = 'ianaPorts.addIgnoredPort';


function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

/**
 * Quick fixes for our diagnostics: replace the port with a free one, quote a compose mapping, fix a
 * Kubernetes port name, ignore the rule on this line, or add the port to `ianaPorts.ignorePorts`.
 */
export function doCodeActions(service: PortLanguageService, doc: TextDocument, range: Range, context: CodeActionContext, settings: Settings): CodeAction[] {
  const scan = service.scan(doc, settings);
  if (!scan.format) return [];
  const text = doc.getText();
  const actions: CodeAction[] = [];
  const used = portsUsed(scan);
  for (const d of context.diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string' || !overlaps(d.range, range)) continue;
    const rule = d.code;
    const port = (d.data as { port?: number } | undefined)?.port;
    // The rule's own fix, from its row of the rule table.
    const ruleFix = ruleInfo(rule)?.fix;
    if (ruleFix === 'freePort' && port !== undefined) {
      const s = doc.offsetAt(d.range.start);
      const e = doc.offsetAt(d.range.end);
      // The number to replace: the one the diagnostic is about, inside its range (a duplicate's host port).
      const target = scan.occurrences.find((o) => o.kind === 'port' && o.port === port && o.start >= s && o.end <= e && o.role !== 'container')
        ?? scan.occurrences.find((o) => o.kind === 'port' && o.port === port && o.start >= s && o.end <= e);
      const free = target ? findFreePort(service.index, port >= 1024 && port < 32768 ? port : 8000, used) : undefined;
      if (target && free !== undefined) {
        actions.push(fix(t('Replace {0} with free port {1}', port, free), d, doc, [{ range: { start: doc.positionAt(target.start), end: doc.positionAt(target.end) }, newText: String(free) }], true));
      }
    }
    if (ruleFix === 'quoteMapping') {
      const raw = doc.getText(d.range);
      actions.push(fix(t('Quote the port mapping: "{0}"', raw), d, doc, [{ range: d.range, newText: `"${raw}"` }], true));
    }
    if (ruleFix === 'renamePort') {
      const name = doc.getText(d.range);
      // A Service's port name is a DNS label (63 characters), a container's an IANA service name (15).
      const at = doc.offsetAt(d.range.start);
      const service = scan.occurrences.some((o) => o.kind === 'name' && o.start === at && o.nameOf === 'service');
      const better = suggestName(name, service ? 63 : 15);
      actions.push(fix(t('Rename the port to "{0}"', better), d, doc, [{ range: d.range, newText: better }], true));
    }
    const leader = commentLeader(scan.format, doc.languageId);
    if (leader) {
      const line = d.range.start.line;
      const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
      const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      actions.push(fix(t('Ignore {0} on this line', rule), d, doc, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${leader} ${IGNORE_MARKER} ${rule}${eol}` }], false));
    }
    if (port !== undefined) {
      actions.push({
        title: t('Add port {0} to ianaPorts.ignorePorts', port),
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title: t('Add port {0} to ianaPorts.ignorePorts', port), command: ADD_IGNORED_PORT_COMMAND, arguments: [port, doc.uri] },
      });
    }
  }
  return onceEach(actions);
}

/**
 * Each fix once: two findings on one port (dynamicRange and unauthorizedUse on 61000) offer the same
 * replacement and the same ignorePorts entry; the menu lists it once, fixing both.
 */
function onceEach(actions: CodeAction[]): CodeAction[] {
  const byTitle = new Map<string, CodeAction>();
  const out: CodeAction[] = [];
  for (const a of actions) {
    const first = byTitle.get(a.title);
    if (!first) {
      byTitle.set(a.title, a);
      out.push(a);
    } else if (a.diagnostics?.length) {
      first.diagnostics = [...(first.diagnostics ?? []), ...a.diagnostics];
      if (a.isPreferred) first.isPreferred = true;
    }
  }
  return out;
}

function fix(title: string, d: Diagnostic, doc: TextDocument, edits: TextEdit[], preferred: boolean): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: preferred || undefined, edit: { changes: { [doc.uri]: edits } } };
}
