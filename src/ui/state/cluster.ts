/**
 * The UI's mirror of the cluster: object records by uid, uid lists per kind, virtual time and the
 * clock state. Records live in a Map mutated in place and every frame bumps `version`, so applying a
 * diff costs only the changed records; components select one record or one id list and re-render
 * only when that slice changes (zustand compares selector results).
 */
import { create } from 'zustand';
import type { ClockState, Diff, ObjectRecord } from '../../worker/protocol.ts';

export interface ClusterState {
  ready: boolean;
  records: Map<string, ObjectRecord>;
  /** uids per kind, sorted by namespace/name; an array is replaced only when its membership changes. */
  ids: Record<string, readonly string[]>;
  version: number;
  simNowMs: number;
  rv: number;
  clock: ClockState;
  reset(snapshot: ObjectRecord[], simNowMs: number, rv: number, clock: ClockState): void;
  applyFrame(diff: Diff, simNowMs: number, rv: number, clock: ClockState): void;
}

const EMPTY: readonly string[] = [];
/** Events beyond this many (oldest first) are dropped from the mirror; the worker keeps them all. */
export const MAX_EVENTS = 2000;

function byName(records: Map<string, ObjectRecord>) {
  return (a: string, b: string) => {
    const x = records.get(a)!;
    const y = records.get(b)!;
    const nx = x.namespace ?? '';
    const ny = y.namespace ?? '';
    if (nx !== ny) return nx < ny ? -1 : 1;
    return x.name < y.name ? -1 : x.name > y.name ? 1 : 0;
  };
}

function sortIds(kind: string, ids: string[], records: Map<string, ObjectRecord>): string[] {
  if (kind !== 'Event') return ids.sort(byName(records));
  // Events: oldest first by last occurrence, capped.
  ids.sort((a, b) => lastMs(records.get(a)) - lastMs(records.get(b)));
  return ids.length > MAX_EVENTS ? ids.slice(ids.length - MAX_EVENTS) : ids;
}

function lastMs(r: ObjectRecord | undefined): number {
  return r?.summary.kind === 'Event' ? r.summary.lastMs : 0;
}

export const useClusterStore = create<ClusterState>()((set, get) => ({
  ready: false,
  records: new Map(),
  ids: {},
  version: 0,
  simNowMs: 0,
  rv: 0,
  clock: { playing: false, speed: 1, startMs: 0 },
  reset(snapshot, simNowMs, rv, clock) {
    const records = new Map<string, ObjectRecord>();
    const lists: Record<string, string[]> = {};
    for (const r of snapshot) {
      records.set(r.uid, r);
      (lists[r.kind] ??= []).push(r.uid);
    }
    const ids: Record<string, readonly string[]> = {};
    for (const [kind, list] of Object.entries(lists)) ids[kind] = sortIds(kind, list, records);
    set({ ready: true, records, ids, version: get().version + 1, simNowMs, rv, clock });
  },
  applyFrame(diff, simNowMs, rv, clock) {
    const { records } = get();
    const touched = new Set<string>();
    for (const uid of diff.removed) {
      const r = records.get(uid);
      if (!r) continue;
      touched.add(r.kind);
      records.delete(uid);
    }
    for (const r of diff.added) {
      if (!records.has(r.uid)) touched.add(r.kind);
      records.set(r.uid, r);
    }
    for (const r of diff.modified) {
      if (!records.has(r.uid)) touched.add(r.kind);
      else if (r.kind === 'Event') touched.add('Event'); // re-sort by last occurrence
      records.set(r.uid, r);
    }
    let ids = get().ids;
    if (touched.size > 0) {
      ids = { ...ids };
      const members = new Map<string, string[]>([...touched].map((k) => [k, []]));
      for (const [uid, r] of records) members.get(r.kind)?.push(uid);
      for (const [kind, list] of members) ids[kind] = sortIds(kind, list, records);
      // Drop records of events that fell off the capped list.
      if (touched.has('Event') && (members.get('Event')?.length ?? 0) > MAX_EVENTS) {
        const kept = new Set(ids.Event ?? EMPTY);
        for (const uid of members.get('Event')!) if (!kept.has(uid)) records.delete(uid);
      }
    }
    set({ ids, version: get().version + 1, simNowMs, rv, clock });
  },
}));

// ---- selectors (module scope, so their identity is stable) ----

export const selectIds = (kind: string) => (s: ClusterState) => s.ids[kind] ?? EMPTY;
export const selectRecord = (uid: string | undefined) => (s: ClusterState) => (uid ? s.records.get(uid) : undefined);

/** Find a record by kind/namespace/name (for links and actions). */
export function findRecord(s: ClusterState, kind: string, namespace: string | undefined, name: string): ObjectRecord | undefined {
  for (const uid of s.ids[kind] ?? EMPTY) {
    const r = s.records.get(uid)!;
    if (r.name === name && (r.namespace ?? '') === (namespace ?? '')) return r;
  }
  return undefined;
}
