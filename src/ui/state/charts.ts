/**
 * Time series over virtual time for the charts panel: pods by phase, job completions, pods per
 * node. Sampled from the cluster mirror after frames, at most a few times per real second and
 * only when virtual time moved, in a bounded ring so long runs stay cheap.
 */
import { create } from 'zustand';
import { useClusterStore } from './cluster.ts';

export const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed'] as const;
const MAX_SAMPLES = 720;
const MIN_WALL_GAP_MS = 250;

export interface ChartSeries {
  /** Virtual seconds since the cluster started. */
  t: number[];
  phases: Record<(typeof PHASES)[number], number[]>;
  jobCompletions: number[];
  /** Pod count per node name (aligned with t; 0 before a node existed). */
  perNode: Record<string, number[]>;
  version: number;
}

const empty = (): ChartSeries => ({ t: [], phases: { Pending: [], Running: [], Succeeded: [], Failed: [] }, jobCompletions: [], perNode: {}, version: 0 });

export const useChartStore = create<ChartSeries>()(() => empty());

let lastWallMs = -Infinity;
let lastSimMs = -1;

/** Called after every frame; `restart` after a reset. */
export function recordSample(restart: boolean): void {
  const s = useClusterStore.getState();
  if (restart) {
    useChartStore.setState(empty());
    lastSimMs = -1;
    lastWallMs = -Infinity;
  }
  const wall = performance.now();
  if (!restart && (s.simNowMs === lastSimMs || wall - lastWallMs < MIN_WALL_GAP_MS)) return;
  lastWallMs = wall;
  lastSimMs = s.simNowMs;
  const phases = { Pending: 0, Running: 0, Succeeded: 0, Failed: 0 };
  const perNode: Record<string, number> = {};
  for (const uid of s.ids.Pod ?? []) {
    const r = s.records.get(uid);
    if (r?.summary.kind !== 'Pod') continue;
    const phase = r.summary.phase as keyof typeof phases;
    if (phase in phases) phases[phase]++;
    if (r.summary.nodeName && phase !== 'Succeeded' && phase !== 'Failed') perNode[r.summary.nodeName] = (perNode[r.summary.nodeName] ?? 0) + 1;
  }
  let completions = 0;
  for (const uid of s.ids.Job ?? []) {
    const r = s.records.get(uid);
    if (r?.summary.kind === 'Job') completions += r.summary.succeeded;
  }
  for (const uid of s.ids.Node ?? []) perNode[s.records.get(uid)!.name] ??= 0;

  const prev = useChartStore.getState();
  const drop = prev.t.length >= MAX_SAMPLES ? 1 : 0;
  const push = (arr: number[], v: number) => [...arr.slice(drop), v];
  const nodeSeries: Record<string, number[]> = {};
  for (const [name, count] of Object.entries(perNode)) nodeSeries[name] = push(prev.perNode[name] ?? new Array<number>(prev.t.length).fill(0), count);
  useChartStore.setState({
    t: push(prev.t, (s.simNowMs - s.clock.startMs) / 1000),
    phases: { Pending: push(prev.phases.Pending, phases.Pending), Running: push(prev.phases.Running, phases.Running), Succeeded: push(prev.phases.Succeeded, phases.Succeeded), Failed: push(prev.phases.Failed, phases.Failed) },
    jobCompletions: push(prev.jobCompletions, completions),
    perNode: nodeSeries,
    version: prev.version + 1,
  });
}
