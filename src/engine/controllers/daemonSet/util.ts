/**
 * Pure DaemonSet helpers (pkg/controller/daemon/util/daemonset_util.go and the node predicates of
 * daemon_controller.go, in our words): the tolerations every daemon pod gets, which nodes should
 * run a daemon pod, the pod created for a node, and what counts as an up-to-date pod.
 */
import type { Affinity, PodSpec, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1';
import type { DaemonSet, Node, Pod } from '../../api/objects.ts';
import { CONTROLLER_REVISION_HASH_LABEL, DS_TEMPLATE_GENERATION_ANNOTATION, POD_TEMPLATE_GENERATION_LABEL } from '../../api/kinds/apps.ts';
import { matchesNodeAffinity, untoleratedTaint } from '../../scheduler/plugins.ts';
import { parseTime } from '../../api/time.ts';
import { scaledValue } from '../deployment/util.ts';

/**
 * AddOrUpdateDaemonPodTolerations: daemon pods survive not-ready / unreachable nodes forever and
 * ignore the pressure and unschedulable taints (so cordoned nodes still run them).
 */
export function daemonTolerations(spec: Pick<PodSpec, 'tolerations' | 'hostNetwork'>): Toleration[] {
  const out = [...(spec.tolerations ?? [])];
  const add = (key: string, effect: string) => {
    const t: Toleration = { key, operator: 'Exists', effect };
    const i = out.findIndex((x) => x.key === key && (x.operator ?? 'Equal') === 'Exists' && (x.value ?? '') === '' && x.effect === effect);
    if (i >= 0) out[i] = t;
    else out.push(t);
  };
  add('node.kubernetes.io/not-ready', 'NoExecute');
  add('node.kubernetes.io/unreachable', 'NoExecute');
  add('node.kubernetes.io/disk-pressure', 'NoSchedule');
  add('node.kubernetes.io/memory-pressure', 'NoSchedule');
  add('node.kubernetes.io/pid-pressure', 'NoSchedule');
  add('node.kubernetes.io/unschedulable', 'NoSchedule');
  if (spec.hostNetwork) add('node.kubernetes.io/network-unavailable', 'NoSchedule');
  return out;
}

/** The DaemonSet's spec.templateGeneration (kept in an annotation by apps/v1). */
export function templateGeneration(ds: DaemonSet): number | undefined {
  const v = ds.metadata.annotations?.[DS_TEMPLATE_GENERATION_ANNOTATION];
  return v !== undefined && /^\d+$/.test(v) ? parseInt(v, 10) : undefined;
}

/** CreatePodTemplate: the template plus daemon tolerations and the generation and revision labels. */
export function daemonPodTemplate(ds: DaemonSet, hash: string): PodTemplateSpec {
  const template = ds.spec!.template;
  const generation = templateGeneration(ds);
  return {
    ...template,
    metadata: {
      ...template.metadata,
      labels: {
        ...(template.metadata?.labels ?? {}),
        ...(generation !== undefined ? { [POD_TEMPLATE_GENERATION_LABEL]: String(generation) } : {}),
        ...(hash ? { [CONTROLLER_REVISION_HASH_LABEL]: hash } : {}),
      },
    },
    spec: { ...template.spec!, tolerations: daemonTolerations(template.spec ?? { containers: [] }) },
  };
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: pin the pod to `nodeName` with a matchFields term. */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const nodeAffinity = affinity?.nodeAffinity ?? {};
  return { ...affinity, nodeAffinity: { ...nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } };
}

/** GetTargetNodeName: the node a daemon pod is bound or pinned to. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const e of term.matchFields ?? []) {
      if (e.key === 'metadata.name' && e.operator === 'In') return e.values?.length === 1 ? e.values[0] : undefined;
    }
  }
  return undefined;
}

export interface ShouldRun {
  /** A daemon pod should be created on the node. */
  shouldRun: boolean;
  /** An existing daemon pod may stay (no untolerated NoExecute taint). */
  shouldContinueRunning: boolean;
}

/**
 * NodeShouldRunDaemonPod for a DaemonSet whose pods carry `tolerations` (daemonTolerations of the
 * template): nodeName, nodeSelector and required node affinity must fit; NoSchedule/NoExecute
 * taints must be tolerated to run, NoExecute ones to keep running. Resources and readiness are the
 * scheduler's business.
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet, tolerations: readonly Toleration[]): ShouldRun {
  const spec = ds.spec?.template?.spec;
  if (spec?.nodeName && spec.nodeName !== node.metadata.name) return NOT_HERE;
  if (!matchesNodeAffinity({ spec: spec ?? { containers: [] } }, node)) return NOT_HERE;
  if (untoleratedTaint(node, tolerations)) return untoleratedTaint(node, tolerations, ['NoExecute']) ? NOT_HERE : NO_NEW_POD;
  return RUN;
}

// The three answers, shared (a sync asks for every node it looks at).
const RUN: ShouldRun = Object.freeze({ shouldRun: true, shouldContinueRunning: true });
const NO_NEW_POD: ShouldRun = Object.freeze({ shouldRun: false, shouldContinueRunning: true });
const NOT_HERE: ShouldRun = Object.freeze({ shouldRun: false, shouldContinueRunning: false });

/** IsPodUpdated: the pod carries the current revision hash or template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const templateMatches = generation !== undefined && labels[POD_TEMPLATE_GENERATION_LABEL] === String(generation);
  const hashMatches = hash !== '' && labels[CONTROLLER_REVISION_HASH_LABEL] === hash;
  return hashMatches || templateMatches;
}

/** podByCreationTimestampAndPhase: scheduled pods first, then oldest, then by name. */
export function byCreationAndPhase(a: Pod, b: Pod): number {
  const sa = Boolean(a.spec?.nodeName);
  const sb = Boolean(b.spec?.nodeName);
  if (sa !== sb) return sa ? -1 : 1;
  const d = (parseTime(a.metadata.creationTimestamp) ?? 0) - (parseTime(b.metadata.creationTimestamp) ?? 0);
  if (d !== 0) return d;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** SurgeCount / UnavailableCount: percentages of the desired node count, rounded up. */
export function surgeCount(ds: DaemonSet, desired: number): number {
  const ru = ds.spec?.updateStrategy?.type === 'RollingUpdate' ? ds.spec.updateStrategy.rollingUpdate : undefined;
  return ru?.maxSurge === undefined ? 0 : scaledValue(ru.maxSurge, desired, true);
}

export function unavailableCount(ds: DaemonSet, desired: number): number {
  const ru = ds.spec?.updateStrategy?.type === 'RollingUpdate' ? ds.spec.updateStrategy.rollingUpdate : undefined;
  return ru === undefined ? 0 : scaledValue(ru.maxUnavailable, desired, true);
}

export const allowsSurge = (ds: DaemonSet): boolean => surgeCount(ds, 1) !== 0;

/**
 * findUpdatedPodsOnNode: the node's one new and one old pod (deleted pods ignored); `ok` is false
 * when there are several of either, which the per-node sync prunes first.
 */
export function findUpdatedPodsOnNode(pods: readonly Pod[], hash: string, generation: number | undefined): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { ...(newPod ? { newPod } : {}), ...(oldPod ? { oldPod } : {}), ok: true };
}
