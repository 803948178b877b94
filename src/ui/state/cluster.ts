/**
 * The UI's mirror of the cluster: object records by uid, uid lists per kind, virtual time and the
 * clock state. Records live in a Map mutated in place and every applied batch bumps `version`, so
 * applying diffs costs only the changed records; components select one record or one id list and
 * re-render only when that slice changes (zustand compares selector results).
 *
 * Id lists are kept sorted incrementally (removals filtered out, arrivals inserted by binary
 * search): with a thousand pods churning, a frame touches a handful of ids, never a full sort.
 */
import { create } from 'zustand';
import type { ClockState, Diff, ObjectRecord } from '../../worker/protocol.ts';

export interface ClusterState {
  ready: boolean;
  records: Map<string, ObjectRecord>;
  /** uids per kind, sorted by namespace/name (events: by last occurrence); replaced only when membership or order changes. */
  ids: Record<string, readonly string[]>;
  version: number;
  /**
   * Bumped only when what the graphs are built from changes: membership of any kind but Event, a
   * pod's node or owner, a node's labels or taints. Pod status changes alone do not bump it.
   */
  structure: number;
  simNowMs: number;
  rv: number;
  clock: ClockState;
  reset(snapshot: ObjectRecord[], simNowMs: number, rv: number, clock: ClockState): void;
  /** Apply the diffs of one or more worker frames (in order) as one store update. */
  applyFrames(diffs: readonly Diff[], simNowMs: number, rv: number, clock: ClockState): void;
}

const EMPTY: readonly string[] = [];
/** Events beyond this many (oldest first) are dropped from the mirror; the worker keeps them all. */
export const MAX_EVENTS = 2000;

type Compare = (a: ObjectRecord, b: ObjectRecord) => number;

const byName: Compare = (x, y) => {
  const nx = x.namespace ?? '';
  const ny = y.namespace ?? '';
  if (nx !== ny) return nx < ny ? -1 : 1;
  return x.name < y.name ? -1 : x.name > y.name ? 1 : 0;
};

const lastMs = (r: ObjectRecord) => (r.summary.kind === 'Event' ? r.summary.lastMs : 0);
const byLastSeen: Compare = (x, y) => lastMs(x) - lastMs(y) || (x.uid < y.uid ? -1 : x.uid > y.uid ? 1 : 0);

const compareFor = (kind: string): Compare => (kind === 'Event' ? byLastSeen : byName);

/** The list without `drop`, with `add` inserted in order (add is small; list is already sorted). */
export function updateSorted(list: readonly string[], drop: ReadonlySet<string>, add: readonly string[], records: ReadonlyMap<string, ObjectRecord>, compare: Compare): string[] {
  const out = drop.size > 0 ? list.filter((uid) => !drop.has(uid)) : [...list];
  for (const uid of add) {
    const r = records.get(uid)!;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(records.get(out[mid]!)!, r) <= 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, uid);
  }
  return out;
}

/** Whether a modification moves something in the graphs (see `structure`). */
function structurallyDifferent(prev: ObjectRecord, next: ObjectRecord): boolean {
  if (prev.ownerUid !== next.ownerUid) return true;
  const a = prev.summary;
  const b = next.summary;
  if (a.kind === 'Pod' && b.kind === 'Pod') return a.nodeName !== b.nodeName;
  if (a.kind === 'Node' && b.kind === 'Node') return a.taints.join() !== b.taints.join() || JSON.stringify(prev.labels) !== JSON.stringify(next.labels);
  return false;
}

interface KindChange {
  drop: Set<string>;
  add: Set<string>;
}

export const useClusterStore = create<ClusterState>()((set, get) => ({
  ready: false,
  records: new Map(),
  ids: {},
  version: 0,
  structure: 0,
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
    for (const [kind, list] of Object.entries(lists)) {
      const compare = compareFor(kind);
      const sorted = list.sort((a, b) => compare(records.get(a)!, records.get(b)!));
      ids[kind] = kind === 'Event' && sorted.length > MAX_EVENTS ? sorted.slice(sorted.length - MAX_EVENTS) : sorted;
    }
    set({ ready: true, records, ids, version: get().version + 1, structure: get().structure + 1, simNowMs, rv, clock });
  },
  applyFrames(diffs, simNowMs, rv, clock) {
    const { records } = get();
    let structural = false;
    const changes = new Map<string, KindChange>();
    const change = (kind: string) => {
      let c = changes.get(kind);
      if (!c) changes.set(kind, (c = { drop: new Set(), add: new Set() }));
      return c;
    };
    for (const diff of diffs) {
      for (const uid of diff.removed) {
        const r = records.get(uid);
        if (!r) continue;
        const c = change(r.kind);
        if (!c.add.delete(uid)) c.drop.add(uid);
        records.delete(uid);
      }
      for (const r of [...diff.added, ...diff.modified]) {
        const prev = records.get(r.uid);
        records.set(r.uid, r);
        if (prev && !structural && structurallyDifferent(prev, r)) structural = true;
        if (!prev) change(r.kind).add.add(r.uid);
        else if (compareFor(r.kind)(prev, r) !== 0) {
          // Its sort position moved (an event seen again): take it out and put it back.
          const c = change(r.kind);
          c.drop.add(r.uid);
          c.add.add(r.uid);
        }
      }
    }
    let ids = get().ids;
    if (changes.size > 0) {
      ids = { ...ids };
      for (const [kind, c] of changes) {
        if (kind !== 'Event') structural = true;
        let list = updateSorted(ids[kind] ?? EMPTY, c.drop, [...c.add], records, compareFor(kind));
        if (kind === 'Event' && list.length > MAX_EVENTS) {
          // Forget the records of events that fell off the capped list.
          for (const uid of list.slice(0, list.length - MAX_EVENTS)) records.delete(uid);
          list = list.slice(list.length - MAX_EVENTS);
        }
        ids[kind] = list;
      }
    }
    set({ ids, version: get().version + 1, structure: get().structure + (structural ? 1 : 0), simNowMs, rv, clock });
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
