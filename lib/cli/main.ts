#!/usr/bin/env node
/**
 * Entry point of the `lineup` bin. `run(argv, io)` is the whole CLI as a function (tests call it
 * in-process); only the bottom of this file touches the real process.
 *
 * Every failure ends in an exit status and one stderr line, never a stack trace:
 * usage and I/O problems print `lineup: <what>; <how to fix>` and exit 2. Unexpected internal
 * errors also exit 2 (there is no separate status for them) with `lineup: internal error: …`;
 * set LINEUP_DEBUG=1 to get the stack as well.
 */
import { CommanderError } from 'commander';
import { QueryError } from '../errors';
import { CliError, EXIT_OK, EXIT_USAGE, usageLine, type CliIO } from './io';
import { buildProgram } from './program';

export { type CliIO } from './io';

export async function run(argv: string[], io: CliIO): Promise<number> {
  let status = EXIT_OK;
  let command = '';
  try {
    const program = buildProgram(io, () => (require('../report/version') as typeof import('../report/version')).toolVersion(), (action) => {
      status = action();
    });
    const first = argv.find((a) => !a.startsWith('-')) ?? '';
    command = program.commands.some((c) => c.name() === first) ? first : '';
    if (argv.length === 0) {
      const names = program.commands.map((c) => c.name()).join(', ');
      io.stderr.write(usageLine('no command given', `run 'lineup --help' (commands: ${names})`));
      return EXIT_USAGE;
    }
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (err) {
    return report(err, command, io);
  }
}

function report(err: unknown, command: string, io: CliIO): number {
  const help = command ? `run 'lineup ${command} --help'` : "run 'lineup --help'";
  if (err instanceof CommanderError) {
    // --help and --version end parsing "successfully".
    if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
    const [head, ...rest] = err.message.replace(/^error: /, '').split('\n');
    const first = (head ?? '').replace(/\.$/, '');
    const suggestion = rest.map((l) => l.trim()).find((l) => l.startsWith('(Did you mean'));
    io.stderr.write(usageLine(`${first}${suggestion ? ` ${suggestion}` : ''}`, help));
    return EXIT_USAGE;
  }
  // A flag the CLI rejects, or a question naming something the simulated cluster does not hold.
  if (err instanceof CliError || err instanceof QueryError) {
    io.stderr.write(usageLine(err.message, err.hint));
    return EXIT_USAGE;
  }
  if (err instanceof Error && err.name === 'UsageError') {
    // The default input is the cdk8s synth directory; say how to make it rather than only that it is missing.
    const hint = err.message === 'no such file or directory: dist' ? "run 'cdk8s synth' first, or give manifest paths" : err.message.includes(';') ? undefined : help;
    io.stderr.write(usageLine(err.message, hint));
    return EXIT_USAGE;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(usageLine(`internal error: ${message}`, 'please report it with the input that caused it (LINEUP_DEBUG=1 shows the stack)'));
  const env = io.env ?? process.env;
  if (env.LINEUP_DEBUG && err instanceof Error && err.stack) io.stderr.write(err.stack + '\n');
  return EXIT_USAGE;
}

/**
 * A reader that stops early (`lineup get … | head`) closes the pipe: the rest of the output has
 * nowhere to go. Stop quietly, as command-line tools do, instead of dying on an unhandled EPIPE
 * with a stack trace. Any other write failure (a full disk) ends with exit status 2.
 */
export function stopOnWriteError(stream: NodeJS.WritableStream, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK);
      return;
    }
    if (stream !== process.stderr) process.stderr.write(usageLine(`cannot write the output: ${err.code ?? err.message}`, 'check where the output goes (disk space, permissions)'));
    exit(EXIT_USAGE);
  });
}

if (require.main === module) {
  stopOnWriteError(process.stdout);
  stopOnWriteError(process.stderr);
  // Once nothing is left to do (every write has drained), end the process without freeing the
  // model's heap object by object first, which nothing needs: 17 ms of a 10,000-object check
  // (bench/PROFILE.md, round 14). The status is process.exitCode, as set below.
  process.once('beforeExit', () => process.exit());
  run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      // exitCode, not exit(): let large outputs to a pipe drain first.
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT_USAGE;
    },
  );
}
