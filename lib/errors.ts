/**
 * A problem with how lineup was called (missing path, unreadable file, bad flag or settings):
 * the CLI prints its message on one line and exits 2. Malformed manifests are never UsageErrors —
 * they become findings.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
