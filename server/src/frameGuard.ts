import { Transform, type TransformCallback } from 'node:stream';

/**
 * Watches the LSP framing on the server's input before the library's reader sees it. The reader waits
 * for as many body bytes as a header declares and keeps every byte of a header it has not finished:
 * a declared length of 2 GB, or an endless header, left the server buffering and answering nothing
 * without exiting. Past these bounds the guard reports the fault and the server exits, so that the
 * client notices and restarts it. Bytes pass through unchanged; the guard only counts them.
 */

/**
 * The largest message accepted. VS Code syncs documents up to 50 MB, and JSON escaping can double that
 * (a document of quotes or backslashes); no legitimate message comes near this.
 */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** A header block is a few dozen bytes. */
export const MAX_HEADER_BYTES = 8 * 1024;

const CRLFCRLF = Buffer.from('\r\n\r\n', 'ascii');

export class FrameGuard extends Transform {
  /** Body bytes still to pass before the next header starts; -1 while reading a header. */
  private bodyLeft = -1;
  private header: Buffer[] = [];
  private headerBytes = 0;

  constructor(private readonly onFault: (message: string) => void, private readonly maxMessage = MAX_MESSAGE_BYTES) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.bodyLeft >= 0) {
        const n = Math.min(this.bodyLeft, chunk.length - at);
        this.bodyLeft -= n;
        at += n;
        if (this.bodyLeft === 0) this.bodyLeft = -1;
        continue;
      }
      // In a header: look for its end, which may straddle chunks (keep at most the last 3 bytes' context).
      const rest = chunk.subarray(at);
      const joined = this.header.length ? Buffer.concat([...this.header, rest]) : rest;
      const end = joined.indexOf(CRLFCRLF);
      if (end < 0) {
        this.headerBytes += rest.length;
        if (this.headerBytes > MAX_HEADER_BYTES) return this.fault(`a message header longer than ${MAX_HEADER_BYTES} bytes`, done);
        this.header = [joined];
        break;
      }
      const headerText = joined.subarray(0, end).toString('ascii');
      const consumed = end + 4 - (joined.length - rest.length);
      this.header = [];
      this.headerBytes = 0;
      const m = /(?:^|\r\n)content-length:\s*(\d+)\s*(?:\r\n|$)/i.exec(headerText);
      // A header without a usable length is the reader's to report (it ends the process too).
      const length = m ? Number(m[1]) : 0;
      if (length > this.maxMessage) return this.fault(`a message of ${length} bytes, more than the ${this.maxMessage}-byte limit`, done);
      if (end + 4 > MAX_HEADER_BYTES) return this.fault(`a message header longer than ${MAX_HEADER_BYTES} bytes`, done);
      at += consumed;
      this.bodyLeft = length > 0 ? length : -1;
    }
    done(null, chunk);
  }

  private fault(what: string, done: TransformCallback): void {
    this.onFault(`the client sent ${what}`);
    done();
  }
}
