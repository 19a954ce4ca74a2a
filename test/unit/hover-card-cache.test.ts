import assert from 'node:assert/strict';
import { renderPortHover, type PortContext } from '../../server/src/service/hover';
import { setLocale } from '../../server/src/service/l10n';
import { emptyRecord } from '../../server/src/service/registry/codec';
import { RegistryIndex } from '../../server/src/service/registry/registryIndex';
import { PortLanguageService } from '../../server/src/service/languageService';
import { composeFile } from '../../scripts/bench/generate';
import { bundledIndex, doc, settings, testService } from '../helpers/service';

// renderPortHover keeps the cards it rendered (per registry, port, context, common-practice setting and
// message language): a card served again must be the card rendering would give now.

function indexWith(name: string, port: number): RegistryIndex {
  return new RegistryIndex({
    release: 'test', generatedBy: 'test', sources: [], people: [],
    records: [{ ...emptyRecord(), name, portLo: port, portHi: port, protocol: 'tcp', description: `${name} service`, sources: [0] }],
  });
}

describe('hover card cache', () => {
  afterEach(() => setLocale(undefined));

  it('every hover of the 5,000-line bench compose file is the same asked twice, and the same as from a fresh registry index', () => {
    const compose = composeFile(5000);
    const d = doc(compose.text, 'file:///cache/docker-compose.yml', 'dockercompose');
    const s = settings();
    const first = testService();
    const cards = compose.hoverPoints.map((p) => JSON.stringify(first.doHover(d, p, s)));
    assert.ok(cards.filter((c) => c !== 'null').length > 300);
    assert.deepEqual(compose.hoverPoints.map((p) => JSON.stringify(first.doHover(d, p, s))), cards);
    // A service over another index of the same registry starts with no cards and renders the same ones.
    const fresh = new RegistryIndex(bundledIndex().data);
    const second = new PortLanguageService(() => fresh);
    assert.deepEqual(compose.hoverPoints.map((p) => JSON.stringify(second.doHover(d, p, s))), cards);
  });

  it('each input of a card gives its own card: the port context, the setting, the registry and the language', () => {
    const index = bundledIndex();
    const on = settings();
    const off = settings({ commonPractice: { enable: false } });
    const card = (ctx: PortContext, port = 50000, s = on, i = index): string => renderPortHover(i, port, ctx, s);
    // Role: a client's address in the dynamic range has nothing to change; a listener may collide.
    assert.match(card({ role: 'connect' }), /a client has nothing to change here/);
    assert.match(card({ role: 'listen' }), /this listener can collide/);
    assert.match(card({ role: 'connect' }), /a client has nothing to change here/);
    // The key only matters for port 0.
    assert.match(card({ key: 'nodePort' }, 0), /nodePort: 0/);
    assert.match(card({ key: 'hostPort' }, 0), /hostPort: 0/);
    // Scheme and dev server: browsers refuse port 6000 in a URL and for a dev server, not elsewhere.
    assert.match(card({ scheme: 'http' }, 6000), /Blocked by browsers/);
    assert.match(card({ role: 'listen', devServer: true }, 6000), /Browsers refuse this port/);
    assert.doesNotMatch(card({ role: 'listen' }, 6000), /Browsers refuse this port|Blocked by browsers/);
    // Protocol: the heading names it.
    assert.match(card({ protocol: 'udp' }, 53), /^\*\*Port 53\*\* · udp/);
    assert.match(card({ protocol: 'tcp' }, 53), /^\*\*Port 53\*\* · tcp/);
    // Common practice on and off.
    assert.match(card({}, 3000, on), /Common practice/);
    assert.doesNotMatch(card({}, 3000, off), /Common practice/);
    assert.match(card({}, 3000, on), /Common practice/);
    // Another registry: its own record, not the bundled registry's card.
    assert.match(card({}, 3000, on, indexWith('alpha-test', 3000)), /alpha-test/);
    assert.match(card({}, 3000, on, indexWith('beta-test', 3000)), /beta-test/);
    assert.doesNotMatch(card({}, 3000), /alpha-test|beta-test/);
    // Language: the same card in Chinese once the client's locale is zh-cn, and in English again after.
    const english = card({ role: 'listen' }, 8080);
    setLocale('zh-cn');
    const chinese = card({ role: 'listen' }, 8080);
    assert.notEqual(chinese, english);
    assert.match(chinese, /端口/);
    setLocale(undefined);
    assert.equal(card({ role: 'listen' }, 8080), english);
  });

  it('ports that are not valid keep their own cards (NaN, Infinity, 70000 and -1 are four cards)', () => {
    const s = settings();
    const cards = [NaN, Infinity, 70000, -1].map((p) => renderPortHover(bundledIndex(), p, {}, s));
    assert.equal(new Set(cards).size, 4);
    assert.match(cards[2], /\*\*Port 70000\*\*/);
  });
});
