/**
 * The settings of the simulated cluster, as the library's users write them: the type, and the one
 * validator every entry point uses (here for callers that want the error before anything runs).
 */
import { resolveSettings, settingsErrorLine, type LineupIngressController, type LineupNode, type LineupSettings } from './cluster/settings';
import { UsageError } from './errors';

export type { LineupIngressController, LineupNode, LineupSettings };

/**
 * The problems of `value` as settings, one line each with its field path (`nodes[1].ip: …`); empty
 * when it is valid.
 */
export function validateLineupSettings(value: unknown): string[] {
  return resolveSettings(value).errors;
}

/** Throws a UsageError, one line naming `where` and the field path, when `value` is not valid settings. */
export function assertLineupSettings(value: unknown, where: string): void {
  const errors = validateLineupSettings(value);
  if (errors.length > 0) throw new UsageError(settingsErrorLine(where, errors));
}
