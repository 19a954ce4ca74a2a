import type { InlayHint, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { t } from './l10n';
import type { PortLanguageService } from './languageService';
import type { PortOccurrence } from './scan/vocabulary/types';
import type { Settings } from './settings';
import { commonPracticeLabel, ianaNameAgrees, softwareOnPort } from './softwarePorts';

/** Most hints one request answers; a generated file with thousands of ports gets the first ones. */
const MAX_HINTS = 2000;

/**
 * Inlay hints that name the service beside a port: `"5432:5432"` → `postgresql`. Where IANA's name
 * misleads (3000 is `hbci` to IANA, a Node dev server in practice), the common-practice label is shown
 * instead, as the hover card leads with it. A mapping such as `5432:5432` gets one hint, after its
 * last port, when both sides name the same service. Ports in comments, port ranges, unassigned ports
 * and invalid numbers get none. Off unless `ianaPorts.inlayHints.enable` is on.
 */
export function doInlayHints(service: PortLanguageService, doc: TextDocument, range: Range, settings: Settings): InlayHint[] {
  if (!settings.inlayHints.enable) return [];
  const scan = service.scan(doc, settings);
  if (!scan.format || scan.tooLarge) return [];
  const text = doc.getText();
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const hints: Array<{ o: PortOccurrence; label: string; tooltip: string }> = [];
  for (const o of scan.occurrences) {
    if (o.end < from) continue;
    if (o.start > to || hints.length >= MAX_HINTS) break;
    const named = nameOf(service, o, settings);
    if (!named) continue;
    const last = hints[hints.length - 1];
    // `5432:5432`, `8080:8080/tcp`: the same name on both sides of one mapping is said once, at its end.
    if (last && last.label === named.label && /^:$/.test(text.slice(last.o.end, o.start))) hints.pop();
    hints.push({ o, ...named });
  }
  return hints.map(({ o, label, tooltip }) => ({ position: doc.positionAt(o.end), label, tooltip, paddingLeft: true }));
}

function nameOf(service: PortLanguageService, o: PortOccurrence, settings: Settings): { label: string; tooltip: string } | undefined {
  if (o.kind !== 'port' || o.inComment || o.rangeLo !== undefined) return undefined;
  const port = o.port;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  const records = service.index.byPort(port).records.filter((r) => r.name && (!o.protocol || !r.protocol || r.protocol === o.protocol));
  const names = [...new Set(records.map((r) => r.name))];
  const common = settings.commonPractice.enable ? commonPracticeLabel(port, o.protocol) : undefined;
  if (common && !ianaNameAgrees(port, names, o.protocol)) {
    // A hint is a word beside a number: the most common program's label, and how many others the hover names.
    const labels = [...new Set(softwareOnPort(port, o.protocol).map((e) => e.port.label))];
    const label = labels.length > 1 ? `${labels[0]} +${labels.length - 1}` : labels[0];
    const tooltip = `${t('common practice')}: ${common}${names.length ? ` · IANA: ${names.join(', ')}` : ''}`;
    return { label, tooltip };
  }
  if (!names.length) return undefined;
  return { label: names[0], tooltip: `IANA: ${names.join(', ')}` };
}
