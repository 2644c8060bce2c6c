/**
 * cdk8s-lineup: typed Service constructs, an offline cluster simulator, and the checks and queries
 * built on it. The CLI (`lineup`) is in ./cli; everything here is for in-process use.
 */
export * from './constructs';
export { validateLineupSettings, type LineupSettings, type LineupNode, type LineupIngressController } from './settings';
export { simulate, type Simulation, type SimulateOptions, type TraceFrom } from './simulate';
export { checkObjects, checkCluster, openCluster, UsageError, type CheckObjectsOptions, type OpenOptions } from './engine';
export { QueryError } from './errors';
export { loadText, loadPaths } from './load/load';
export type { ManifestObject, ManifestSource, LoadResult } from './load/types';
export type { Finding, Severity, SourceLocation, ObjectRef } from './findings';
export type { Cluster, ClusterSettings, SimService, SimPod, SimEndpoints, SimEndpointSlice, SimIngress, SimNode } from './cluster/model';
export { LineupValidation, type LineupValidationProperties } from './plugin/validation-plugin';
export { lineupMatchers, type ToLineUpOptions } from './testing/matchers';
export type { TraceResult, TraceOutcome, TraceHop, TraceDestination, TraceBackendError, TraceOptions } from './views/trace';
export type { DnsResult } from './views/dns';
