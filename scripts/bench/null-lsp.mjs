#!/usr/bin/env node
// The floor the benchmark compares against when ../shared/tools/null-lsp.mjs is not beside the
// project: the smallest stdio language server. It answers `initialize` with minimal capabilities,
// every other request with null, and each didOpen with an empty diagnostics list.
let buf = Buffer.alloc(0);
const send = (o) => {
  const s = JSON.stringify(o);
  process.stdout.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
};
process.stdin.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const h = buf.indexOf('\r\n\r\n');
    if (h < 0) return;
    const len = Number(/Content-Length: *(\d+)/i.exec(buf.subarray(0, h).toString())[1]);
    if (buf.length < h + 4 + len) return;
    const m = JSON.parse(buf.subarray(h + 4, h + 4 + len).toString());
    buf = buf.subarray(h + 4 + len);
    if (m.method === 'initialize') send({ jsonrpc: '2.0', id: m.id, result: { capabilities: { hoverProvider: true, textDocumentSync: 1 } } });
    else if (m.method === 'exit') process.exit(0);
    else if (m.method === 'textDocument/didOpen') send({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: m.params.textDocument.uri, diagnostics: [] } });
    else if (m.id !== undefined && m.method !== undefined) send({ jsonrpc: '2.0', id: m.id, result: null });
  }
});
