/**
 * Malformed objects never make the build throw: a reader that meets input it did not foresee
 * skips that object (validation rules report it) and the rest is modelled.
 *
 * The function and its arguments are passed, not a closure: a closure per object (and its
 * context) was allocated for each of the tens of thousands of objects.
 */
export function guarded<A extends unknown[], T>(fn: (...args: A) => T, ...args: A): T | undefined {
  try {
    return fn(...args);
  } catch {
    return undefined;
  }
}
