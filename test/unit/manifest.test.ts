import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

// The extension manifest as the Marketplace and VS Code read it: every text a user sees in the UI comes
// from package.nls.json (and its translations), and the web, remote and trust declarations hold together.

const ROOT = path.resolve(__dirname, '../..');
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8'));
const pkg = read('package.json');

/** The texts a user reads in VS Code or on the Marketplace page, with where they sit. */
function shownTexts(): Array<[string, string]> {
  const out: Array<[string, string]> = [['displayName', pkg.displayName], ['description', pkg.description]];
  const c = pkg.contributes;
  for (const cmd of c.commands) out.push([`${cmd.command} title`, cmd.title], [`${cmd.command} category`, cmd.category]);
  for (const views of Object.values(c.views) as Array<Array<{ id: string; name: string; contextualTitle?: string }>>) {
    for (const v of views) out.push([`${v.id} name`, v.name], ...(v.contextualTitle ? [[`${v.id} contextualTitle`, v.contextualTitle] as [string, string]] : []));
  }
  out.push(['configuration title', c.configuration.title]);
  for (const [key, p] of Object.entries(c.configuration.properties) as Array<[string, Record<string, unknown>]>) {
    for (const f of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) {
      if (typeof p[f] === 'string') out.push([`${key} ${f}`, p[f] as string]);
    }
    ((p.enumDescriptions as string[] | undefined) ?? []).forEach((d, i) => out.push([`${key} enumDescriptions ${i}`, d]));
  }
  for (const [name, cap] of Object.entries(pkg.capabilities) as Array<[string, { description?: string }]>) {
    if (cap.description) out.push([`capabilities ${name}`, cap.description]);
  }
  return out;
}

describe('extension manifest', () => {
  const shown = shownTexts();

  it('takes every title and description shown in VS Code from package.nls.json', () => {
    const nls = read('package.nls.json');
    assert.ok(shown.length >= 40, `${shown.length} texts found`);
    for (const [at, text] of shown) {
      const m = /^%([^%]+)%$/.exec(text);
      assert.ok(m, `${at} is a %key%, not the text "${text}"`);
      assert.equal(typeof nls[m[1]], 'string', `package.nls.json defines ${m[1]} (${at})`);
    }
    const used = new Set(shown.map(([, t]) => t.slice(1, -1)));
    for (const key of Object.keys(nls)) assert.ok(used.has(key), `package.nls.json key ${key} is used`);
  });

  it('runs where the workspace is, and in the browser from its own entry', () => {
    assert.deepEqual(pkg.extensionKind, ['workspace']);
    assert.equal(pkg.main, './dist/client.js');
    assert.equal(pkg.browser, './dist/web/client.js');
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
    assert.match(pkg.capabilities.virtualWorkspaces.description, /^%.+%$/);
  });

  it('keeps settings a repository must not control out of untrusted workspaces', () => {
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    const props = pkg.contributes.configuration.properties;
    for (const key of ['ianaPorts.registry.url', 'ianaPorts.maxFileSize', 'ianaPorts.files.associations']) {
      assert.ok(trust.restrictedConfigurations.includes(key), `${key} is restricted`);
    }
    for (const key of trust.restrictedConfigurations) assert.ok(props[key], `${key} is a declared setting`);
    // The registry URL decides what is downloaded: never from a workspace, trusted or not.
    assert.ok(['application', 'machine'].includes(props['ianaPorts.registry.url'].scope));
  });
});
