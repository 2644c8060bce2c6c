/**
 * The text a document was read from, for positions. Only objects that get a finding are located,
 * so a file's text need not stay in memory with the model (at 50,000 objects the texts were 44 MB
 * of the heap a run keeps). A document of a file on disk is read again, alone, when one of its
 * findings is located, and only from the file that was loaded: same size and modification time,
 * the stamp build tools and git's index trust too. Reading the document's own bytes needs its byte
 * offsets, which are its character offsets when the file is ASCII (manifests nearly always are);
 * any other text, and text that cannot be read again (standard input, text given in code), is kept.
 */
import * as fs from 'node:fs';

export interface SourceText {
  /** Characters `[start, end)` of the text, or undefined when they can no longer be had as loaded. */
  slice(start: number, end: number): string | undefined;
}

/** Text that cannot be read again, kept as loaded. */
export class KeptText implements SourceText {
  constructor(private readonly value: string) {}

  slice(start: number, end: number): string {
    return this.value.slice(start, end);
  }
}

/** What identifies a file's content as loaded, short of keeping the content. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export function stampOf(stat: fs.Stats): FileStamp {
  return { size: stat.size, mtimeMs: stat.mtimeMs };
}

/** An ASCII file on disk (one byte per character), read again a document at a time. */
export class AsciiFile implements SourceText {
  constructor(
    private readonly fsPath: string,
    private readonly stamp: FileStamp,
  ) {}

  slice(start: number, end: number): string | undefined {
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.fsPath, 'r');
      const stat = fs.fstatSync(fd);
      if (stat.size !== this.stamp.size || stat.mtimeMs !== this.stamp.mtimeMs) return undefined;
      const bytes = Buffer.alloc(end - start);
      const read = fs.readSync(fd, bytes, 0, bytes.length, start);
      return read === bytes.length ? bytes.toString('latin1') : undefined;
    } catch {
      // Gone or unreadable since the load: positions fall back to where each object starts.
      return undefined;
    } finally {
      if (fd !== undefined) closeQuietly(fd);
    }
  }
}

/**
 * How positions will get a file's text back: read again when the file is on disk and ASCII (its
 * decoded text as long as its bytes, so no byte order mark either), else kept.
 */
export function sourceText(text: string, byteLength: number, fsPath: string | undefined, stamp: FileStamp | undefined): SourceText {
  return fsPath !== undefined && stamp !== undefined && stamp.size === byteLength && text.length === byteLength ? new AsciiFile(fsPath, stamp) : new KeptText(text);
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // nothing left to do with it
  }
}
