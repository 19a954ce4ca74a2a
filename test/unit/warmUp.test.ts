import assert from 'node:assert/strict';
import { RULE_IDS } from '../../server/src/service/settings';
import { WARM_UP_DOCUMENTS, warmUpRound } from '../../server/src/warmUp';
import { doc, settings, testService } from '../helpers/service';

// The server validates these documents in its idle time after start-up so that the first real
// document finds the finders and rules compiled; they are only worth it if they reach them.

describe('warm-up documents', () => {
  it('reach every rule that applies to Compose and YAML files', () => {
    const service = testService();
    const codes = new Set<string>();
    for (let round = 0; round < WARM_UP_DOCUMENTS.length; round++) {
      for (const d of warmUpRound(service, settings(), round)) codes.add(String(d.code));
    }
    // `privileged` applies to code, shell and key/value formats only; `reservedByOS` needs this machine's
    // reserved ranges, which warm-up documents cannot bring.
    const expected = RULE_IDS.filter((id) => id !== 'privileged' && id !== 'reservedByOS');
    assert.deepEqual([...codes].sort(), [...expected].sort());
  });

  it('leave the diagnostics of real documents unchanged', () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n      - "8080:81"\n      - "50000:80"\n';
    const uri = 'file:///w/docker-compose.yml';
    const fresh = testService().doValidation(doc(text, uri, 'dockercompose'), settings());
    const warmed = testService();
    for (let round = 0; round < 2 * WARM_UP_DOCUMENTS.length; round++) warmUpRound(warmed, settings(), round);
    assert.ok(fresh.length >= 3);
    assert.deepEqual(warmed.doValidation(doc(text, uri, 'dockercompose'), settings()), fresh);
  });
});
