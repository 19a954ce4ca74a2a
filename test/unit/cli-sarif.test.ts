import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { RULE_IDS, WORKSPACE_RULE_IDS } from '../../server/src/service/settings';

// `iana-ports check --format sarif` (dist/cli.js; build first) validated against the SARIF 2.1.0 JSON
// schema, vendored in test/fixtures/sarif (no network), with the rule metadata code-scanning shows.

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const SCHEMA = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));

function validator() {
  // The schema's language pattern ('^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$') is not valid with the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(SCHEMA);
}

function sarifOf(files: Record<string, string>, mode?: (root: string) => void): any {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-sarif-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    mode?.(root);
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', '.', 'missing-folder'], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 2, r.stderr);
    return JSON.parse(r.stdout);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('iana-ports check --format sarif', () => {
  const log: any = sarifOf({
    'a b/compose.yaml': 'services:\n  web:\n    ports:\n      - "99999:80"\n      - "49200:8080"\n      - 22:22\n',
    'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      ports:\n        - name: Http_Web\n          containerPort: 8080\n',
  });

  it('is valid against the SARIF 2.1.0 schema, results and a notification for an unreadable path included', () => {
    const validate = validator();
    const ok = validate(structuredClone(log));
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    assert.ok(log.runs[0].results.length >= 3);
    assert.match(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /missing-folder does not exist/);
  });

  it('the schema check can fail: a result without a message is refused', () => {
    const broken = JSON.parse(JSON.stringify(log));
    delete broken.runs[0].results[0].message;
    broken.runs[0].results[0].level = 'severe';
    assert.equal(validator()(broken), false);
  });

  it('describes every rule: id, name, short and full descriptions, help with a link, default level', () => {
    const rules = log.runs[0].tool.driver.rules as any[];
    const ids = rules.map((r) => r.id);
    for (const id of [...RULE_IDS, ...WORKSPACE_RULE_IDS]) assert.ok(ids.includes(id), `${id} has metadata`);
    for (const r of rules) {
      assert.match(r.name, /^[A-Z][A-Za-z0-9]+$/, r.id);
      assert.ok(r.shortDescription.text.length > 10 && r.fullDescription.text.length >= r.shortDescription.text.length / 2, r.id);
      assert.match(r.help.text, /https:\/\//, `${r.id} help links to its source`);
      assert.match(r.help.markdown, /\]\(https:\/\//);
      assert.match(r.helpUri, /^https:\/\//);
      assert.ok(['error', 'warning', 'note', 'none'].includes(r.defaultConfiguration.level), r.id);
    }
    const byId = Object.fromEntries(rules.map((r) => [r.id, r]));
    assert.equal(byId.outOfRange.defaultConfiguration.level, 'error');
    assert.equal(byId.dynamicRange.defaultConfiguration.level, 'warning');
    assert.equal(byId.privileged.defaultConfiguration.level, 'note');
    // Each result points at its rule's entry.
    for (const res of log.runs[0].results) assert.equal(rules[res.ruleIndex].id, res.ruleId);
    assert.equal(log.runs[0].tool.driver.version, JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')).version);
  });
});
