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
  /**
   * Characters `[start, end)` of the text, or undefined when they can no longer be had as loaded.
   * `files`: where files read again stay open while many documents are read in a row.
   */
  slice(start: number, end: number, files?: OpenFiles): string | undefined;
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

/** The stamp of a file's `fs.Stats` (typed by the two fields, so that the declarations name no Node type). */
export function stampOf(stat: FileStamp): FileStamp {
  return { size: stat.size, mtimeMs: stat.mtimeMs };
}

/** An ASCII file on disk (one byte per character), read again a document at a time. */
export class AsciiFile implements SourceText {
  constructor(
    private readonly fsPath: string,
    private readonly stamp: FileStamp,
  ) {}

  slice(start: number, end: number, files?: OpenFiles): string | undefined {
    if (files !== undefined) return files.read(this, start, end);
    // Alone: the same reading, with the file open for this one document.
    const alone = new OpenFiles();
    try {
      return alone.read(this, start, end);
    } finally {
      alone.close();
    }
  }

  /** The file opened, if it is still the one that was loaded (same size and modification time). */
  open(): number | undefined {
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.fsPath, 'r');
      const stat = fs.fstatSync(fd);
      if (stat.size === this.stamp.size && stat.mtimeMs === this.stamp.mtimeMs) return fd;
    } catch {
      // Gone or unreadable since the load: positions fall back to where each object starts.
    }
    if (fd !== undefined) closeQuietly(fd);
    return undefined;
  }
}

/** Bytes `[start, end)` of an open ASCII file as text; undefined when it is shorter now. */
function readRange(fd: number, start: number, end: number): string | undefined {
  try {
    const bytes = Buffer.alloc(end - start);
    const read = fs.readSync(fd, bytes, 0, bytes.length, start);
    return read === bytes.length ? bytes.toString('latin1') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file being read while the documents of many findings are read again one after another: it is
 * opened, and its stamp checked, once for all the documents read from it in a row, not once per
 * document (opening, checking and closing were ≈ 18 of the 24 ms that reading 759 findings'
 * documents took at 10,000 objects; bench/PROFILE.md, round 13). One file at a time: read in file
 * order, that is one opening per file, and in any order no more than reading each alone. The
 * caller closes it when done.
 */
export class OpenFiles {
  private file: AsciiFile | undefined;
  /** The open file, or undefined when it changed since the load or cannot be read. */
  private fd: number | undefined;

  read(file: AsciiFile, start: number, end: number): string | undefined {
    if (file !== this.file) {
      this.close();
      this.file = file;
      this.fd = file.open();
    }
    return this.fd === undefined ? undefined : readRange(this.fd, start, end);
  }

  close(): void {
    if (this.fd !== undefined) closeQuietly(this.fd);
    this.file = undefined;
    this.fd = undefined;
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
