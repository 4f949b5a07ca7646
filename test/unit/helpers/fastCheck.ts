import * as fc from 'fast-check';

/**
 * Property tests run from one fixed seed, so a run on CI checks exactly what
 * passed here and a failure can be replayed. Explore other inputs with
 * FC_SEED=<n> npm run test:unit (a failure prints its seed and path).
 */
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261204), numRuns: 300 });
