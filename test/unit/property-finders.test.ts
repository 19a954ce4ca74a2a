import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findPorts } from '../../server/src/service/scan';
import { FORMAT_IDS } from '../../server/src/service/scan/detect';
import { bytesAsText, codePointText, mutate, mutationArb, piecesText, utf16Text } from '../helpers/arbitraries';
import { checkOccurrences, corpusFiles } from '../helpers/robustness';

// Property tests of the finder contract on any input: never throw, stay in bounds, stay sorted, and
// every occurrence's text is the number (or the name) it claims. Every format's finder reads every
// input, so a finder meeting text meant for another format is covered too. Seeds are fixed.

function allFinders(text: string): void {
  for (const format of FORMAT_IDS) {
    const occs = findPorts(format, text, (e) => {
      throw e;
    });
    checkOccurrences(text, occs, `${format} on ${JSON.stringify(text.slice(0, 300))}`);
  }
}

describe('property: finders on any text', () => {
  it('port-related pieces in random order (16 finders x 1500 texts)', () => {
    fc.assert(fc.property(piecesText(80), allFinders), { seed: 7001, numRuns: 1500 });
  });

  it('random UTF-16 strings, lone surrogates included', () => {
    fc.assert(fc.property(utf16Text(300), allFinders), { seed: 7002, numRuns: 400 });
  });

  it('random code points of every plane', () => {
    fc.assert(fc.property(codePointText(300), allFinders), { seed: 7003, numRuns: 300 });
  });

  it('random bytes decoded as UTF-8, Latin-1 and UTF-16LE', () => {
    fc.assert(fc.property(bytesAsText(600), allFinders), { seed: 7004, numRuns: 400 });
  });

  it('pieces mixed with random UTF-16 runs', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(piecesText(6), utf16Text(5)), { maxLength: 30 }), (parts) => allFinders(parts.join(''))),
      { seed: 7005, numRuns: 600 },
    );
  });

  const corpus = corpusFiles();
  it(`mutations of the ${corpus.length} labelled corpus files`, () => {
    assert.ok(corpus.length >= 20, 'the labelled corpus is there');
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 8 }), (i, ms) => {
        allFinders(mutate(corpus[i].text, ms));
      }),
      { seed: 7006, numRuns: 250 },
    );
  });

  it('every corpus file, unmutated, in every finder', () => {
    for (const f of corpus) allFinders(f.text);
  });
});
