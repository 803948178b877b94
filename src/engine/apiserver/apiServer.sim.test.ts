/**
 * Bad input never breaks the engine: random manifests (valid bases with fields replaced by odd
 * values, see testing/manifestArb.ts) are created, updated and patched; each write either succeeds
 * or fails with a StatusError, a rejected write leaves the store exactly as it was, and the
 * controllers settle afterwards with every invariant intact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../api/objects.ts';
import { BASES, mutatedManifestArb } from '../testing/manifestArb.ts';
import { createTestSim } from '../testing/harness.ts';
import { InvariantChecker, formatViolations } from '../invariants/invariants.ts';
import type { Simulation } from '../sim/simulation.ts';
import { StatusError } from './errors.ts';

const RUNS = Number(process.env.KUBESIM_PROPERTY_RUNS ?? 150);

/** Run a write; it must succeed or throw a StatusError that left no trace in the store. */
function attempt(sim: Simulation, write: () => unknown): StatusError | undefined {
  const rv = sim.store.resourceVersion;
  const writes = sim.trace.writes;
  try {
    write();
    return undefined;
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    expect(sim.store.resourceVersion).toBe(rv);
    expect(sim.trace.writes).toBe(writes);
    expect(e.kubectlMessage.length).toBeGreaterThan(0);
    return e;
  }
}

function settleAndCheck(sim: Simulation, checker: InvariantChecker): void {
  sim.advance(30_000);
  const violations = checker.check();
  expect(formatViolations(violations)).toBe('');
  expect(sim.controllerErrors.map((e) => `${e.controller} ${e.key}: ${e.message}`)).toEqual([]);
}

describe.each(Object.keys(BASES))('bad %s manifests', (kind) => {
  it('are created or rejected cleanly', () => {
    fc.assert(
      fc.property(mutatedManifestArb(kind), (manifest: Manifest) => {
        const sim = createTestSim({ seed: 5 });
        const checker = new InvariantChecker(sim);
        attempt(sim, () => sim.api.create(manifest));
        settleAndCheck(sim, checker);
      }),
      { numRuns: RUNS },
    );
  });

  it('are updated, patched and deleted or rejected cleanly', () => {
    fc.assert(
      fc.property(mutatedManifestArb(kind), (manifest: Manifest) => {
        const sim = createTestSim({ seed: 6 });
        const checker = new InvariantChecker(sim);
        const base = sim.api.create(BASES[kind]!);
        sim.settle();
        const ns = base.metadata.namespace;
        const current = sim.api.get(kind, ns, base.metadata.name);
        attempt(sim, () => sim.api.update({ ...manifest, metadata: { ...manifest.metadata, name: base.metadata.name, resourceVersion: current.metadata.resourceVersion } } as never));
        sim.settle();
        attempt(sim, () => sim.api.patch(kind, ns, base.metadata.name, 'merge', { ...manifest, metadata: { labels: manifest.metadata?.labels ?? null } }));
        sim.settle();
        attempt(sim, () => sim.api.patch(kind, ns, base.metadata.name, 'strategic', manifest));
        sim.settle();
        attempt(sim, () => sim.api.delete(kind, ns, base.metadata.name));
        settleAndCheck(sim, checker);
      }),
      { numRuns: RUNS },
    );
  });
});
