import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/objects.ts';
import { Store } from './store.ts';

/** A pod-like object: its name is the key, `node` and `owner` drive the indexes. */
function pod(name: string, rv: number, node?: string, owner?: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: String(rv), creationTimestamp: '2025-01-01T00:00:00Z', labels, ...(owner ? { ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: owner, uid: owner, controller: true }] } : {}) },
    spec: node ? { nodeName: node } : {},
  } as KubeObject;
}

function newStore(): Store {
  const store = new Store({ freeze: true });
  store.addIndex(
    'Pod',
    'node',
    (p) => {
      const n = (p.spec as { nodeName?: string }).nodeName;
      return n ? [n] : [];
    },
    (p) => p.spec,
  );
  store.addIndex(
    'Pod',
    'labels',
    (p) => Object.entries(p.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`),
    (p) => p.metadata.labels,
  );
  return store;
}

describe('Store indexes', () => {
  it('always return the current version, whether or not a write moved it between index values', () => {
    const store = newStore();
    store.put(pod('a', 1, 'n1', 'o1', { app: 'x' }));
    const v2 = pod('a', 2, 'n1', 'o1', { app: 'x' }); // same index values: only the version changes
    store.put(v2);
    expect([...store.byIndex('Pod', 'node', 'n1')]).toEqual([v2]);
    expect([...store.byIndex('Pod', 'labels', 'app=x')][0]).toBe(v2);
    expect(store.dependents('o1')[0]).toBe(v2);
    expect(store.getByUid('uid-a')).toBe(v2);
    const v3 = pod('a', 3, 'n2', 'o2', { app: 'y' });
    store.put(v3);
    expect([...store.byIndex('Pod', 'node', 'n1')]).toEqual([]);
    expect([...store.byIndex('Pod', 'node', 'n2')]).toEqual([v3]);
    expect([...store.byIndex('Pod', 'labels', 'app=y')]).toEqual([v3]);
    expect(store.dependents('o1')).toEqual([]);
    expect(store.dependents('o2')).toEqual([v3]);
    store.remove(v3);
    expect([...store.byIndex('Pod', 'node', 'n2')]).toEqual([]);
    expect(store.dependents('o2')).toEqual([]);
    expect(store.getByUid('uid-a')).toBeUndefined();
  });

  it('an index added later covers the objects already stored', () => {
    const store = new Store();
    const p = pod('late', 1, 'n9');
    const q = pod('other', 2, 'n8');
    store.put(p);
    store.put(q);
    store.addIndex('Pod', 'node', (o) => [(o.spec as { nodeName: string }).nodeName]);
    expect([...store.byIndex('Pod', 'node', 'n9')]).toEqual([p]);
    expect([...store.byIndex('Pod', 'node', 'n8')]).toEqual([q]);
    // Each object keeps its own index values: moving either one leaves the other where it is.
    const moved = pod('late', 3, 'n7');
    store.put(moved);
    expect([...store.byIndex('Pod', 'node', 'n9')]).toEqual([]);
    expect([...store.byIndex('Pod', 'node', 'n7')]).toEqual([moved]);
    expect([...store.byIndex('Pod', 'node', 'n8')]).toEqual([q]);
  });

  it('stay consistent with a rebuild under random writes and deletes', () => {
    const names = ['a', 'b', 'c', 'd'];
    const write = fc.record({
      name: fc.constantFrom(...names),
      node: fc.option(fc.constantFrom('n1', 'n2'), { nil: undefined }),
      owner: fc.option(fc.constantFrom('o1', 'o2'), { nil: undefined }),
      app: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
      remove: fc.boolean(),
      // A status-like write: a new version sharing spec and labels with the current one.
      statusOnly: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(write, { maxLength: 40 }), (writes) => {
        const store = newStore();
        for (const w of writes) {
          const current = store.get('Pod', `default/${w.name}`);
          if (w.remove) {
            if (current) store.remove({ ...current, metadata: { ...current.metadata, resourceVersion: store.nextResourceVersion() } });
          } else if (w.statusOnly && current) {
            store.put({ ...current, metadata: { ...current.metadata, resourceVersion: store.nextResourceVersion() }, status: { phase: w.app ?? 'Pending' } } as KubeObject);
          } else {
            store.put(pod(w.name, Number(store.nextResourceVersion()), w.node, w.owner, w.app ? { app: w.app } : {}));
          }
          expect(store.verifyIndexes()).toEqual([]);
        }
      }),
    );
  });
});

describe('Store snapshots', () => {
  it('list a kind as it is now: rebuilt after any write of that kind, kept across writes of others', () => {
    const store = newStore();
    store.put(pod('a', 1));
    const first = store.snapshot('Pod');
    expect(first.map((o) => o.metadata.name)).toEqual(['a']);
    store.put({ ...pod('x', 2), kind: 'Service' });
    expect(store.snapshot('Pod')).toBe(first);
    store.put(pod('b', 3));
    expect(store.snapshot('Pod').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    const v4 = pod('a', 4);
    store.put(v4);
    expect(store.snapshot('Pod')[0]).toBe(v4);
    store.remove(pod('b', 5));
    expect(store.snapshot('Pod').map((o) => o.metadata.name)).toEqual(['a']);
  });
});
