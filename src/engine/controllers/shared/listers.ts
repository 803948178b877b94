/**
 * Reads the workload controllers share, served from store indexes instead of namespace scans:
 * the pods (or other objects) an owner controls, and the orphans it could adopt. Together they are
 * exactly the objects upstream's ClaimObject could claim out of a full namespace listing — objects
 * controlled by someone else are never claimed — so claiming over them gives the same result.
 */
import type { Store } from '../../store/store.ts';
import { type KubeObject, controllerRef } from '../../api/objects.ts';

const ORPHANS_INDEX = 'orphansByNamespace';
const indexed = new WeakSet<Store>();

/** Register the orphan index on `store` (idempotent; every controller that claims calls it). */
export function ensureClaimIndexes(store: Store): void {
  if (indexed.has(store)) return;
  indexed.add(store);
  for (const kind of ['Pod', 'ReplicaSet', 'ControllerRevision']) {
    store.addIndex(kind, ORPHANS_INDEX, (obj) => (controllerRef(obj) ? [] : [obj.metadata.namespace ?? '']), (obj) => obj.metadata.ownerReferences);
  }
}

/** Objects of `kind` whose controller reference points at `ownerUid`, in store order. */
export function controlledBy<T extends KubeObject>(store: Store, kind: string, ownerUid: string): T[] {
  const out: T[] = [];
  for (const obj of store.dependents(ownerUid)) {
    if (obj.kind === kind && controllerRef(obj)?.uid === ownerUid) out.push(obj as T);
  }
  return out;
}

/** Objects of `kind` in `namespace` without a controller reference. */
export function orphans<T extends KubeObject>(store: Store, kind: string, namespace: string): IterableIterator<T> {
  return store.byIndex<T>(kind, ORPHANS_INDEX, namespace);
}

/** Everything `owner` could claim of `kind`: what it controls, then the orphans of its namespace. */
export function claimCandidates<T extends KubeObject>(store: Store, kind: string, owner: KubeObject): T[] {
  return [...controlledBy<T>(store, kind, owner.metadata.uid), ...orphans<T>(store, kind, owner.metadata.namespace ?? '')];
}
