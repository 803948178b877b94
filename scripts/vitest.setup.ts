// Property tests run with one fixed seed, so `npm test` (and CI) is as deterministic as the engine.
// Explore new inputs with KUBESIM_PROPERTY_SEED=random (or any number); fast-check prints the seed
// and path of any counterexample, which replays it.
import fc from 'fast-check';

const seed = process.env.KUBESIM_PROPERTY_SEED ?? '20250101';
if (seed !== 'random') fc.configureGlobal({ seed: Number(seed) });
