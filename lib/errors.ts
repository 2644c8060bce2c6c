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

/**
 * A question that cannot be answered as asked: it names a pod, node, Service, container or kind the
 * simulated cluster does not hold, or is not well formed. `message` says what, `hint` how to ask
 * instead; the CLI prints both on one line and exits 2, `simulate()` and the matchers pass it on.
 */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}
