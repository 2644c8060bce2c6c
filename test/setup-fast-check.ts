/**
 * Property tests run with a fixed seed so that a run is reproducible and CI cannot fail by luck;
 * LINEUP_PROPERTY_SEED explores elsewhere (and `npm run fuzz` explores at random).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.LINEUP_PROPERTY_SEED ?? 20261123) });
