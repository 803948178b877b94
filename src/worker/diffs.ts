/**
 * Collects store writes between frames and turns them into one collapsed diff: per uid only the
 * latest version is sent, an add followed by a delete vanishes, a modify followed by a delete is a
 * removal. The UI applies each diff in one store update.
 */
import type { KubeObject, WatchEvent } from '../engine/index.ts';
import type { Diff, ObjectRecord } from './protocol.ts';

type Change = { op: 'added' | 'modified'; obj: KubeObject } | { op: 'removed' };

/** Kinds the UI never shows: leases renew constantly and would only cost bandwidth. */
const HIDDEN_KINDS = new Set(['Lease']);

export class DiffCollector {
  private changes = new Map<string, Change>();
  /** Count of changes that are not heartbeats (what "next event" waits for). */
  meaningful = 0;

  constructor(private readonly toRecord: (obj: KubeObject) => ObjectRecord) {}

  observe(e: WatchEvent): void {
    const obj = e.object;
    if (HIDDEN_KINDS.has(obj.kind)) return;
    const uid = obj.metadata.uid;
    if (!uid) return;
    if (!isHeartbeat(e)) this.meaningful++;
    const prev = this.changes.get(uid);
    if (e.type === 'DELETED') {
      if (prev?.op === 'added') this.changes.delete(uid);
      else this.changes.set(uid, { op: 'removed' });
    } else if (e.type === 'ADDED' || prev?.op === 'added') {
      this.changes.set(uid, { op: 'added', obj });
    } else {
      this.changes.set(uid, { op: 'modified', obj });
    }
  }

  /** Re-send an object whose summary changed without a store write (e.g. a node's power). */
  touch(obj: KubeObject): void {
    const uid = obj.metadata.uid;
    if (!uid) return;
    this.meaningful++;
    if (!this.changes.has(uid)) this.changes.set(uid, { op: 'modified', obj });
  }

  get empty(): boolean {
    return this.changes.size === 0;
  }

  /** The collapsed diff since the last flush (records computed now, at flush time). */
  flush(): Diff {
    const diff: Diff = { added: [], modified: [], removed: [] };
    for (const [uid, c] of this.changes) {
      if (c.op === 'removed') diff.removed.push(uid);
      else diff[c.op].push(this.toRecord(c.obj));
    }
    this.changes.clear();
    return diff;
  }

  clear(): void {
    this.changes.clear();
  }
}

/** A node status write that only renews heartbeat times (the kubelet's periodic status post). */
export function isHeartbeat(e: WatchEvent): boolean {
  if (e.type !== 'MODIFIED' || e.object.kind !== 'Node' || !e.old) return false;
  return stripHeartbeat(e.old) === stripHeartbeat(e.object);
}

function stripHeartbeat(obj: KubeObject): string {
  return JSON.stringify(obj, (k, v: unknown) => (k === 'lastHeartbeatTime' || k === 'resourceVersion' || k === 'managedFields' ? undefined : v));
}
