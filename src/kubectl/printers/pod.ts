/**
 * `kubectl get pods` columns (printPod in pkg/printers/internalversion/printers.go, in our words):
 * READY counts ready containers, STATUS follows the reason/init/waiting/terminated precedence,
 * RESTARTS shows `N (age ago)` once a container restarted.
 */
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import { type Pod, humanDuration, parseTime, age } from '../../engine/index.ts';
import { type RowContext, registerTablePrinter, orNone } from './table.ts';

/** The STATUS column of a pod. */
export function podStatus(pod: Pod): string {
  const status = pod.status ?? {};
  let reason = status.reason || status.phase || '';
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  const initSpecs = pod.spec?.initContainers ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    const sidecar = initSpecs.find((s) => s.name === c.name)?.restartPolicy === 'Always';
    const t = c.state?.terminated;
    if (t && t.exitCode === 0) continue;
    if (sidecar && c.started) continue;
    if (t) {
      reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing) {
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      const w = c.state?.waiting;
      const t = c.state?.terminated;
      if (w?.reason) reason = w.reason;
      else if (t?.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
      else if (c.ready && c.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      reason = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp) {
    if (status.reason === 'NodeLost') reason = 'Unknown';
    else if (status.phase !== 'Failed' && status.phase !== 'Succeeded') reason = 'Terminating';
  }
  return reason;
}

function lastTerminationMs(statuses: ContainerStatus[]): number | undefined {
  let latest: number | undefined;
  for (const c of statuses) {
    const t = parseTime(c.lastState?.terminated?.finishedAt);
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  return latest;
}

/** READY and RESTARTS cells. */
export function podReadyAndRestarts(pod: Pod, nowMs: number): { ready: string; restarts: string } {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = (pod.spec?.containers ?? []).length + (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').length;
  let ready = statuses.filter((c) => c.ready).length;
  let restarts = statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0);
  const sidecars = (pod.status?.initContainerStatuses ?? []).filter((c) => pod.spec?.initContainers?.find((s) => s.name === c.name)?.restartPolicy === 'Always');
  ready += sidecars.filter((c) => c.ready).length;
  restarts += sidecars.reduce((n, c) => n + (c.restartCount ?? 0), 0);
  const initializing = (pod.status?.initContainerStatuses ?? []).some((c) => !(c.state?.terminated?.exitCode === 0));
  let lastMs = lastTerminationMs(statuses);
  if (initializing && restarts === 0) {
    const init = pod.status?.initContainerStatuses ?? [];
    restarts = init.reduce((n, c) => n + (c.restartCount ?? 0), 0);
    lastMs = lastTerminationMs(init);
  }
  const restartCell = restarts > 0 && lastMs !== undefined ? `${restarts} (${humanDuration(nowMs - lastMs)} ago)` : String(restarts);
  return { ready: `${ready}/${total}`, restarts: restartCell };
}

registerTablePrinter('Pod', {
  columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  row(obj, ctx: RowContext) {
    const pod = obj as unknown as Pod;
    const { ready, restarts } = podReadyAndRestarts(pod, ctx.nowMs);
    const gates = pod.spec?.readinessGates ?? [];
    const gatesTrue = gates.filter((g) => pod.status?.conditions?.some((c) => c.type === g.conditionType && c.status === 'True')).length;
    return {
      cells: [pod.metadata.name, ready, podStatus(pod), restarts, age(pod.metadata.creationTimestamp, ctx.nowMs)],
      wide: [orNone(pod.status?.podIP), orNone(pod.spec?.nodeName), orNone(pod.status?.nominatedNodeName), gates.length > 0 ? `${gatesTrue}/${gates.length}` : '<none>'],
    };
  },
});
