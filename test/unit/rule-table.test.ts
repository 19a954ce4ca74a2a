import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES, RULE_IDS, WORKSPACE_RULES, ruleInfo } from '../../server/src/service/rules';
import type { RuleContext } from '../../server/src/service/rules';
import { DEFAULT_LINT } from '../../server/src/service/settings';
import { bundledIndex, settings, testService } from '../helpers/service';
import { languageIdFor } from '../helpers/languageId';

// The rule table: each rule's file says its id, default level, the roles of the ports it judges and
// its fix. These tests hold the rules to what their rows say, on every labelled file of test/corpus.

const CORPUS = path.join(__dirname, '../corpus');

function corpusFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) corpusFiles(p, out);
    else if (!e.name.endsWith('.labels') && !e.name.endsWith('.diag')) out.push(p);
  }
  return out;
}

describe('rule table', () => {
  it('keys every rule by its own id and derives the settings defaults from the rows', () => {
    for (const [key, rule] of [...Object.entries(RULES), ...Object.entries(WORKSPACE_RULES)]) {
      assert.equal(rule.id, key);
      assert.equal((DEFAULT_LINT as Record<string, string>)[key], rule.level, `${key}: default level`);
      assert.equal(ruleInfo(key), rule);
    }
    assert.equal(Object.keys(DEFAULT_LINT).length, Object.keys(RULES).length + Object.keys(WORKSPACE_RULES).length);
  });

  it("is what the README's Rules table lists: every rule once, with its default level", () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| rule | default |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const listed = Object.fromEntries(rows.map((r) => /^\| `(\w+)` \| (\w+) \|/.exec(r)!).map((m) => [m[1], m[2]]));
    assert.deepEqual(listed, DEFAULT_LINT);
  });

  it('reports each per-document rule only on ports whose role its row names, across test/corpus', () => {
    const service = testService();
    const s = settings({ lint: Object.fromEntries(RULE_IDS.map((id) => [id, 'hint'])) });
    const judgedBy = new Map<string, number>();
    for (const file of corpusFiles(CORPUS)) {
      const text = fs.readFileSync(file, 'utf8');
      const doc = TextDocument.create(pathToFileURL(file).href, languageIdFor(file), 1, text);
      const scan = service.scan(doc, s);
      if (!scan.format) continue;
      const occurrences = scan.occurrences.filter((o) => !o.inComment);
      const ctx: RuleContext = { uri: doc.uri, text, format: scan.format, occurrences, index: bundledIndex(), settings: s };
      for (const id of RULE_IDS) {
        const rule = RULES[id];
        if (!rule.roles.length) continue;
        for (const f of rule.check(ctx)) {
          // The port the finding is about, inside its range (a mapping's finding covers both sides).
          const on = occurrences.filter((o) => o.kind === 'port' && o.start >= f.start && o.end <= f.end && (f.port === undefined || o.port === f.port));
          if (!on.length) continue;
          const where = `${path.relative(CORPUS, file)}@${f.start}`;
          assert.ok(on.some((o) => rule.roles.includes(o.role)), `${id} at ${where} judges a ${on.map((o) => o.role).join('/')} port; its row says ${rule.roles.join(', ')}`);
          judgedBy.set(id, (judgedBy.get(id) ?? 0) + 1);
        }
      }
    }
    // The corpus exercises the rules that judge ports by role, so the check above has findings to hold.
    for (const id of ['outOfRange', 'dynamicRange', 'ephemeralRange', 'browserUnsafe', 'unauthorizedUse', 'duplicateHostPort', 'privileged'] as const) {
      assert.ok((judgedBy.get(id) ?? 0) > 0, `no finding of ${id} in test/corpus`);
    }
  });
});
