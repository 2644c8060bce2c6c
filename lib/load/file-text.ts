/**
 * The text a document was read from, for positions. Only objects that get a finding are located,
 * and they are located after the rules have run, file by file; so a file's text need not stay in
 * memory with the model (at 50,000 objects the texts were 44 MB of a 280 MB run). A file on disk is
 * read again when its findings are located, and is trusted only if it is still the file that was
 * loaded: same size and modification time, the stamp build tools and git's index trust too. Text
 * that cannot be read again (standard input, text given in code) is kept.
 */
import * as fs from 'node:fs';

export interface SourceText {
  /** The whole text, or undefined when it can no longer be had as it was loaded (the file changed). */
  text(): string | undefined;
}

/** Text that cannot be read again, kept as loaded. */
export class KeptText implements SourceText {
  constructor(private readonly value: string) {}

  text(): string {
    return this.value;
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

/**
 * The one most recently re-read file of a load, shared by its files: findings are located grouped
 * by file, so one file's text is read once for all of its findings, and only one text is alive at
 * a time.
 */
export class RecentFileText {
  private file: FileText | undefined;
  private value: string | undefined;

  /** Makes `text` the recent one: the load's own positions (List items) use the text it has in hand. */
  hold(file: FileText, text: string): void {
    this.file = file;
    this.value = text;
  }

  get(file: FileText, read: () => string | undefined): string | undefined {
    if (this.file !== file) {
      this.value = read();
      this.file = file;
    }
    return this.value;
  }
}

/** A file on disk, read again when its text is asked. */
export class FileText implements SourceText {
  constructor(
    private readonly fsPath: string,
    private readonly stamp: FileStamp,
    /** Decodes the bytes as the load did (UTF-8, byte order mark dropped); undefined when they no longer decode. */
    private readonly decode: (bytes: Buffer) => string | undefined,
    private readonly recent: RecentFileText,
  ) {}

  text(): string | undefined {
    return this.recent.get(this, () => this.reread());
  }

  private reread(): string | undefined {
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.fsPath, 'r');
      const stat = fs.fstatSync(fd);
      if (stat.size !== this.stamp.size || stat.mtimeMs !== this.stamp.mtimeMs) return undefined;
      return this.decode(fs.readFileSync(fd));
    } catch {
      // Gone or unreadable since the load: positions fall back to where each object starts.
      return undefined;
    } finally {
      if (fd !== undefined) closeQuietly(fd);
    }
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // nothing left to do with it
  }
}
