import fs from 'node:fs';
import { AbstractMessageWriter, createConnection, ErrorCodes, LSPErrorCodes, Message, ProposedFeatures, StreamMessageReader, type MessageWriter, type ResponseMessage } from 'vscode-languageserver/node';
import { FrameGuard } from './frameGuard';
import { startServer } from './server';
import { bundledRegistryPath, nodeRuntime } from './runtime';
import { readRegistryFile } from './workspace/registryFile';
import { runScanThread, SCAN_THREAD_ARG } from './workspace/scanThread';

// The stdio/IPC entry point: `node dist/server.js --stdio`. All behaviour lives in startServer.
// A request cancelled before it was dispatched is answered RequestCancelled at once, as LSP asks.
const options = {
  cancelUndispatched: (message: unknown) =>
    ({ jsonrpc: '2.0', id: (message as { id: number | string }).id, error: { code: LSPErrorCodes.RequestCancelled, message: 'request cancelled' } }) as ResponseMessage,
};

/**
 * Writes each message as one frame in one write. The library's stream writer writes the header, waits
 * for it to be flushed, then writes the body: two writes and a turn of the event loop per answer.
 */
class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    const frame = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    return new Promise((resolve, reject) => {
      this.out.write(frame, (e) => {
        if (!e) return resolve();
        this.fireError(e, message, ++this.errors);
        reject(e);
      });
    });
  }

  end(): void {
    this.out.end();
  }
}

function stdioConnection() {
  // Over stdio the reader is made here so that a broken frame (a header without a usable
  // Content-Length) ends the process with a message: the reader cannot find the next message after
  // one, and a server that silently stops answering is worse than one the client can restart.
  // A body that is not JSON keeps the framing intact, so it is only logged.
  // The guard ends the process on a declared length or a header too large to be a message (2 GB left
  // the server buffering and deaf without exiting).
  const guard = new FrameGuard((fault) => {
    process.stderr.write(`iana-ports: ${fault}; exiting so that the client restarts the server\n`);
    process.exit(1);
  });
  const reader = new StreamMessageReader(process.stdin.pipe(guard));
  reader.onError((e) => {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`iana-ports: unreadable message from the client: ${message}\n`);
    if (/Content-Length/i.test(message)) process.exit(1);
  });
  const writer = new FrameWriter(process.stdout);
  // LSP: a request after `shutdown` is answered InvalidRequest, not served.
  let shutdown = false;
  const listen = reader.listen.bind(reader);
  reader.listen = (callback) =>
    listen((message) => {
      if (shutdown && Message.isRequest(message)) {
        void writer.write({ jsonrpc: '2.0', id: message.id, error: { code: ErrorCodes.InvalidRequest, message: 'the server is shutting down' } } as ResponseMessage);
        return;
      }
      if (Message.isRequest(message) && message.method === 'shutdown') shutdown = true;
      callback(message);
    });
  const connection = createConnection(ProposedFeatures.all, reader, writer, options);
  // With streams of its own the connection no longer watches stdin: exit when the client goes away,
  // with 0 only after a shutdown request, as the library does for the streams it opens itself.
  const gone = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', gone);
  process.stdin.on('close', gone);
  return connection;
}

// The same bundle runs the scan thread for large files (workspace/scanThread.ts).
if (process.argv.includes(SCAN_THREAD_ARG)) runScanThread((file) => (file ? readRegistryFile(file) : fs.readFileSync(bundledRegistryPath(), 'utf8')));
else {
  const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all, options);
  startServer(connection, nodeRuntime());
}
