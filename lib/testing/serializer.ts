/**
 * The snapshot serializer as a module of its own, for jest's `snapshotSerializers` option, which
 * takes module paths: `snapshotSerializers: ['cdk8s-lineup/testing/serializer']`.
 */
import { lineupSnapshotSerializer } from './snapshot';

export const test = lineupSnapshotSerializer.test;
export const serialize = lineupSnapshotSerializer.serialize;
