import assert from 'node:assert/strict';
import { doDocumentLinks } from '../../server/src/service/documentLinks';
import { doInlayHints } from '../../server/src/service/inlayHints';
import { doc, settings, testService } from '../helpers/service';

const ALL = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
const ON = settings({ inlayHints: { enable: true } });

describe('inlay hints', () => {
  const service = testService();
  const compose = doc('services:\n  db:\n    ports:\n      - "5432:5432"\n      - "3000:8080"\n      - "3000-3005:3000-3005"\n    # - "6379:6379"\n', 'file:///p/compose.yaml', 'dockercompose');

  it('are off unless ianaPorts.inlayHints.enable is on', () => {
    assert.deepEqual(doInlayHints(service, compose, ALL, settings()), []);
  });

  it('name the service once after a mapping whose sides agree, and each side where they differ', () => {
    const hints = doInlayHints(service, compose, ALL, ON);
    const at = (line: number) => hints.filter((h) => h.position.line === line).map((h) => `${h.position.character}:${h.label}`);
    assert.deepEqual(at(3), ['18:postgresql']);
    // 3000 is hbci to IANA and a dev server in practice: common practice names it; 8080 gets its own hint.
    const line4 = at(4);
    assert.equal(line4.length, 2, JSON.stringify(line4));
    assert.doesNotMatch(line4[0], /hbci/);
    assert.match(line4[1], /^18:/);
  });

  it('leave out port ranges, commented ports and ports outside the requested range', () => {
    const hints = doInlayHints(service, compose, ALL, ON);
    assert.ok(!hints.some((h) => h.position.line === 5 || h.position.line === 6), JSON.stringify(hints));
    assert.deepEqual(doInlayHints(service, compose, { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, ON), []);
  });
});

describe('document links', () => {
  const service = testService();

  it('link the ports and names of an /etc/services file to their IANA registry entry', () => {
    const services = doc('ssh\t\t22/tcp\t\t\t# SSH Remote Login Protocol\npostgresql\t5432/tcp\n', 'file:///etc/services');
    const links = doDocumentLinks(service, services, settings());
    const targets = links.map((l) => l.target ?? '');
    assert.ok(targets.some((u) => u.endsWith('search=22')), JSON.stringify(targets));
    assert.ok(targets.some((u) => u.endsWith('search=5432')), JSON.stringify(targets));
    assert.ok(targets.every((u) => u.startsWith('https://www.iana.org/')));
  });

  it('leave ports in configuration files unlinked', () => {
    assert.deepEqual(doDocumentLinks(service, doc('services:\n  db:\n    ports:\n      - "5432:5432"\n', 'file:///p/compose.yaml', 'dockercompose'), settings()), []);
  });
});
