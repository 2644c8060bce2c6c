/**
 * `cdk8s-lineup/testing`: jest helpers. Importing this module (e.g. from a `setupFilesAfterEnv`
 * file) registers the matchers `toLineUp`, `toRoute`, `toResolve` and `toReach` on jest's global `expect`.
 */
import { lineupMatchers } from './matchers';

export { lineupMatchers, formatFinding, manifestsOf } from './matchers';
export type { SimulationOptions, ToLineUpOptions, ToRouteExpectation, ToResolveExpectation, ToReachExpectation } from './matchers';
export { routeOf, resolveOf, reachOf, matchesPattern } from './questions';
export type { RouteAnswer, RouteDestination, RouteQuery, ResolveQuery, ConnectAnswer, ConnectQuery, Connection, Pattern } from './questions';
export { stableText, stableValue, stableManifests, createSnapshotSerializer, lineupSnapshotSerializer, defaultRoots } from './snapshot';
export type { StableOptions, Root, SnapshotSerializer } from './snapshot';

const globalExpect = (globalThis as { expect?: { extend?: (m: object) => void } }).expect;
if (globalExpect && typeof globalExpect.extend === 'function') globalExpect.extend(lineupMatchers);
