import fs from 'node:fs';

/**
 * Reads files from a repository the way a hostile one cannot abuse: only regular files, never through a
 * symbolic link at the last step (a committed `.gitignore -> /dev/zero` or `-> /dev/stdin`), never a
 * FIFO or a device (opened without blocking, then refused), and never more than a given number of bytes.
 */

/** Why a file was not read. */
export type Refusal = 'missing' | 'not a regular file' | 'too large' | 'unreadable';

export type RegularRead =
  | { ok: true; text: string; size: number; truncated: boolean }
  | { ok: false; reason: Refusal; size?: number };

// O_NOFOLLOW makes opening a symbolic link fail; O_NONBLOCK keeps opening a FIFO from waiting for a writer.
// Neither exists on Windows, where lstat below refuses links instead.
const FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

function open(file: string): Promise<number> {
  return new Promise((resolve, reject) => fs.open(file, FLAGS, (e, fd) => (e ? reject(e) : resolve(fd))));
}

function fstat(fd: number): Promise<fs.Stats> {
  return new Promise((resolve, reject) => fs.fstat(fd, (e, st) => (e ? reject(e) : resolve(st))));
}

function read(fd: number, buf: Buffer, at: number): Promise<number> {
  return new Promise((resolve, reject) => fs.read(fd, buf, at, buf.length - at, at, (e, n) => (e ? reject(e) : resolve(n))));
}

function lstat(file: string): Promise<fs.Stats> {
  return new Promise((resolve, reject) => fs.lstat(file, (e, st) => (e ? reject(e) : resolve(st))));
}

/**
 * Reads a regular file as UTF-8. With `cut`, a file over `maxBytes` gives its first `maxBytes` bytes
 * (`truncated` set); without, it is refused as too large. The size is checked on the open file itself,
 * so a file swapped for a device between a listing and the read is still refused.
 */
export async function readRegularFile(file: string, maxBytes: number, cut = false): Promise<RegularRead> {
  let fd: number;
  try {
    if (process.platform === 'win32' && (await lstat(file)).isSymbolicLink()) return { ok: false, reason: 'not a regular file' };
    fd = await open(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing' };
    if (code === 'ELOOP' || code === 'EMLINK') return { ok: false, reason: 'not a regular file' };
    return { ok: false, reason: 'unreadable' };
  }
  try {
    const st = await fstat(fd);
    if (!st.isFile()) return { ok: false, reason: 'not a regular file' };
    if (st.size > maxBytes && !cut) return { ok: false, reason: 'too large', size: st.size };
    // Reads at most the bound (plus one byte to notice a file that grew after fstat).
    const limit = Math.min(st.size, maxBytes);
    const buf = Buffer.allocUnsafe(limit + 1);
    let got = 0;
    for (let n = -1; got < buf.length && n !== 0; got += n) n = await read(fd, buf, got);
    if (got > maxBytes && !cut) return { ok: false, reason: 'too large', size: got };
    const truncated = got > maxBytes || st.size > maxBytes;
    return { ok: true, text: buf.toString('utf8', 0, Math.min(got, maxBytes)), size: st.size, truncated };
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    fs.close(fd, () => undefined);
  }
}

/** A symbolic link's target or a regular file's path, without following links: true for a regular file only. */
export async function isRegularFile(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isFile();
  } catch {
    return false;
  }
}
