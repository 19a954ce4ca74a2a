import assert from 'node:assert/strict';
import { duplicateHostPortAcrossFiles } from '../../server/src/service/workspaceRules';
import { indexedFiles as files } from '../helpers/indexedFiles';

// Two services of one project extending the same base service from another file both publish its
// ports: `docker compose up` fails the second with "port is already allocated".

const common = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n';
const extending = (...names: string[]) => `services:\n${names.map((n) => `  ${n}:\n    extends:\n      file: common.yaml\n      service: web\n`).join('')}`;

describe('duplicate host ports through extends', () => {
  it('reports the base entry two extending services both publish, naming the other service', () => {
    const out = duplicateHostPortAcrossFiles(files({ 'app/compose.yaml': extending('web1', 'web2'), 'app/common.yaml': common }));
    const list = out.get('file:///repo/app/common.yaml') ?? [];
    assert.equal(list.length, 1);
    assert.equal(list[0].range.start.line, 4);
    assert.match(list[0].message, /^Host port 8080\/tcp is published twice in Compose project "app"\.\nAlso by 8080\/tcp \(service web2\) in app\/common\.yaml\./);
    assert.equal(out.size, 1);
  });

  it('is silent with one extending service, and when the other replaces the ports it takes', () => {
    assert.equal(duplicateHostPortAcrossFiles(files({ 'app/compose.yaml': extending('web1'), 'app/common.yaml': common })).size, 0);
    const replaced = `${extending('web1', 'web2')}    ports: !override\n      - "8081:80"\n`;
    assert.equal(duplicateHostPortAcrossFiles(files({ 'app/compose.yaml': replaced, 'app/common.yaml': common })).size, 0);
  });
});
