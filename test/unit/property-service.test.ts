import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectFormat, FORMAT_IDS } from '../../server/src/service/scan/detect';
import { resolveSettings } from '../../server/src/service/settings';
import { bytesAsText, formatArb, mutate, mutationArb, piecesText, utf16Text } from '../helpers/arbitraries';
import { corpusFiles, exerciseService, FORMAT_DOCS } from '../helpers/robustness';
import { testService } from '../helpers/service';

// Property tests of the whole language service (scan, hover, completion, diagnostics, code actions)
// on random and mutated documents: nothing throws (the test service rethrows any internal error the
// service would only log), and every range it returns lies inside the document. Seeds are fixed.

const service = testService();

/** Settings a user could write, including odd ones: every rule at random levels, odd ranges, tiny size limits. */
const settingsArb = fc.record({
  lint: fc.dictionary(fc.constantFrom('outOfRange', 'dynamicRange', 'ephemeralRange', 'browserUnsafe', 'unauthorizedUse', 'duplicateHostPort', 'yamlBase60', 'portName', 'privileged'), fc.constantFrom('ignore', 'hint', 'information', 'warning', 'error')),
  ephemeralRange: fc.constantFrom('iana', 'linux', 'windows', 'macos', 'freebsd', 'custom', 'bogus'),
  customEphemeralRanges: fc.array(fc.oneof(fc.constantFrom('32768-60999', '1-65535', '9-1', 'x', '99999-100000'), fc.string()), { maxLength: 3 }),
  ignorePorts: fc.array(fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.constantFrom('9000-9010', '80', 'abc', '5-', '')), { maxLength: 3 }),
  maxFileSize: fc.oneof(fc.constant(5_000_000), fc.integer({ min: 1, max: 200 })),
  commonPractice: fc.record({ enable: fc.boolean() }),
});

function runDoc(format: (typeof FORMAT_IDS)[number], text: string, raw: unknown = {}, version = 1): void {
  const { uri, languageId } = FORMAT_DOCS[format];
  const doc = TextDocument.create(uri, languageId, version, text);
  // A few positions besides every occurrence: start, end, and spread through the text.
  const extra = [0, text.length, text.length >> 1, text.length >> 2, (text.length * 3) >> 2, text.indexOf(':'), text.lastIndexOf('\n')];
  exerciseService(service, doc, resolveSettings(raw), extra);
}

describe('property: language service on any document', () => {
  it('each format document URI is detected as that format', () => {
    for (const f of FORMAT_IDS) assert.equal(detectFormat(FORMAT_DOCS[f].languageId, FORMAT_DOCS[f].uri, ''), f);
  });

  it('port-related pieces in every format', () => {
    let version = 0;
    fc.assert(fc.property(formatArb, piecesText(60), (format, text) => runDoc(format, text, {}, ++version)), { seed: 7101, numRuns: 1200 });
  });

  it('random UTF-16 text and random bytes decoded as text', () => {
    let version = 0;
    fc.assert(fc.property(formatArb, fc.oneof(utf16Text(200), bytesAsText(300)), (format, text) => runDoc(format, text, {}, ++version)), { seed: 7102, numRuns: 400 });
  });

  it('random settings, including tiny maxFileSize and malformed ranges', () => {
    let version = 0;
    fc.assert(fc.property(formatArb, piecesText(40), settingsArb, (format, text, raw) => runDoc(format, text, raw, ++version)), { seed: 7103, numRuns: 400 });
  });

  it('any JSON value as the settings section never breaks settings resolution', () => {
    fc.assert(fc.property(fc.anything({ maxDepth: 3 }), (raw) => {
      const s = resolveSettings(raw);
      assert.ok(s.maxFileSize > 0);
      runDoc('compose', 'services:\n  a:\n    ports:\n      - "8080:80"\n', raw);
    }), { seed: 7104, numRuns: 200 });
  });

  const corpus = corpusFiles();
  it(`mutations of the ${corpus.length} labelled corpus files, served as their own format and as every other`, () => {
    let version = 0;
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 6 }), fc.option(formatArb, { nil: undefined }), (i, ms, other) => {
        const f = corpus[i];
        const text = mutate(f.text, ms);
        if (other) return runDoc(other, text, {}, ++version);
        const doc = TextDocument.create(f.uri, f.languageId, ++version, text);
        exerciseService(service, doc, resolveSettings({}), [0, text.length, text.length >> 1]);
      }),
      { seed: 7105, numRuns: 200 },
    );
  });

  it('every corpus file, unmutated: hover on every digit run, completion there, diagnostics and code actions', () => {
    let hovers = 0;
    for (const f of corpus) {
      const doc = TextDocument.create(f.uri, f.languageId, 1, f.text);
      const digits = [...f.text.matchAll(/\d+/g)].map((m) => m.index!);
      const run = exerciseService(service, doc, resolveSettings({}), digits);
      hovers += run.hovers.length;
    }
    // Not a recall figure (the corpus tests measure that): only that hovers were exercised at all.
    assert.ok(hovers > 300, `${hovers} hovers`);
  });
});
