import assert from 'node:assert/strict';
import { composeFileFacts, composeProjects, dotenvComposeFiles, fileKey } from '../../server/src/service/composeProject';
import { detectFormat, findPorts } from '../../server/src/service/scan';
import { resolveSettings } from '../../server/src/service/settings';
import { indexEntry } from '../../server/src/service/workspaceIndex';
import { duplicateHostPortAcrossFiles, workspaceDiagnostics, type WorkspaceFinding } from '../../server/src/service/workspaceRules';
import { indexedFiles as files } from '../helpers/indexedFiles';

// Which compose files Docker Compose merges into one project, and the duplicate host port rule that
// compares only those: an override pair, include and extends, COMPOSE_FILE in .env, Compose's merge
// rules for ports, and projects side by side that stay silent unless compose.compareProjects is on.

/** Indexes texts as the server does (files without ports that decide a project included), sorted by URI. */
const compose = (service: string, ...ports: string[]) => `services:\n  ${service}:\n    image: example/${service}\n    ports:\n${ports.map((p) => `      - "${p}"\n`).join('')}`;

/** Findings as `file:line` lists per setting value, as the Problems panel would show them. */
function shown(m: Record<string, string>, compareProjects = false): string[] {
  const settings = resolveSettings({ compose: { compareProjects } });
  const out: string[] = [];
  for (const [uri, list] of duplicateHostPortAcrossFiles(files(m))) {
    for (const d of workspaceDiagnostics(list, settings)) out.push(`${uri.slice('file:///repo/'.length)}:${d.range.start.line + 1}`);
  }
  return out.sort();
}

function findingsOf(m: Record<string, string>, name: string): WorkspaceFinding[] {
  return duplicateHostPortAcrossFiles(files(m)).get(`file:///repo/${name}`) ?? [];
}

describe('Compose project facts', () => {
  it('reads include entries in their three forms, extends with a file, and ports tagged !reset or !override', () => {
    const facts = composeFileFacts(`include:
  - ../common/db.yaml
  - path: [a.yaml, "b.yaml"]
  - path:
      - c.yaml
      - d.yaml
    project_directory: ..
  - path: e.yaml
services:
  web:
    extends:
      file: base.yml
      service: webbase
    ports: !reset []
  api:
    extends: { file: "base.yml", service: api }
    ports: !override
      - "8080:80"
  worker:
    extends: web
    ports:
      - "9000:9000"
`);
    assert.deepEqual(facts, {
      includes: [['../common/db.yaml'], ['a.yaml', 'b.yaml'], ['c.yaml', 'd.yaml'], ['e.yaml']],
      extends: [{ service: 'web', file: 'base.yml', base: 'webbase' }, { service: 'api', file: 'base.yml', base: 'api' }],
      resetPorts: ['web', 'api'],
    });
    assert.deepEqual(composeFileFacts('include: [one.yaml, two.yaml]\n')?.includes, [['one.yaml'], ['two.yaml']]);
  });

  it('reads nothing from a compose file without them (most files), nor from look-alikes', () => {
    assert.equal(composeFileFacts(compose('web', '8080:80')), undefined);
    // `include` below the top level and `extends` of the same file only.
    assert.equal(composeFileFacts('x:\n  include:\n    - a.yaml\nservices:\n  a:\n    extends: b\n'), undefined);
  });

  it('reads COMPOSE_FILE from a .env, with COMPOSE_PATH_SEPARATOR, quotes and comments, the last line winning', () => {
    assert.deepEqual(dotenvComposeFiles('COMPOSE_FILE=compose.yaml:compose.db.yaml\n'), ['compose.yaml', 'compose.db.yaml']);
    assert.deepEqual(dotenvComposeFiles('COMPOSE_PATH_SEPARATOR=,\nCOMPOSE_FILE="a.yml,b/c.yml" # two files\n'), ['a.yml', 'b/c.yml']);
    assert.deepEqual(dotenvComposeFiles('COMPOSE_FILE=a.yml\nexport COMPOSE_FILE=b.yml;c.yml\n'), ['b.yml', 'c.yml']);
    assert.equal(dotenvComposeFiles('# COMPOSE_FILE=a.yml\nMY_COMPOSE_FILE=x\n'), undefined);
  });

  it('keys files by their decoded, normalized path', () => {
    assert.equal(fileKey('file:///repo/my%20app/../db/compose.yaml'), 'file:///repo/db/compose.yaml');
  });
});

describe('the index entries that place a file in a Compose project', () => {
  const entry = (name: string, text: string) => {
    const uri = `file:///repo/${name}`;
    const format = detectFormat('plaintext', uri, text)!;
    return indexEntry(uri, format, text, findPorts(format, text));
  };

  it('keeps files without ports that decide a project: an include-only compose.yaml, a .env with COMPOSE_FILE, a default file', () => {
    assert.deepEqual(entry('a/compose.yaml', 'include:\n  - ../db/compose.yaml\n')?.compose?.includes, [['../db/compose.yaml']]);
    assert.deepEqual(entry('a/.env', 'COMPOSE_FILE=compose.yaml:compose.ci.yaml\n')?.compose?.composeFile, ['compose.yaml', 'compose.ci.yaml']);
    // A default file without ports still decides which file Compose picks in its folder.
    assert.ok(entry('a/compose.yaml', 'services:\n  worker:\n    image: example/worker\n'));
  });

  it('leaves out files without ports that decide nothing', () => {
    assert.equal(entry('a/compose.ci.yaml', 'services:\n  worker:\n    image: example/worker\n'), undefined);
    assert.equal(entry('a/.env', 'NODE_ENV=production\n'), undefined);
    // COMPOSE_FILE counts only in the file Compose reads, `.env` itself.
    assert.equal(entry('a/.env.example', 'COMPOSE_FILE=compose.yaml\n'), undefined);
  });

  it('reads compose.compareProjects as a boolean, off by default and for anything else', () => {
    assert.equal(resolveSettings({}).compose.compareProjects, false);
    assert.equal(resolveSettings({ compose: { compareProjects: true } }).compose.compareProjects, true);
    assert.equal(resolveSettings({ compose: { compareProjects: 'yes' } }).compose.compareProjects, false);
  });
});

describe('Compose projects', () => {
  const projectsOf = (m: Record<string, string>) => {
    const fs = files(m);
    return composeProjects(fs.map((f) => ({ uri: f.uri, publishes: f.mappings.length > 0, compose: f.compose })))
      .map((p) => p.members.map((x) => fs[x.file].uri.slice('file:///repo/'.length) + (x.only ? `(${x.only} as ${x.as})` : '')));
  };

  it('loads the first default file of a folder with the first override file, as docker compose does', () => {
    assert.deepEqual(projectsOf({
      'a/docker-compose.yml': compose('x', '1:1'),
      'a/compose.yaml': compose('y', '2:2'),
      'a/docker-compose.override.yml': compose('y', '3:3'),
      'a/compose.prod.yaml': compose('y', '4:4'),
    }), [['a/compose.yaml', 'a/docker-compose.override.yml'], ['a/compose.prod.yaml'], ['a/docker-compose.yml']]);
  });

  it('follows include and extends (included and extended files first), and ends include cycles', () => {
    assert.deepEqual(projectsOf({
      'app/compose.yaml': 'include:\n  - ../common/db.yaml\nservices:\n  web:\n    extends:\n      file: ../common/base.yaml\n      service: http\n',
      'common/db.yaml': 'include:\n  - ../app/compose.yaml\n' + compose('db', '5432:5432'),
      'common/base.yaml': compose('http', '8080:80'),
    }), [['common/db.yaml', 'common/base.yaml(http as web)', 'app/compose.yaml']]);
  });

  it('takes COMPOSE_FILE from the folder\'s .env instead of the default files, and skips missing files', () => {
    assert.deepEqual(projectsOf({
      'p/.env': 'COMPOSE_FILE=base.yml:missing.yml:dev.yml\n',
      'p/base.yml': compose('web', '8080:80'),
      'p/dev.yml': compose('web', '8080:80'),
      'p/compose.yaml': compose('other', '9000:9000'),
    }), [['p/base.yml', 'p/dev.yml'], ['p/compose.yaml']]);
  });
});

describe('duplicateHostPortAcrossFiles: within one Compose project', () => {
  it('is silent on projects side by side: sample folders and alternative stacks', () => {
    assert.deepEqual(shown({
      'compose-a/compose.yaml': compose('web', '8080:80', '5432:5432'),
      'compose-b/docker-compose.yml': compose('app', '8080:3000', '5432:5432'),
      'stacks/monitoring.yml': compose('grafana', '3000:3000'),
      'stacks/dashboards.yml': compose('grafana', '3000:3000'),
    }), []);
  });

  it('reports an override file publishing a host port that the base file publishes for another entry', () => {
    const m = {
      'shop/compose.yaml': compose('web', '8080:80'),
      'shop/compose.override.yaml': compose('admin', '8080:8081'),
    };
    assert.deepEqual(shown(m), ['shop/compose.override.yaml:5', 'shop/compose.yaml:5']);
    const [f] = findingsOf(m, 'shop/compose.yaml');
    assert.equal(f.message.split('\n')[0], 'Host port 8080/tcp is published twice in Compose project "shop".');
    assert.ok(f.message.split('\n')[0].length < 90);
    assert.match(f.message, /Also by 8080\/tcp \(service admin\) in shop\/compose\.override\.yaml\. Compose merges/);
    assert.equal(f.related[0].uri, 'file:///repo/shop/compose.override.yaml');
    assert.equal(f.compareProjects, undefined);
    // A warning by default: the project cannot start.
    assert.equal(workspaceDiagnostics([f], resolveSettings({}))[0].severity, 2);
  });

  it('takes a mapping an override repeats for the same service as the same entry, and !reset or !override as a replacement', () => {
    assert.deepEqual(shown({
      'a/compose.yaml': compose('db', '127.0.0.1:3306:3306'),
      'a/compose.override.yaml': compose('db', '127.0.0.1:3306:3306'),
      'b/compose.yaml': compose('web', '8080:80'),
      'b/compose.override.yaml': 'services:\n  web:\n    ports: !override\n      - "8080:8000"\n',
      'c/compose.yaml': compose('web', '8080:80'),
      'c/compose.override.yaml': 'services:\n  web:\n    ports: !reset []\n  api:\n    image: x\n    ports:\n      - "8080:9000"\n',
    }), []);
    // The same host port with another container port in the same service is appended: two bindings.
    assert.deepEqual(shown({
      'a/compose.yaml': compose('web', '8080:80'),
      'a/compose.override.yaml': compose('web', '8080:8000'),
    }), ['a/compose.override.yaml:5', 'a/compose.yaml:5']);
  });

  it('reports included files that publish the same host port, and an extended service\'s port that the project publishes again', () => {
    const m = {
      'app/compose.yaml': 'include:\n  - path: [../shared/db.yaml]\n' + compose('cache', '6379:6379'),
      'shared/db.yaml': compose('redis', '6379:6379'),
      'ext/compose.yaml': 'services:\n  web:\n    extends:\n      file: ../templates/web.yaml\n      service: http\n    ports:\n      - "8080:80"\n  api:\n    image: api\n    ports:\n      - "9090:9090"\n',
      'templates/web.yaml': compose('http', '8080:80', '9090:90'),
    };
    assert.deepEqual(shown(m), ['app/compose.yaml:7', 'ext/compose.yaml:11', 'shared/db.yaml:5', 'templates/web.yaml:6']);
    assert.match(findingsOf(m, 'shared/db.yaml')[0].message, /^Host port 6379\/tcp is published twice in Compose project "app"\./);
  });

  it('compares the files COMPOSE_FILE names in a .env, but not a default file it leaves out', () => {
    assert.deepEqual(shown({
      'p/.env': 'COMPOSE_FILE=base.yml:tools.yml\n',
      'p/base.yml': compose('web', '8080:80'),
      'p/tools.yml': compose('adminer', '8080:8080'),
      'p/compose.yaml': compose('other', '8080:80'),
    }), ['p/base.yml:5', 'p/tools.yml:5']);
  });

  it('compares every project, as on one Docker host, when compose.compareProjects is on; files of one folder still are not', () => {
    const m = {
      'compose-a/compose.yaml': compose('web', '8080:80'),
      'compose-b/compose.yaml': compose('app', '8080:3000'),
      'compose-b/compose.prod.yaml': compose('app', '8080:3000'),
    };
    assert.deepEqual(shown(m), []);
    assert.deepEqual(shown(m, true), ['compose-a/compose.yaml:5', 'compose-b/compose.prod.yaml:5', 'compose-b/compose.yaml:5']);
    const [f] = findingsOf(m, 'compose-a/compose.yaml');
    assert.equal(f.compareProjects, 'on');
    assert.equal(f.maxLevel, 'information', 'side by side, only running both at once clashes');
    assert.match(f.message, /^Host port 8080\/tcp is also published by another Compose project\.\nBy 8080\/tcp \(service app\) in compose-b\/compose\.yaml and 1 more place, in another Compose project\./);
  });

  it('shows one finding per place whichever the setting: the project\'s clash, or with the setting on, that clash and the other projects\'', () => {
    const m = {
      'a/compose.yaml': compose('web', '8080:80'),
      'a/compose.override.yaml': compose('api', '8080:81'),
      'b/compose.yaml': compose('site', '8080:80'),
    };
    assert.deepEqual(shown(m), ['a/compose.override.yaml:5', 'a/compose.yaml:5']);
    assert.deepEqual(shown(m, true), ['a/compose.override.yaml:5', 'a/compose.yaml:5', 'b/compose.yaml:5']);
    const on = workspaceDiagnostics(findingsOf(m, 'a/compose.yaml'), resolveSettings({ compose: { compareProjects: true } }));
    assert.equal(on.length, 1);
    assert.match(String(on[0].message), /published twice in Compose project "a"\.\n.* Also published by 8080\/tcp \(service site\) in b\/compose\.yaml, in another Compose project\./);
    assert.equal(on[0].severity, 2);
  });
});
