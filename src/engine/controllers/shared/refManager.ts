/**
 * ControllerRefManager (pkg/controller/controller_ref_manager.go), in our words: on every sync a
 * controller claims the objects it should own —
 *
 * - objects it already controls whose labels still match its selector are claimed as they are;
 * - objects it controls that no longer match are released (its owner reference removed), unless
 *   the controller itself is being deleted; they keep running as orphans;
 * - orphans (no controller reference) that match, are not being deleted and live in its namespace
 *   are adopted (a controller owner reference added), after re-reading the owner to be sure it is
 *   not being deleted (`canAdopt`);
 * - objects controlled by anyone else are never touched.
 * Used for pods (ReplicaSet, DaemonSet, Job), ReplicaSets (Deployment) and ControllerRevisions
 * (DaemonSet).
 */
import type { ControllerContext } from '../../client/controller.ts';
import { type KubeObject, clone, controllerRef, isBeingDeleted, ownerRefTo } from '../../api/objects.ts';
import { type Selector, matches } from '../../api/labels.ts';
import { StatusError } from '../../apiserver/errors.ts';

export interface ClaimResult<T> {
  claimed: T[];
  /** Adoption or release failures (the sync should be retried). */
  errors: StatusError[];
}

/** Whether the owner as stored right now is the same object and not being deleted (RecheckDeletionTimestamp). */
function canAdopt(ctx: ControllerContext, owner: KubeObject): StatusError | undefined {
  const fresh = ctx.store.getByUid(owner.metadata.uid);
  if (!fresh) return new StatusError('NotFound', `original ${owner.kind} ${owner.metadata.namespace}/${owner.metadata.name} is gone: got uid <none>, wanted ${owner.metadata.uid}`);
  if (isBeingDeleted(fresh)) return new StatusError('Conflict', `${owner.kind} ${owner.metadata.namespace}/${owner.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
  return undefined;
}

/** Write the latest version of `obj` with its owner references changed by `edit`. */
function rewriteOwners(ctx: ControllerContext, obj: KubeObject, edit: (refs: NonNullable<KubeObject['metadata']['ownerReferences']>) => KubeObject['metadata']['ownerReferences']): void {
  const current = ctx.store.getByUid(obj.metadata.uid);
  if (!current) throw new StatusError('NotFound', `${obj.kind.toLowerCase()}s "${obj.metadata.name}" not found`);
  const updated = clone(current);
  const refs = edit(updated.metadata.ownerReferences ?? []) ?? [];
  if (refs.length > 0) updated.metadata.ownerReferences = refs;
  else delete updated.metadata.ownerReferences;
  ctx.api.update(updated);
}

/** Claim `candidates` for `owner` (ClaimObject for each); callers pre-filter (the ReplicaSet controller passes active pods only). */
export function claimObjects<T extends KubeObject>(ctx: ControllerContext, owner: KubeObject, selector: Selector, candidates: Iterable<T>): ClaimResult<T> {
  const claimed: T[] = [];
  const errors: StatusError[] = [];
  const ownerUid = owner.metadata.uid;
  const ownerDeleting = isBeingDeleted(owner);
  let adoptable: StatusError | undefined | null = null;
  for (const obj of candidates) {
    const ref = controllerRef(obj);
    const matchesSelector = matches(selector, obj.metadata.labels);
    try {
      if (ref) {
        if (ref.uid !== ownerUid) continue;
        if (matchesSelector) {
          claimed.push(obj);
        } else if (!ownerDeleting) {
          rewriteOwners(ctx, obj, (refs) => refs.filter((r) => r.uid !== ownerUid));
        }
        continue;
      }
      if (ownerDeleting || !matchesSelector || isBeingDeleted(obj)) continue;
      if (owner.metadata.namespace && owner.metadata.namespace !== obj.metadata.namespace) continue;
      if (adoptable === null) adoptable = canAdopt(ctx, owner);
      if (adoptable) {
        errors.push(adoptable);
        continue;
      }
      rewriteOwners(ctx, obj, (refs) => [...refs, ownerRefTo(owner)]);
      claimed.push(obj);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      if (e.reason !== 'NotFound') errors.push(e);
    }
  }
  return { claimed, errors };
}
