/**
 * A `ClusterView` over a live Simulation: what the worker evaluates lesson checks with (it holds
 * the real objects; the UI's mirror holds display summaries), and what the headless runner uses.
 * Objects are returned as stored; checks only read them.
 */
import type { Simulation } from '../../engine/index.ts';
import type { ClusterObject, ClusterView } from './lesson.ts';

export function simulationView(sim: () => Simulation, history?: () => readonly string[]): ClusterView {
  const list = (kind: string) => sim().api.list(kind) as unknown as ClusterObject[];
  return {
    objects: list,
    events: () => list('Event'),
    logs: (namespace, pod, container, previous = false) => {
      const spec = (sim().api.tryGet('Pod', namespace, pod) as { spec?: { containers?: { name: string }[] } } | undefined)?.spec;
      const name = container ?? spec?.containers?.[0]?.name;
      if (name === undefined) return undefined;
      return sim().kubelets.logs(namespace, pod, name, previous)?.map((l) => l.text);
    },
    ...(history ? { history } : {}),
  };
}
