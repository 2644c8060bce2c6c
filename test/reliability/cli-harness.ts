/**
 * Running lineup for the reliability tests: in-process through `run(argv, io)` (fast, same code as
 * the bin) and as a real process of the compiled bin (exit status, memory limits, fatal aborts
 * that would take jest down with them).
 */
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Captured } from '../cli/in-process';

export { lineup, type Captured } from '../cli/in-process';

export const ROOT = path.join(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'build', 'lib', 'cli', 'main.js');

/** Makes sure the compiled bin exists (npm test builds first; a bare jest run may not have). */
export function ensureBuilt(): void {
  if (fs.existsSync(BIN)) return;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', ROOT], { stdio: 'ignore' });
  } catch {
    // tsc exits non-zero on type errors elsewhere but still emits
  }
}

export interface Spawned extends Captured {
  signal: NodeJS.Signals | null;
}

/** The compiled bin as a child process; `nodeArgs` such as --max-old-space-size go before it. */
export function spawnLineup(argv: string[], opts: { nodeArgs?: string[]; timeoutMs?: number; input?: string; stdio?: SpawnSyncOptions['stdio']; env?: Record<string, string> } = {}): Spawned {
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...argv], {
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
    input: opts.input,
    stdio: opts.stdio,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, LINEUP_DEBUG: '', ...(opts.env ?? {}) },
  });
  return { code: r.status ?? -1, out: r.stdout ?? '', err: r.stderr ?? '', signal: r.signal };
}

/** Exit 2, one `lineup: …` line on stderr, no stack trace. */
export function expectOneLineUsageError(r: Captured, contains: string | RegExp): void {
  expect(r.err).toMatch(/^lineup: [^\n]+\n$/);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(contains);
  expectNoStackTrace(r);
}

export function expectNoStackTrace(r: Captured): void {
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(r.err).not.toMatch(/^\s+at /m);
  expect(r.err).not.toContain('FATAL ERROR');
  expect(r.err).not.toContain('internal error');
}
