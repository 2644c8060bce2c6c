/**
 * `cdk8s-lineup/testing`: jest helpers. Importing this module (e.g. from a `setupFilesAfterEnv`
 * file) registers the matchers `toLineUp`, `toRoute` and `toResolve` on jest's global `expect`.
 */
import { lineupMatchers } from './matchers';

export { lineupMatchers, formatFinding, manifestsOf } from './matchers';
export type { SimulationOptions, ToLineUpOptions, ToRouteExpectation, ToResolveExpectation } from './matchers';
export { routeOf, resolveOf, matchesPattern } from './questions';
export type { RouteAnswer, RouteDestination, RouteQuery, ResolveQuery, Pattern } from './questions';
export { stableText, stableValue, stableManifests, createSnapshotSerializer, lineupSnapshotSerializer, defaultRoots } from './snapshot';
export type { StableOptions, Root, SnapshotSerializer } from './snapshot';

const globalExpect = (globalThis as { expect?: { extend?: (m: object) => void } }).expect;
if (globalExpect && typeof globalExpect.extend === 'function') globalExpect.extend(lineupMatchers);
