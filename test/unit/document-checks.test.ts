import assert from 'node:assert/strict';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PortLanguageService } from '../../server/src/service/languageService';
import type { Settings } from '../../server/src/service/settings';
import { DocumentChecks } from '../../server/src/serverParts/documentChecks';
import type { WorkspaceFeature } from '../../server/src/workspace/attach';
import { LargeDocuments } from '../../server/src/workspace/openDocuments';
import { bundledIndex, doc, settings } from '../helpers/service';

// A document checked on the main thread (server/src/serverParts/documentChecks.ts) is scanned in one
// turn of the event loop and judged by the rules in the next, so that a request that arrived meanwhile
// is answered between the two: under load the 5,000-line compose file took 0.4-0.8 s to scan and as
// long again for its rules, back to back, while a hover on another document waited for both.

/** A service that notes when the rules run. */
class NotingService extends PortLanguageService {
  readonly events: string[] = [];

  constructor() {
    super(bundledIndex, (e) => {
      throw e;
    });
  }

  override doValidation(d: TextDocument, s: Settings) {
    this.events.push(`rules ${d.version}`);
    return super.doValidation(d, s);
  }
}

const noWorkspace = { diagnosticsFor: () => [] } as unknown as WorkspaceFeature;

function checks(service: PortLanguageService): DocumentChecks {
  return new DocumentChecks(service, noWorkspace, new LargeDocuments(undefined, service, () => undefined, () => undefined));
}

const COMPOSE = 'services:\n  web:\n    ports:\n      - "70000:80"\n      - "8080:80"\n';

describe('main-thread checks: scan and rules in two turns', () => {
  it('a callback queued while the document is scanned runs before its rules, and the diagnostics are those of a check in one go', async () => {
    const service = new NotingService();
    const d = doc(COMPOSE, 'file:///turns/compose.yaml', 'dockercompose');
    const s = settings();
    const pending = checks(service).hereInTurns(d, s, () => d);
    setImmediate(() => service.events.push('other request'));
    const diagnostics = await pending;
    assert.deepEqual(service.events, ['other request', 'rules 1']);
    service.forget(d.uri);
    assert.deepEqual(diagnostics, service.doValidation(d, s));
    assert.ok(diagnostics?.some((x) => x.code === 'outOfRange'));
  });

  it('a version replaced between the scan and the rules is not judged: no diagnostics, the newer version is checked in its own turn', async () => {
    const service = new NotingService();
    const v1 = doc(COMPOSE, 'file:///turns/edited.yaml', 'dockercompose', 1);
    const v2 = doc(COMPOSE.replace('70000', '70001'), 'file:///turns/edited.yaml', 'dockercompose', 2);
    let current = v1;
    const pending = checks(service).hereInTurns(v1, settings(), () => current);
    current = v2;
    assert.equal(await pending, undefined);
    assert.deepEqual(service.events, []);
    const closed = checks(service).hereInTurns(v2, settings(), () => undefined);
    assert.equal(await closed, undefined);
  });
});
