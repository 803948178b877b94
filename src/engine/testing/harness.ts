/**
 * Test helpers: a frozen, fully traced simulation and terse builders for common manifests.
 * Never imported by production code.
 */
import { Simulation, type SimulationOptions } from '../sim/simulation.ts';
import type { Manifest, Pod } from '../api/objects.ts';

export function createTestSim(options: SimulationOptions = {}): Simulation {
  return new Simulation({ freeze: true, trace: 'full', ...options });
}

export function podManifest(name: string, spec: Partial<NonNullable<Pod['spec']>> & { command?: string[]; image?: string } = {}): Manifest {
  const { command, image, ...rest } = spec;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'main', image: image ?? 'busybox:1.36', ...(command ? { command } : {}) }], ...rest },
  };
}

/** A pod whose container runs until stopped (busybox's default `sh` exits at once without a terminal). */
export function longRunningPod(name: string, spec: Parameters<typeof podManifest>[1] = {}): Manifest {
  return podManifest(name, { command: ['sleep', 'infinity'], ...spec });
}

export function getPod(sim: Simulation, name: string, namespace = 'default'): Pod {
  return sim.api.get<Pod>('Pod', namespace, name);
}
