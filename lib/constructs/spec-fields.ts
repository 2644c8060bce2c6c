/**
 * Writing the fields of a manifest section that a construct renders at synth (kept out of the
 * package's exports). A field the user left unset is not written at all: cdk8s leaves it out of
 * the output either way, but only after resolving it like any other value, which is most of the
 * work of rendering a small object, and a checked synth renders every object twice
 * (bench/PROFILE.md, round 12).
 */

/** Sets `target[key]` to `value` unless the value is unset. */
export function setDefined(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}
