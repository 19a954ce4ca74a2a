import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lineStarts, positionIn } from '../../server/src/service/lines';
import { doc, settings, testService } from '../helpers/service';

// Diagnostics place their ranges through the language service's own line table (built with a native
// search, faster on a newly opened large file); a user must see exactly the lines and characters the
// document library gives, whatever the line breaks.

describe('diagnostic positions', () => {
  it('agree with TextDocument.positionAt for every offset of texts with \\n, \\r\\n, lone \\r and wide characters', () => {
    const piece = fc.constantFrom('a', 'port: 80', '\n', '\r\n', '\r', '\n\r', '😀', '数', ' ', '\r\r\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        const d = TextDocument.create('file:///t.txt', 'plaintext', 1, text);
        const starts = lineStarts(text);
        assert.equal(starts.length, d.lineCount);
        for (let offset = -2; offset <= text.length + 2; offset++) assert.deepEqual(positionIn(text, starts, offset), d.positionAt(offset), `offset ${offset}`);
      }),
      { seed: 6, numRuns: 1500 },
    );
  });

  it('a duplicate host port in a CRLF compose file is reported at the same lines and characters as in the LF copy', () => {
    const lf = 'services:\n  web:\n    ports:\n      - "8080:80"\n  api:\n    ports:\n      - "8080:3000"\n';
    const service = testService();
    const ranges = (text: string) =>
      service.doValidation(doc(text, `file:///p/${text.includes('\r') ? 'crlf' : 'lf'}/docker-compose.yml`, 'dockercompose'), settings({}))
        .filter((x) => x.code === 'duplicateHostPort')
        .map((x) => [x.range, x.relatedInformation?.map((r) => r.location.range)]);
    const expected = ranges(lf);
    assert.deepEqual(expected.map(([r]) => (r as { start: { line: number } }).start.line), [3, 6]);
    assert.deepEqual(ranges(lf.replace(/\n/g, '\r\n')), expected);
  });
});
