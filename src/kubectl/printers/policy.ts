/**
 * `kubectl get pdb` (printPodDisruptionBudget) and `kubectl describe pdb`
 * (PodDisruptionBudgetDescriber), in our words.
 */
import { type KubeObject, type PodDisruptionBudget, age, formatLabelSelector } from '../../engine/index.ts';
import { registerTablePrinter } from './table.ts';
import { type DescribeContext, DescribeWriter, LEVEL_0, LEVEL_2, eventsFor, registerDescriber, writeEvents } from './describe.ts';

registerTablePrinter('PodDisruptionBudget', {
  columns: ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
  row(obj, ctx) {
    const pdb = obj as unknown as PodDisruptionBudget;
    const { minAvailable, maxUnavailable } = pdb.spec ?? {};
    return {
      cells: [pdb.metadata.name, minAvailable !== undefined ? String(minAvailable) : 'N/A', maxUnavailable !== undefined ? String(maxUnavailable) : 'N/A', String(pdb.status?.disruptionsAllowed ?? 0), age(pdb.metadata.creationTimestamp, ctx.nowMs)],
    };
  },
});

function describePodDisruptionBudget(obj: KubeObject, ctx: DescribeContext): string {
  const pdb = obj as unknown as PodDisruptionBudget;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`);
  if (pdb.spec?.minAvailable !== undefined) w.write(LEVEL_0, `Min available:\t${String(pdb.spec.minAvailable)}\n`);
  else if (pdb.spec?.maxUnavailable !== undefined) w.write(LEVEL_0, `Max unavailable:\t${String(pdb.spec.maxUnavailable)}\n`);
  w.write(LEVEL_0, `Selector:\t${pdb.spec?.selector ? formatLabelSelector(pdb.spec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, 'Status:\n');
  const s = pdb.status;
  w.write(LEVEL_2, `Allowed disruptions:\t${s?.disruptionsAllowed ?? 0}\n`);
  w.write(LEVEL_2, `Current:\t${s?.currentHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Desired:\t${s?.desiredHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Total:\t${s?.expectedPods ?? 0}\n`);
  if (ctx.showEvents) writeEvents(w, eventsFor(ctx.client, obj), ctx.nowMs);
  return w.toString();
}

registerDescriber('PodDisruptionBudget', describePodDisruptionBudget);
