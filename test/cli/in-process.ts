/**
 * lineup run in-process through `run(argv, io)`: the code the bin runs, with stdout and stderr
 * captured, and no process started per call.
 */
import { run } from '../../lib/cli/main';

export interface Captured {
  code: number;
  out: string;
  err: string;
}

/** `tty` makes stdout claim a terminal (colour, widths); `env` is the whole environment lineup sees. */
export async function lineup(argv: string[], opts: { tty?: boolean; env?: Record<string, string | undefined> } = {}): Promise<Captured> {
  let out = '';
  let err = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (out += s), isTTY: opts.tty },
    stderr: { write: (s: string) => (err += s) },
    env: opts.env ?? {},
  });
  return { code, out, err };
}
