import fc from 'fast-check';

// Property tests draw new cases on every local run, to keep finding edge cases. In CI (CI=true) they
// draw from one fixed seed, so a red CI is reproducible and never bad luck. To replay a failure that
// fast-check reported, run with FC_SEED=<its seed>.
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261128' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
