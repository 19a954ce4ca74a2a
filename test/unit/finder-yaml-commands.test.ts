import assert from 'node:assert/strict';
import { finderFor } from '../../server/src/service/scan';

// A Kubernetes container's `command` and `args` are one command line, in either key order and in
// flow or block lists; a command written as a plain scalar over several lines keeps its continuation
// lines, as YAML folds them.

function ports(format: 'yaml' | 'compose', text: string): string[] {
  return finderFor(format)(text).filter((o) => o.kind === 'port').map((o) => `${o.port}:${o.role}${o.command ? ':' + o.command : ''}`);
}

const pod = (container: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: redis:7\n${container}`;

describe('YAML command lines', () => {
  it('read a container\'s command with its args, whichever comes first', () => {
    assert.deepEqual(ports('yaml', pod('      command: ["redis-server"]\n      args: ["--port", "6380"]\n')), ['6380:listen:redis-server']);
    assert.deepEqual(ports('yaml', pod('      args: ["-h", "cache", "-p", "6381"]\n      command: ["redis-cli"]\n')), ['6381:connect:redis-cli']);
    assert.deepEqual(ports('yaml', pod('      command:\n        - python\n        - -m\n        - http.server\n      args:\n        - "8765"\n')), ['8765:listen:python']);
    assert.deepEqual(ports('yaml', pod('      command: [kubectl]\n      args: [port-forward, svc/web, "8081:80"]\n')), ['8081:host:kubectl port-forward', '80:container:kubectl port-forward']);
    // `sh -c` in the command and the script in the args.
    assert.deepEqual(ports('yaml', pod('      command: ["sh", "-c"]\n      args: ["nc -lk -p 9099"]\n')), ['9099:listen:nc']);
  });

  it('keep each container\'s parts to itself, and read an args list alone as before', () => {
    const two = pod('      command: ["redis-cli"]\n    - name: b\n      image: b\n      args: ["--port", "6380"]\n');
    assert.deepEqual(ports('yaml', two), ['6380:container']);
    // Options for the image's own entrypoint: no command to join.
    assert.deepEqual(ports('yaml', pod('      args: ["--port", "6380"]\n')), ['6380:container']);
  });

  it('read a plain command over several lines as one line, and a folded block too; a literal block stays lines', () => {
    const compose = (command: string) => `services:\n  cache:\n    image: redis:7\n    command: ${command}\n    ports:\n      - "6390:6390"\n`;
    assert.deepEqual(ports('compose', compose('redis-cli\n      -h cache\n      -p 6382')).slice(0, 1), ['6382:connect:redis-cli']);
    assert.deepEqual(ports('compose', compose('>\n      redis-cli -h cache\n      -p 6383')).slice(0, 1), ['6383:connect:redis-cli']);
    // Each line of a literal block is a command of its own: `-p 6384` alone holds options of a command named elsewhere.
    assert.deepEqual(ports('compose', compose('|\n      redis-cli -h cache\n      -p 6384')).slice(0, 1), ['6384:listen']);
  });
});
