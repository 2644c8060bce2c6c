/**
 * Reading one input path into bytes, with bounds. Regular files are read whole; anything else a
 * path can name (standard input, a pipe such as `<(kustomize build)`, a device) is read in chunks
 * and refused beyond MAX_STREAM_BYTES, so `/dev/zero` or `/dev/urandom` ends in a one-line usage
 * error instead of exhausting memory. Every failure is a UsageError that says what happened.
 */
import * as fs from 'node:fs';
import { UsageError } from '../errors';
import { stampOf, type FileStamp } from './file-text';

/** More than any manifest stream; JS strings cannot hold much more (~512 MiB) anyway. */
export const MAX_STREAM_BYTES = 256 * 1024 * 1024;

const CHUNK = 1024 * 1024;

/** errno codes people meet, in words (the code stays in the message for searching). */
const ERRNO_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a path component is not a directory',
  ELOOP: 'too many levels of symbolic links (a symlink loop)',
  EIO: 'input/output error',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ENXIO: 'no such device or address',
  ENODEV: 'no such device',
  EINVAL: 'invalid argument (not a readable file)',
  ERR_FS_FILE_TOO_LARGE: 'file is larger than 2 GiB',
};

/** `input/output error (EIO)`, or the error's own first line. */
export function describeIoError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && ERRNO_WORDS[code]) return `${ERRNO_WORDS[code]} (${code})`;
  if (code) return code;
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'unknown error';
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Reads a non-regular file descriptor to its end, refusing more than `limit` bytes. */
function readStream(fd: number, display: string, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(CHUNK);
    let n: number;
    try {
      n = fs.readSync(fd, buf, 0, CHUNK, null);
    } catch (e) {
      // A non-blocking standard input (some CI runners) has nothing yet: wait, as a shell would.
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        sleep(5);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > limit) {
      throw new UsageError(`cannot read ${display}: more than ${Math.round(limit / (1024 * 1024))} MiB without an end (a device such as /dev/zero?); give manifest files`);
    }
    chunks.push(n === CHUNK ? buf : buf.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}

/** What an input path held: its text when it is certainly clean UTF-8, else its bytes to be judged. */
export type Input =
  | { text: string; byteLength: number; stamp: FileStamp }
  | { bytes: Buffer; stamp?: FileStamp };

/**
 * What an input path (`-` = standard input) holds, and for a regular file its stamp (which says
 * whether it can be read again as it was). A regular file is read as UTF-8 text in one native
 * call, as any YAML tool reads it (a quarter faster than reading bytes and decoding them: 18 ms
 * of 9 MB; bench/PROFILE.md, round 13); text with a NUL or a U+FFFD (binary, UTF-16, invalid UTF-8
 * — or a real U+FFFD) is read again as bytes for the loader to tell which. Throws UsageError with a
 * one-line reason.
 */
export function readInput(file: string, display: string, limit = MAX_STREAM_BYTES): Input {
  let fd: number | undefined;
  try {
    fd = file === '-' ? 0 : fs.openSync(file, 'r');
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!stat.isFile()) return { bytes: readStream(fd, display, limit) };
    const stamp = stampOf(stat);
    const text = cleanText(fd);
    return text !== undefined ? { text, byteLength: stat.size, stamp } : { bytes: bytesFromStart(fd, stat.size), stamp };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${display}: ${describeIoError(e)}; check that it is a readable manifest file`);
  } finally {
    if (fd !== undefined && fd !== 0) {
      try {
        fs.closeSync(fd);
      } catch {
        // nothing left to do with it
      }
    }
  }
}

/** The file's text, unless it holds a NUL or a U+FFFD, or is too long for one string (the byte path says so). */
function cleanText(fd: number): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(fd, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG') return undefined;
    throw e;
  }
  return text.includes('\0') || text.includes('\ufffd') ? undefined : text;
}

/** A regular file's bytes from its start, through the descriptor already open (standard input has no path). */
function bytesFromStart(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const n = fs.readSync(fd, bytes, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return bytes.subarray(0, read);
}
