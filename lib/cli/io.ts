/** What the CLI talks to, so it runs in-process in tests exactly as it does from a shell. */

export interface CliWriter {
  write(text: string): unknown;
  /** Colour is used only on a terminal. */
  isTTY?: boolean;
}

export interface CliIO {
  stdout: CliWriter;
  stderr: CliWriter;
  /** Environment (NO_COLOR, LINEUP_DEBUG); default process.env. */
  env?: Record<string, string | undefined>;
}

/** Exit statuses (docs/cli.md). */
export const EXIT_OK = 0;
/** `check` found findings at or above `--fail-on`. */
export const EXIT_FINDINGS = 1;
/** Usage or I/O problem, unknown object name — and, documented, unexpected internal errors. */
export const EXIT_USAGE = 2;

/**
 * A mistake in how lineup was called, known to the CLI itself: printed as
 * `lineup: <what>; <how to fix>` on one line, exit 2.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The one stderr line for a usage problem. */
export function usageLine(what: string, hint?: string): string {
  const flat = what.replace(/\s*\n\s*/g, ' ').trim();
  return `lineup: ${flat}${hint ? `; ${hint}` : ''}\n`;
}
