/**
 * The versioned object store and its watch hub: the single place objects live.
 *
 * - Every write gets the next resourceVersion (a global, strictly increasing counter, as etcd's
 *   revision) and synchronously notifies the listeners of that kind, in subscription order.
 * - Stored objects are shared and immutable by convention (frozen when `freeze` is on, as in tests):
 *   readers never copy, writers always replace.
 * - Iteration order is insertion order (Map), which is deterministic; callers that show lists to
 *   users sort by namespace/name.
 * - Secondary indexes (pods by node, objects by owner uid, ...) are maintained on every write so hot
 *   paths never scan. They hold each object's Cell, a slot that always has its current version, so
 *   a write that leaves its index values alone (most are status updates) only swaps the cell's
 *   object instead of touching every index map.
 */
import { type KubeObject, deepFreeze, keyOf } from '../api/objects.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
  /** The object's store key (`namespace/name`, or its name): the very string the store hashed, so cheap to look up with. */
  key: string;
  /** The previous version, for MODIFIED and DELETED. */
  old?: KubeObject;
}

export type WatchListener = (event: WatchEvent) => void;

/** Computes the index values of an object (e.g. a pod's node name). */
export type IndexFn = (obj: KubeObject) => readonly string[];

/**
 * The part of an object an index reads (e.g. `(o) => o.spec`): when a write leaves it the same
 * value or the same (shared, immutable) subtree, the index is not recomputed. Most writes are
 * status updates, which share spec and metadata subtrees with the previous version.
 */
export type IndexReads = (obj: KubeObject) => unknown;

/** One stored object: its current version and the values it is indexed under (by index slot). */
interface Cell {
  obj: KubeObject;
  values: (readonly string[])[];
}

interface Index {
  fn: IndexFn;
  reads: IndexReads | undefined;
  /** Position of this index's values in a cell of its kind. */
  slot: number;
  entries: Map<string, Map<string, Cell>>;
}

const NO_VALUES: readonly string[] = [];
/** The index values of a cell whose kind has no index (most Events): shared until an index is added. */
const NO_SLOTS: (readonly string[])[] = [];

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The objects in some cells, one by one. A hand-written iterator: controllers list on every watch
 * event, and a generator costs three times as much to create and step (measured).
 */
class ObjectsOf<T> implements IterableIterator<T> {
  constructor(private readonly cells: Iterator<Cell> | undefined) {}

  next(): IteratorResult<T, undefined> {
    const r = this.cells?.next();
    return r === undefined || r.done ? { done: true, value: undefined } : { done: false, value: r.value.obj as T };
  }

  [Symbol.iterator](): this {
    return this;
  }
}

export class Store {
  private rv = 0;
  /** kind → key → the object's cell (a write finds it in the same lookup as the previous version). */
  private readonly kinds = new Map<string, Map<string, Cell>>();
  /** Every stored object's cell, by uid (changes only when objects come and go). */
  private readonly cells = new Map<string, Cell>();
  private readonly listeners = new Map<string, WatchListener[]>();
  private readonly indexes = new Map<string, Map<string, Index>>();
  /** The same indexes as a list per kind (every write goes through a kind's indexes). */
  private readonly indexLists = new Map<string, Index[]>();
  /** owner uid → dependents' cells by their uid. */
  private readonly ownerIndex = new Map<string, Map<string, Cell>>();
  /** kind → its objects as an array, until the kind's next write (see snapshot). */
  private readonly snapshots = new Map<string, KubeObject[]>();

  constructor(private readonly options: { freeze?: boolean } = {}) {}

  /** The latest resourceVersion handed out. */
  get resourceVersion(): number {
    return this.rv;
  }

  nextResourceVersion(): string {
    return String(++this.rv);
  }

  get<T extends KubeObject = KubeObject>(kind: string, key: string): T | undefined {
    return this.kinds.get(kind)?.get(key)?.obj as T | undefined;
  }

  getByUid<T extends KubeObject = KubeObject>(uid: string): T | undefined {
    return this.cells.get(uid)?.obj as T | undefined;
  }

  /** All objects of a kind, in insertion order. Do not mutate. */
  list<T extends KubeObject = KubeObject>(kind: string): IterableIterator<T> {
    return new ObjectsOf<T>(this.kinds.get(kind)?.values());
  }

  /**
   * All objects of a kind as an array, built again only after a write of that kind: for small
   * kinds read on every write of another (the Services a pod write is matched against). Do not mutate.
   */
  snapshot<T extends KubeObject = KubeObject>(kind: string): readonly T[] {
    let objects = this.snapshots.get(kind);
    if (!objects) this.snapshots.set(kind, (objects = [...this.list(kind)]));
    return objects as T[];
  }

  count(kind: string): number {
    return this.kinds.get(kind)?.size ?? 0;
  }

  /** Objects (of any kind) whose ownerReferences name `ownerUid`. */
  dependents(ownerUid: string): KubeObject[] {
    return [...new ObjectsOf<KubeObject>(this.ownerIndex.get(ownerUid)?.values())];
  }

  hasDependents(ownerUid: string): boolean {
    return (this.ownerIndex.get(ownerUid)?.size ?? 0) > 0;
  }

  /**
   * Register a secondary index on a kind. `fn` may depend only on what `reads` returns (and on the
   * object's identity: kind, namespace, name, uid); without `reads` it runs on every write.
   */
  addIndex(kind: string, name: string, fn: IndexFn, reads?: IndexReads): void {
    let byName = this.indexes.get(kind);
    if (!byName) this.indexes.set(kind, (byName = new Map()));
    const index: Index = { fn, reads, slot: byName.size, entries: new Map() };
    for (const [key, cell] of this.kinds.get(kind) ?? []) this.indexAdd(index, key, cell, fn(cell.obj));
    byName.set(name, index);
    let list = this.indexLists.get(kind);
    if (!list) this.indexLists.set(kind, (list = []));
    list.push(index);
  }

  /** Objects of `kind` whose index `name` contains `value`. */
  byIndex<T extends KubeObject = KubeObject>(kind: string, name: string, value: string): IterableIterator<T> {
    const idx = this.indexes.get(kind)?.get(name);
    if (!idx) throw new Error(`no index ${name} on ${kind}`);
    return new ObjectsOf<T>(idx.entries.get(value)?.values());
  }

  indexSize(kind: string, name: string, value: string): number {
    return this.indexes.get(kind)?.get(name)?.entries.get(value)?.size ?? 0;
  }

  /** Subscribe to writes of one kind (`'*'` for all). Returns the unsubscribe function. */
  watch(kind: string, listener: WatchListener): () => void {
    const list = this.listeners.get(kind) ?? [];
    list.push(listener);
    this.listeners.set(kind, list);
    return () => {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /**
   * Insert or replace `obj` (already carrying its new resourceVersion) and notify watchers. A
   * caller that just looked the object up passes the same `key` string: a string built afresh must
   * be flattened and hashed again, which costs more than the lookup itself in a big map.
   */
  put(obj: KubeObject, key = keyOf(obj)): void {
    if (this.options.freeze) deepFreeze(obj);
    let byKey = this.kinds.get(obj.kind);
    if (!byKey) this.kinds.set(obj.kind, (byKey = new Map()));
    let cell = byKey.get(key);
    let old = cell?.obj;
    if (old && old.metadata.uid !== obj.metadata.uid) {
      // A different object under the same name: the old one goes from every index first.
      this.reindex(key, cell!, old, undefined);
      this.cells.delete(old.metadata.uid);
      old = undefined;
      cell = undefined;
    }
    if (!cell) {
      cell = { obj, values: this.indexLists.has(obj.kind) ? [] : NO_SLOTS };
      byKey.set(key, cell);
      this.cells.set(obj.metadata.uid, cell);
    } else cell.obj = obj;
    this.reindex(key, cell, old, obj);
    if (this.snapshots.size > 0) this.snapshots.delete(obj.kind);
    this.emit(old ? { type: 'MODIFIED', object: obj, key, old } : { type: 'ADDED', object: obj, key });
  }

  /** Remove an object; `final` is its last state (with the resourceVersion of the deletion). */
  remove(final: KubeObject): void {
    const byKey = this.kinds.get(final.kind);
    const key = keyOf(final);
    const cell = byKey?.get(key);
    if (!cell) return;
    const old = cell.obj;
    if (this.options.freeze) deepFreeze(final);
    byKey!.delete(key);
    this.cells.delete(old.metadata.uid);
    this.reindex(key, cell, old, undefined);
    if (this.snapshots.size > 0) this.snapshots.delete(final.kind);
    this.emit({ type: 'DELETED', object: final, key, old });
  }

  /**
   * Rebuild every index from the objects and compare with the incremental ones; returns one line
   * per discrepancy (empty when consistent). For the invariant checkers, not for hot paths.
   */
  verifyIndexes(): string[] {
    const problems: string[] = [];
    const expectedUids = new Map<string, KubeObject>();
    const expectedOwners = new Map<string, Set<string>>();
    for (const [kind, byKey] of this.kinds) {
      for (const [key, { obj }] of byKey) {
        if (keyOf(obj) !== key) problems.push(`${kind} ${key} is stored under the wrong key (${keyOf(obj)})`);
        if (obj.kind !== kind) problems.push(`${kind} ${key} has kind ${obj.kind}`);
        const uid = obj.metadata.uid;
        if (expectedUids.has(uid)) problems.push(`uid ${uid} is used by ${kind} ${key} and ${expectedUids.get(uid)!.kind} ${keyOf(expectedUids.get(uid)!)}`);
        expectedUids.set(uid, obj);
        for (const ref of obj.metadata.ownerReferences ?? []) {
          let deps = expectedOwners.get(ref.uid);
          if (!deps) expectedOwners.set(ref.uid, (deps = new Set()));
          deps.add(uid);
        }
        if (Number(obj.metadata.resourceVersion) > this.rv) problems.push(`${kind} ${key} has resourceVersion ${obj.metadata.resourceVersion} > store ${this.rv}`);
      }
    }
    if (this.cells.size !== expectedUids.size) problems.push(`uid index has ${this.cells.size} entries, objects ${expectedUids.size}`);
    for (const [uid, obj] of expectedUids) if (this.cells.get(uid)?.obj !== obj) problems.push(`uid index is stale for ${obj.kind} ${keyOf(obj)}`);
    const ownerKeys = new Set([...this.ownerIndex.keys(), ...expectedOwners.keys()]);
    for (const owner of ownerKeys) {
      const actual = [...(this.ownerIndex.get(owner)?.keys() ?? [])].sort();
      const expected = [...(expectedOwners.get(owner) ?? [])].sort();
      if (actual.join() !== expected.join()) problems.push(`owner index for ${owner}: [${actual.join(' ')}], expected [${expected.join(' ')}]`);
    }
    for (const [kind, byName] of this.indexes) {
      for (const [name, idx] of byName) {
        const rebuilt = new Map<string, Map<string, KubeObject>>();
        for (const obj of this.list(kind)) {
          for (const v of idx.fn(obj)) {
            let m = rebuilt.get(v);
            if (!m) rebuilt.set(v, (m = new Map()));
            m.set(keyOf(obj), obj);
          }
        }
        const values = new Set([...idx.entries.keys(), ...rebuilt.keys()]);
        for (const v of values) {
          const actual = idx.entries.get(v);
          const expected = rebuilt.get(v);
          const same = actual !== undefined && expected !== undefined && actual.size === expected.size && [...expected].every(([k, o]) => actual.get(k)?.obj === o);
          if (!same) problems.push(`index ${kind}/${name}=${v}: [${[...(actual?.keys() ?? [])].join(' ')}], expected [${[...(expected?.keys() ?? [])].join(' ')}]`);
        }
      }
    }
    return problems;
  }

  private emit(event: WatchEvent): void {
    for (const l of this.listeners.get(event.object.kind) ?? []) l(event);
    for (const l of this.listeners.get('*') ?? []) l(event);
  }

  /**
   * Move the object stored under `key` (its `cell`) from `old` to `now` (either may be absent; both
   * have the same uid) in the owner and secondary indexes. This runs on every write, and most
   * writes (status updates) leave the index values alone: then only the cell's object changed.
   */
  private reindex(key: string, cell: Cell, old: KubeObject | undefined, now: KubeObject | undefined): void {
    const uid = (now ?? old)!.metadata.uid;
    const oldRefs = old?.metadata.ownerReferences;
    const refs = now?.metadata.ownerReferences;
    if (oldRefs !== refs) {
      for (const ref of oldRefs ?? []) {
        const deps = this.ownerIndex.get(ref.uid);
        deps?.delete(uid);
        if (deps?.size === 0) this.ownerIndex.delete(ref.uid);
      }
      for (const ref of refs ?? []) {
        let deps = this.ownerIndex.get(ref.uid);
        if (!deps) this.ownerIndex.set(ref.uid, (deps = new Map()));
        deps.set(uid, cell);
      }
    }
    const indexes = this.indexLists.get((now ?? old)!.kind);
    if (!indexes) return;
    for (const idx of indexes) {
      if (old && now && idx.reads && idx.reads(now) === idx.reads(old)) continue;
      const before = cell.values[idx.slot] ?? NO_VALUES;
      const after = now ? idx.fn(now) : NO_VALUES;
      if (sameValues(before, after)) continue;
      for (const v of before) {
        const m = idx.entries.get(v);
        m?.delete(key);
        if (m?.size === 0) idx.entries.delete(v);
      }
      this.indexAdd(idx, key, cell, after);
    }
  }

  private indexAdd(idx: Index, key: string, cell: Cell, values: readonly string[]): void {
    if (cell.values === NO_SLOTS) cell.values = [];
    cell.values[idx.slot] = values.length > 0 ? values : NO_VALUES;
    for (const v of values) {
      let m = idx.entries.get(v);
      if (!m) idx.entries.set(v, (m = new Map()));
      m.set(key, cell);
    }
  }
}
