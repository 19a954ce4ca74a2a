import type { DocumentLink } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IANA_SEARCH_URL } from './hover';
import { t } from './l10n';
import type { PortLanguageService } from './languageService';
import type { Settings } from './settings';

/** Most links one document gets; a services file has about 600 lines, a generated one may have far more. */
const MAX_LINKS = 5000;

/**
 * Links from a port to its IANA registry entry where a link is what the text is about: the lines of
 * an `/etc/services` file, which copy IANA's registry. Elsewhere a port is configuration, and a link
 * under every number (Ctrl+click opening a browser) would get in the way; the hover card links there.
 */
export function doDocumentLinks(service: PortLanguageService, doc: TextDocument, settings: Settings): DocumentLink[] {
  const scan = service.scan(doc, settings);
  if (scan.format !== 'services' || scan.tooLarge) return [];
  const links: DocumentLink[] = [];
  for (const o of scan.occurrences) {
    if (links.length >= MAX_LINKS) break;
    if (o.inComment) continue;
    const target = o.kind === 'port' && Number.isInteger(o.port) && o.port >= 0 && o.port <= 65535
      ? IANA_SEARCH_URL + o.port
      : o.kind === 'service' && o.name ? IANA_SEARCH_URL + encodeURIComponent(o.name) : undefined;
    if (!target) continue;
    links.push({ range: { start: doc.positionAt(o.start), end: doc.positionAt(o.end) }, target, tooltip: t('IANA registry entry') });
  }
  return links;
}
