/**
 * The garbage collector (pkg/controller/garbagecollector/garbagecollector.go, in our words):
 *
 * - An object whose owners (by uid) are all gone is deleted; owner references to missing owners
 *   are dropped when some owner remains.
 * - An owner deleted with propagationPolicy Orphan carries the `orphan` finalizer: the GC removes
 *   its owner reference from every dependent, then the finalizer, and the owner disappears.
 * - An owner deleted with Foreground carries `foregroundDeletion`: the GC deletes its dependents
 *   (in foreground too) and removes the finalizer once none is left.
 * Keys are object uids, since dependents are found by their owners' uids.
 */
import type { Controller, ControllerContext, Watch } from '../client/controller.ts';
import { type KubeObject, clone } from '../api/objects.ts';
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN } from '../apiserver/apiServer.ts';
import { StatusError } from '../apiserver/errors.ts';
import type { WatchEvent } from '../store/store.ts';

function ignoreGone(e: unknown): void {
  if (!(e instanceof StatusError && (e.reason === 'NotFound' || e.reason === 'Conflict'))) throw e;
}

export function garbageCollector(ctx: ControllerContext): Controller {
  const { store, api } = ctx;

  const keysFor = (e: WatchEvent): string[] | undefined => {
    const obj = e.object;
    const meta = obj.metadata;
    // Most writes touch objects that neither own nor depend on anything: nothing to look at.
    if (e.type !== 'DELETED' && !meta.ownerReferences && !meta.deletionTimestamp) return undefined;
    const keys: string[] = [];
    if (e.type === 'DELETED') {
      // Its dependents may now be orphans with a dangling reference.
      for (const d of store.dependents(obj.metadata.uid)) keys.push(d.metadata.uid);
      // A foreground-deleting owner waits for this dependent.
      for (const ref of obj.metadata.ownerReferences ?? []) if (store.getByUid(ref.uid)?.metadata.deletionTimestamp) keys.push(ref.uid);
      return keys;
    }
    const fin = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && (fin.includes(FINALIZER_ORPHAN) || fin.includes(FINALIZER_FOREGROUND))) keys.push(obj.metadata.uid);
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const owner = store.getByUid(ref.uid);
      if (!owner || owner.metadata.deletionTimestamp) {
        keys.push(obj.metadata.uid);
        break;
      }
    }
    return keys;
  };

  const processOwner = (owner: KubeObject): void => {
    const fin = owner.metadata.finalizers ?? [];
    if (fin.includes(FINALIZER_ORPHAN)) {
      for (const dep of store.dependents(owner.metadata.uid)) {
        const updated = clone(dep);
        updated.metadata.ownerReferences = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
        if (updated.metadata.ownerReferences.length === 0) delete updated.metadata.ownerReferences;
        try {
          api.update(updated);
        } catch (e) {
          ignoreGone(e);
        }
      }
      removeFinalizer(owner, FINALIZER_ORPHAN);
      return;
    }
    if (fin.includes(FINALIZER_FOREGROUND)) {
      const deps = store.dependents(owner.metadata.uid);
      for (const dep of deps) {
        if (dep.metadata.deletionTimestamp) continue;
        try {
          api.delete(dep.kind, dep.metadata.namespace, dep.metadata.name, { propagationPolicy: 'Foreground', preconditions: { uid: dep.metadata.uid } });
        } catch (e) {
          ignoreGone(e);
        }
      }
      const blocking = store.dependents(owner.metadata.uid).filter((d) => d.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid && r.blockOwnerDeletion));
      if (blocking.length === 0) removeFinalizer(owner, FINALIZER_FOREGROUND);
    }
  };

  const removeFinalizer = (obj: KubeObject, finalizer: string): void => {
    const current = store.getByUid(obj.metadata.uid);
    if (!current) return;
    const updated = clone(current);
    updated.metadata.finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    try {
      api.update(updated);
    } catch (e) {
      ignoreGone(e);
    }
  };

  const processDependent = (obj: KubeObject): void => {
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0 || obj.metadata.deletionTimestamp) return;
    const owners = refs.map((r) => store.getByUid(r.uid));
    const dangling = refs.filter((_, i) => !owners[i]);
    const waitingForeground = owners.some((o, i) => o?.metadata.deletionTimestamp && o.metadata.finalizers?.includes(FINALIZER_FOREGROUND) && refs[i]!.blockOwnerDeletion);
    try {
      if (dangling.length === refs.length) {
        api.delete(obj.kind, obj.metadata.namespace, obj.metadata.name, { propagationPolicy: 'Background', preconditions: { uid: obj.metadata.uid } });
      } else if (waitingForeground && owners.every((o) => !o || o.metadata.deletionTimestamp)) {
        api.delete(obj.kind, obj.metadata.namespace, obj.metadata.name, { propagationPolicy: 'Foreground', preconditions: { uid: obj.metadata.uid } });
      } else if (dangling.length > 0) {
        const updated = clone(obj);
        updated.metadata.ownerReferences = refs.filter((r) => store.getByUid(r.uid));
        api.update(updated);
      }
    } catch (e) {
      ignoreGone(e);
    }
  };

  const watches: Watch[] = [{ kind: '*', keys: keysFor }];
  return {
    name: 'garbage-collector',
    watches,
    reconcile(uid) {
      const obj = store.getByUid(uid);
      if (!obj) return;
      if (obj.metadata.deletionTimestamp) processOwner(obj);
      else processDependent(obj);
    },
  };
}
