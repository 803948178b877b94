/**
 * Pure helpers of the Deployment controller (pkg/controller/deployment/util/deployment_util.go and
 * the ReplicaSet sorters of pkg/controller/controller_utils.go, in our words): surge and
 * unavailability arithmetic, new/old ReplicaSet discovery, revision and replica annotations,
 * proportional scaling, conditions, and the complete / progressing / timed-out tests.
 * No API calls here: everything is a function of its arguments, tested with tables.
 */
import type { DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from '../../api/objects.ts';
import { DEPLOYMENT_ANNOTATIONS, POD_TEMPLATE_HASH_LABEL } from '../../api/kinds/apps.ts';
import { canonicalJson } from '../../api/canonical.ts';
import { formatTime, parseTime, SECOND_MS } from '../../api/time.ts';

export const MAX_INT32 = 2147483647;
const { revision: REVISION, revisionHistory: REVISION_HISTORY, desiredReplicas: DESIRED_REPLICAS, maxReplicas: MAX_REPLICAS } = DEPLOYMENT_ANNOTATIONS;

/** Condition reasons (deployment_util.go). */
export const REASONS = {
  replicaSetUpdated: 'ReplicaSetUpdated',
  failedRSCreate: 'ReplicaSetCreateError',
  newReplicaSet: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** Annotations a Deployment never copies onto its ReplicaSets (and a rollback never copies back). */
export const ANNOTATIONS_TO_SKIP = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, 'deprecated.deployment.rollback.to']);

/** The revision history annotation is capped at this many characters. */
const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

export const replicas = (obj: Deployment | ReplicaSet | undefined): number => obj?.spec?.replicas ?? 0;

// ---- surge and unavailability ----

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const pct = parseInt(v, 10);
  if (!v.endsWith('%') || !Number.isFinite(pct)) return 0;
  const exact = (pct * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export const isRollingUpdate = (d: Deployment): boolean => d.spec?.strategy?.type === 'RollingUpdate';

/** ResolveFenceposts: surge rounds up, unavailability down; both zero means one unavailable. */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true);
  let unavailable = scaledValue(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas(d)).surge;
}

export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicas(d) === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return Math.min(resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas(d)).unavailable, replicas(d));
}

// ---- ReplicaSet ordering and filtering ----

function creationMs(rs: ReplicaSet): number {
  return parseTime(rs.metadata.creationTimestamp) ?? 0;
}

/** ReplicaSetsByCreationTimestamp: oldest first, ties by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const d = creationMs(a) - creationMs(b);
  if (d !== 0) return d;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: larger first, ties oldest first (scale-down order). */
export const bySizeOlder = (a: ReplicaSet, b: ReplicaSet): number => replicas(b) - replicas(a) || byCreation(a, b);
/** ReplicaSetsBySizeNewer: larger first, ties newest first (scale-up order). */
export const bySizeNewer = (a: ReplicaSet, b: ReplicaSet): number => replicas(b) - replicas(a) || byCreation(b, a);

export function revisionOf(obj: { metadata: { annotations?: Record<string, string> } } | undefined): number {
  const v = obj?.metadata.annotations?.[REVISION];
  if (v === undefined) return 0;
  return /^\d+$/.test(v) ? parseInt(v, 10) : Number.NaN;
}

/** ReplicaSetsByRevision: lowest revision first, ties (or unparsable) by creation. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (Number.isNaN(ra) || Number.isNaN(rb) || ra === rb) return byCreation(a, b);
  return ra - rb;
}

export function maxRevision(list: readonly ReplicaSet[]): number {
  let max = 0;
  for (const rs of list) {
    const v = revisionOf(rs);
    if (!Number.isNaN(v) && v > max) max = v;
  }
  return max;
}

/** LastRevision: the second highest revision (what `rollout undo` goes back to). */
export function lastRevision(list: readonly ReplicaSet[]): number {
  let max = 0;
  let second = 0;
  for (const rs of list) {
    const v = revisionOf(rs);
    if (Number.isNaN(v)) continue;
    if (v >= max) {
      second = max;
      max = v;
    } else if (v > second) second = v;
  }
  return second;
}

export const filterActive = (list: readonly (ReplicaSet | undefined)[]): ReplicaSet[] => list.filter((rs): rs is ReplicaSet => rs !== undefined && replicas(rs) > 0);

export const sumReplicas = (list: readonly (ReplicaSet | undefined)[]): number => list.reduce((n, rs) => n + replicas(rs), 0);
export const sumStatus = (list: readonly (ReplicaSet | undefined)[], field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number =>
  list.reduce((n, rs) => n + (rs?.status?.[field] ?? 0), 0);

// ---- templates: which ReplicaSet is the new one ----

/** Canonical text of a template without its pod-template-hash label, memoized per stored template. */
const templateKeys = new WeakMap<object, string>();

function templateKey(template: PodTemplateSpec | undefined): string {
  if (!template) return '';
  let key = templateKeys.get(template);
  if (key === undefined) {
    const labels = { ...(template.metadata?.labels ?? {}) };
    delete labels[POD_TEMPLATE_HASH_LABEL];
    key = canonicalJson({ ...template, metadata: { ...template.metadata, labels } });
    templateKeys.set(template, key);
  }
  return key;
}

/** EqualIgnoreHash: templates equal but for the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return templateKey(a) === templateKey(b);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template is the Deployment's. */
export function findNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet | undefined {
  const target = templateKey(d.spec?.template);
  let found: ReplicaSet | undefined;
  for (const rs of rsList) if (templateKey(rs.spec?.template) === target && (!found || byCreation(rs, found) < 0)) found = rs;
  return found;
}

/** FindOldReplicaSets: every other ReplicaSet (all), and those of them with replicas (active). */
export function findOldReplicaSets(d: Deployment, rsList: readonly ReplicaSet[]): { active: ReplicaSet[]; all: ReplicaSet[] } {
  const newRS = findNewReplicaSet(d, rsList);
  const all = rsList.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
  return { active: all.filter((rs) => replicas(rs) !== 0), all };
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active; undefined when several are. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = filterActive([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

// ---- annotations ----

function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  return v !== undefined && /^-?\d+$/.test(v) ? parseInt(v, 10) : undefined;
}

export const desiredReplicasAnnotation = (rs: ReplicaSet): number | undefined => intAnnotation(rs, DESIRED_REPLICAS);

/** SetReplicasAnnotations; returns whether anything changed. Mutates `rs`. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  if (a[DESIRED_REPLICAS] !== String(desired)) {
    a[DESIRED_REPLICAS] = String(desired);
    changed = true;
  }
  if (a[MAX_REPLICAS] !== String(max)) {
    a[MAX_REPLICAS] = String(max);
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations;
  return !a || a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's annotations (but the skipped ones), raise the
 * revision to `newRevision` (keeping the old number in revision-history when it had one), and on
 * creation the replica annotations. Returns whether anything changed. Mutates `rs`.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  const hadRevision = REVISION in a;
  const oldRevision = a[REVISION] ?? '';
  const oldNumber = oldRevision === '' ? 0 : /^\d+$/.test(oldRevision) ? parseInt(oldRevision, 10) : Number.NaN;
  if (Number.isNaN(oldNumber)) return false;
  if (oldNumber < newRevision) {
    a[REVISION] = String(newRevision);
    changed = true;
    if (hadRevision) {
      const history = a[REVISION_HISTORY] ?? '';
      let revisions = history === '' ? [] : history.split(',');
      revisions.push(oldRevision);
      while (revisions.join(',').length > MAX_REV_HISTORY_LENGTH_IN_CHARS && revisions.length > 1) revisions = revisions.slice(1);
      a[REVISION_HISTORY] = revisions.join(',');
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicas(d), replicas(d) + maxSurge(d))) changed = true;
  return changed;
}

/** SetDeploymentRevision; returns whether it changed. Mutates `d`. */
export function setDeploymentRevision(d: Deployment, revision: string | undefined): boolean {
  const a = (d.metadata.annotations ??= {});
  if (a[REVISION] === (revision ?? '')) return false;
  a[REVISION] = revision ?? '';
  return true;
}

export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  return replicas(rs) === replicas(d) && desiredReplicasAnnotation(rs) === replicas(d);
}

// ---- proportional scaling and the new ReplicaSet's size ----

/** NewRSNewReplicas: how big the new ReplicaSet may be now. */
export function newRSNewReplicas(d: Deployment, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  if (d.spec?.strategy?.type === 'Recreate') return replicas(d);
  const surge = scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge, replicas(d), true);
  const current = sumReplicas(allRSs);
  const maxTotal = replicas(d) + surge;
  if (current >= maxTotal) return replicas(newRS);
  return replicas(newRS) + Math.min(maxTotal - current, replicas(d) - replicas(newRS));
}

/** getReplicaSetFraction: this ReplicaSet's share of the change, from its max-replicas annotation. */
function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicas(d) === 0) return -replicas(rs);
  const maxNow = replicas(d) + maxSurge(d);
  let before = intAnnotation(rs, MAX_REPLICAS) ?? 0;
  if (before === 0) {
    before = d.status?.replicas ?? 0;
    if (before === 0) return 0;
  }
  return Math.round((replicas(rs) * maxNow) / before) - replicas(rs);
}

/** GetProportion: the replicas to add to (or remove from) `rs`, bounded by what is left to distribute. */
export function getProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || replicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** The proportional sizes (scale()'s rolling branch): ReplicaSet name → new size, and the direction. */
export function proportionalSizes(d: Deployment, active: readonly ReplicaSet[]): { order: ReplicaSet[]; sizes: Map<string, number>; operation: 'up' | 'down' | '' } {
  const total = sumReplicas(active);
  const allowed = replicas(d) > 0 ? replicas(d) + maxSurge(d) : 0;
  const toAdd = allowed - total;
  const order = [...active];
  let operation: 'up' | 'down' | '' = '';
  if (toAdd > 0) {
    order.sort(bySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    order.sort(bySizeOlder);
    operation = 'down';
  }
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of order) {
    if (toAdd !== 0) {
      const p = getProportion(rs, d, toAdd, added);
      sizes.set(rs.metadata.name, replicas(rs) + p);
      added += p;
    } else sizes.set(rs.metadata.name, replicas(rs));
  }
  // Leftovers from rounding go to the first (largest) ReplicaSet.
  if (order.length > 0 && toAdd !== 0) {
    const first = order[0]!.metadata.name;
    sizes.set(first, Math.max(0, sizes.get(first)! + toAdd - added));
  }
  return { order, sizes, operation };
}

// ---- conditions ----

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function newCondition(type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, nowMs: number): DeploymentCondition {
  const t = formatTime(nowMs);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** SetDeploymentCondition: no-op when status and reason are unchanged; keeps the transition time when only the reason changes. */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
}

// ---- status and progress ----

export const hasProgressDeadline = (d: Deployment): boolean => d.spec?.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== MAX_INT32;
export const hasRevisionHistoryLimit = (d: Deployment): boolean => d.spec?.revisionHistoryLimit !== undefined && d.spec.revisionHistoryLimit !== MAX_INT32;

/** calculateStatus: the counts summed over the ReplicaSets, and the Available condition. */
export function calculateStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DeploymentStatus {
  const available = sumStatus(allRSs, 'availableReplicas');
  const total = sumReplicas(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: sumStatus(allRSs, 'replicas'),
    updatedReplicas: sumStatus([newRS], 'replicas'),
    readyReplicas: sumStatus(allRSs, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
    conditions: [...(d.status?.conditions ?? [])],
  };
  if (available >= replicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', REASONS.minimumReplicasAvailable, 'Deployment has minimum availability.', nowMs));
  } else {
    setCondition(status, newCondition('Available', 'False', REASONS.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', nowMs));
  }
  return status;
}

/** The status as stored: zero counts and empty lists omitted (omitempty). */
export function compactStatus(status: DeploymentStatus): DeploymentStatus {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(status)) {
    if (v === 0 && k !== 'collisionCount') continue;
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as DeploymentStatus;
}

/** DeploymentComplete: every desired replica updated and available, no old ones, generation observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const want = replicas(d);
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available replicas than before. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** DeploymentTimedOut: the Progressing condition has not been updated for progressDeadlineSeconds. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (!c) return false;
  if (c.reason === REASONS.timedOut) return true;
  const from = parseTime(c.lastUpdateTime);
  return from !== undefined && from + d.spec!.progressDeadlineSeconds! * SECOND_MS < nowMs;
}
