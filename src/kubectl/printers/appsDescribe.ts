/**
 * `kubectl describe` for Deployment, ReplicaSet and DaemonSet (DeploymentDescriber,
 * ReplicaSetDescriber, DaemonSetDescriber in staging/src/k8s.io/kubectl/pkg/describe/describe.go,
 * in our words), including the Pods Status line, conditions, the Deployment's old and new
 * ReplicaSets, and events.
 */
import {
  type DaemonSet,
  type Deployment,
  type KubeObject,
  type Pod,
  type ReplicaSet,
  apps,
  controllerRef,
  formatDescribeTime,
  formatLabelSelector,
  formatLabels,
  parseTime,
} from '../../engine/index.ts';
import type { KubeClient } from '../client.ts';
import { type DescribeContext, DescribeWriter, LEVEL_0, LEVEL_1, eventsFor, registerDescriber, writeAnnotations, writeEvents, writeLabels } from './describe.ts';
import { writePodTemplate } from './describePod.ts';

/** getPodStatusForController: phases of the pods `owner` controls. */
export function podsStatusLine(client: KubeClient, owner: KubeObject): string {
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const pod of client.list<Pod>('Pod', { namespace: owner.metadata.namespace ?? 'default' })) {
    if (controllerRef(pod)?.uid !== owner.metadata.uid) continue;
    const phase = pod.status?.phase;
    if (phase === 'Running') running++;
    else if (phase === 'Pending') waiting++;
    else if (phase === 'Succeeded') succeeded++;
    else if (phase === 'Failed') failed++;
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}

function writeConditions(w: DescribeWriter, conditions: readonly { type: string; status: string; reason?: string }[] | undefined): void {
  if (!conditions || conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

/** The ReplicaSets a Deployment controls, split as kubectl's deployment util does (old ones: those with replicas). */
export function deploymentReplicaSets(client: KubeClient, d: Deployment): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[]; allOld: ReplicaSet[] } {
  const owned = client.list<ReplicaSet>('ReplicaSet', { namespace: d.metadata.namespace ?? 'default' }).filter((rs) => controllerRef(rs)?.uid === d.metadata.uid);
  const newRS = apps.findNewReplicaSet(d, owned);
  const allOld = owned.filter((rs) => rs !== newRS);
  return { newRS, oldRSs: allOld.filter((rs) => (rs.spec?.replicas ?? 0) !== 0), allOld };
}

const replicaSetsLine = (list: readonly ReplicaSet[]): string => list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>';

function describeDeployment(obj: KubeObject, ctx: DescribeContext): string {
  const d = obj as unknown as Deployment;
  const s = d.status ?? {};
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatDescribeTime(parseTime(d.metadata.creationTimestamp) ?? 0)}\n`);
  writeLabels(w, 'Labels', d.metadata.labels);
  writeAnnotations(w, 'Annotations', d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(d.spec?.selector)}\n`);
  w.write(LEVEL_0, `Replicas:\t${d.spec?.replicas ?? 0} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`);
  w.write(LEVEL_0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
  const ru = d.spec?.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${String(ru.maxUnavailable ?? '')} max unavailable, ${String(ru.maxSurge ?? '')} max surge\n`);
  writePodTemplate(w, d.spec?.template);
  writeConditions(w, s.conditions);
  const { newRS, oldRSs } = deploymentReplicaSets(ctx.client, d);
  w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsLine(oldRSs)}\n`);
  w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsLine(newRS ? [newRS] : [])}\n`);
  if (ctx.showEvents) writeEvents(w, eventsFor(ctx.client, obj), ctx.nowMs);
  return w.toString();
}

function describeReplicaSet(obj: KubeObject, ctx: DescribeContext): string {
  const rs = obj as unknown as ReplicaSet;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  writeLabels(w, 'Labels', rs.metadata.labels);
  writeAnnotations(w, 'Annotations', rs.metadata.annotations);
  const ref = controllerRef(rs);
  if (ref) w.write(LEVEL_0, `Controlled By:\t${ref.kind}/${ref.name}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(ctx.client, obj)}\n`);
  writePodTemplate(w, rs.spec?.template);
  writeConditions(w, rs.status?.conditions);
  if (ctx.showEvents) writeEvents(w, eventsFor(ctx.client, obj), ctx.nowMs);
  return w.toString();
}

function describeDaemonSet(obj: KubeObject, ctx: DescribeContext): string {
  const ds = obj as unknown as DaemonSet;
  const s = ds.status;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ds.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(ds.spec?.selector)}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  writeLabels(w, 'Labels', ds.metadata.labels);
  writeAnnotations(w, 'Annotations', ds.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${s?.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${s?.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${s?.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${s?.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${s?.numberMisscheduled ?? 0}\n`);
  w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(ctx.client, obj)}\n`);
  writePodTemplate(w, ds.spec?.template);
  if (ctx.showEvents) writeEvents(w, eventsFor(ctx.client, obj), ctx.nowMs);
  return w.toString();
}

registerDescriber('Deployment', describeDeployment);
registerDescriber('ReplicaSet', describeReplicaSet);
registerDescriber('DaemonSet', describeDaemonSet);
