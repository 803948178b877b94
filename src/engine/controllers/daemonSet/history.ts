/**
 * DaemonSet history as ControllerRevisions (pkg/controller/daemon/update.go constructHistory,
 * snapshot, dedupCurHistories, cleanupHistory, in our words). Each distinct pod template gets one
 * revision named `<ds>-<hash>`, labelled `controller-revision-hash: <hash>`, whose data is the
 * strategic-merge patch that restores it (`{"spec":{"template":{..., "$patch":"replace"}}}`); the
 * current template's revision carries the highest revision number. Old revisions beyond
 * revisionHistoryLimit are deleted oldest first, unless a live pod still runs them.
 * `kubectl rollout history|undo daemonset` read and apply these.
 */
import type { ControllerRevision, DaemonSet, KubeObject, Pod } from '../../api/objects.ts';
import { clone, ownerRefTo } from '../../api/objects.ts';
import { fromLabelSelector } from '../../api/labels.ts';
import { CONTROLLER_REVISION_HASH_LABEL } from '../../api/kinds/apps.ts';
import { canonicalJson } from '../../api/canonical.ts';
import { StatusError } from '../../apiserver/errors.ts';
import type { ControllerContext } from '../../client/controller.ts';
import { computeHash } from '../shared/hash.ts';
import { claimCandidates } from '../shared/listers.ts';
import { claimObjects } from '../shared/refManager.ts';

/** getPatch: what a revision stores — the template, to be replaced wholesale on rollback. */
export function revisionData(ds: DaemonSet): unknown {
  return { spec: { template: { ...clone(ds.spec!.template), $patch: 'replace' } } };
}

/** The DaemonSet template recorded in a revision. */
export function revisionTemplate(cr: ControllerRevision): unknown {
  const template = { ...((cr.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {}) };
  delete template.$patch;
  return template;
}

const revisionOf = (cr: ControllerRevision): number => cr.revision ?? 0;

export interface History {
  current: ControllerRevision;
  old: ControllerRevision[];
}

/** constructHistory: find (or create) the current revision and list the old ones. Throws a StatusError on a hash collision. */
export function constructHistory(ctx: ControllerContext, ds: DaemonSet): History {
  const { api } = ctx;
  const selector = fromLabelSelector(ds.spec?.selector);
  const candidates = claimCandidates<ControllerRevision>(ctx.store, 'ControllerRevision', ds as KubeObject);
  const histories = selector instanceof Error || !selector ? [] : claimObjects(ctx, ds as KubeObject, selector, candidates).claimed;
  const wanted = canonicalJson(revisionData(ds));
  const current: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (let history of histories) {
    if (!history.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL]) {
      const copy = clone(history);
      copy.metadata.labels = { ...(copy.metadata.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: copy.metadata.name };
      history = api.update<ControllerRevision>(copy);
    }
    (canonicalJson(history.data) === wanted ? current : old).push(history);
  }
  const nextRevision = old.reduce((m, h) => Math.max(m, revisionOf(h)), 0) + 1;
  if (current.length === 0) return { current: snapshot(ctx, ds, nextRevision), old };
  let cur = dedupCurrent(ctx, ds, current);
  if (revisionOf(cur) < nextRevision) {
    const copy = clone(cur);
    copy.revision = nextRevision;
    cur = api.update<ControllerRevision>(copy);
  }
  return { current: cur, old };
}

/** snapshot: create the revision of the current template. */
function snapshot(ctx: ControllerContext, ds: DaemonSet, revision: number): ControllerRevision {
  const hash = computeHash(ds.spec!.template, ds.status?.collisionCount);
  const manifest = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${ds.metadata.name}-${hash}`,
      namespace: ds.metadata.namespace,
      labels: { ...(ds.spec!.template.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [ownerRefTo(ds as KubeObject)],
    },
    data: revisionData(ds),
    revision,
  };
  try {
    return ctx.api.create<ControllerRevision>(manifest);
  } catch (e) {
    if (!(e instanceof StatusError) || e.reason !== 'AlreadyExists') throw e;
    const existing = ctx.store.get<ControllerRevision>('ControllerRevision', `${manifest.metadata.namespace}/${manifest.metadata.name}`)!;
    if (canonicalJson(existing.data) === canonicalJson(manifest.data)) return existing;
    // A hash collision: bump collisionCount so the next attempt uses another name.
    const copy = clone(ds);
    copy.status = { ...copy.status!, collisionCount: (ds.status?.collisionCount ?? 0) + 1 };
    ctx.api.updateStatus(copy);
    throw e;
  }
}

/** dedupCurHistories: keep the highest revision of identical ones, moving their pods over. */
function dedupCurrent(ctx: ControllerContext, ds: DaemonSet, current: ControllerRevision[]): ControllerRevision {
  if (current.length === 1) return current[0]!;
  const keep = current.reduce((a, b) => (revisionOf(b) > revisionOf(a) ? b : a));
  const keepHash = keep.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
  for (const dup of current) {
    if (dup === keep) continue;
    const dupHash = dup.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
    for (const pod of ctx.store.dependents(ds.metadata.uid)) {
      if (pod.kind !== 'Pod' || pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] !== dupHash) continue;
      const copy = clone(pod as Pod);
      copy.metadata.labels = { ...copy.metadata.labels, [CONTROLLER_REVISION_HASH_LABEL]: keepHash };
      ctx.api.update(copy);
    }
    ctx.api.delete('ControllerRevision', dup.metadata.namespace, dup.metadata.name);
  }
  return keep;
}

/** cleanupHistory: delete old revisions beyond the limit, oldest first, skipping those live pods use. */
export function cleanupHistory(ctx: ControllerContext, ds: DaemonSet, old: ControllerRevision[], livePods: readonly Pod[]): void {
  let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? 10);
  if (toKill <= 0) return;
  const liveHashes = new Set(livePods.map((p) => p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL]).filter((h) => h));
  for (const history of [...old].sort((a, b) => revisionOf(a) - revisionOf(b))) {
    if (toKill <= 0) break;
    if (liveHashes.has(history.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL])) continue;
    try {
      ctx.api.delete('ControllerRevision', history.metadata.namespace, history.metadata.name);
    } catch (e) {
      if (!(e instanceof StatusError && e.reason === 'NotFound')) throw e;
    }
    toKill--;
  }
}
