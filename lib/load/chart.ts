/**
 * Loading from a cdk8s Chart or App in-process: every ApiObject's manifest with its construct path
 * and a way to its origin in the app's source.
 * Duck-typed, so that the engine needs no cdk8s import (cdk8s is a peer dependency).
 */
import { constructOrigin, relativeOrigin } from './construct-origins';
import type { OriginLookup } from './types';

interface ConstructLike {
  node: { path: string; findAll(): unknown[] };
}

interface ApiObjectLike extends ConstructLike {
  apiVersion: string;
  kind: string;
  toJson(): unknown;
}

function isConstruct(x: unknown): x is ConstructLike {
  return typeof x === 'object' && x !== null && typeof (x as ConstructLike).node?.findAll === 'function';
}

function isApp(x: unknown): x is { charts: unknown[] } {
  return typeof x === 'object' && x !== null && Array.isArray((x as { charts?: unknown }).charts);
}

function isApiObject(x: unknown): x is ApiObjectLike {
  return isConstruct(x) && typeof (x as ApiObjectLike).toJson === 'function' && typeof (x as ApiObjectLike).kind === 'string' && typeof (x as ApiObjectLike).apiVersion === 'string';
}

/** The origin lookup of one construct (see construct-origins.ts). */
export function originLookup(construct: unknown): OriginLookup {
  return () => {
    const origin = constructOrigin(construct);
    return origin ? relativeOrigin(origin) : undefined;
  };
}

/**
 * The manifests of a Chart (or of every chart of an App), in construct order, with construct paths
 * and origin lookups.
 */
export function manifestsOf(input: unknown): { docs: unknown[]; constructPaths: (string | undefined)[]; origins: OriginLookup[] } {
  const docs: unknown[] = [];
  const constructPaths: (string | undefined)[] = [];
  const origins: OriginLookup[] = [];
  const charts = isApp(input) ? input.charts : [input];
  for (const chart of charts) {
    if (!isConstruct(chart)) throw new TypeError('expected a cdk8s Chart or App');
    for (const o of chart.node.findAll().filter(isApiObject)) {
      docs.push(o.toJson());
      constructPaths.push(o.node.path);
      origins.push(originLookup(o));
    }
  }
  return { docs, constructPaths, origins };
}
