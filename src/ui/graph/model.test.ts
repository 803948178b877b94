import { describe, expect, it } from 'vitest';
import type { ObjectRecord, Summary } from '../../worker/protocol.ts';
import { ownershipLayout } from './layout.ts';
import { COLLAPSE_AT, DENSE_AT, cardHeight, gridLayout, ownershipModel, placementModel } from './model.ts';
import { statusClass } from './status.ts';

const other: Summary = { kind: 'Other' };
function rec(kind: string, name: string, extra: Partial<ObjectRecord> = {}): ObjectRecord {
  return { uid: `${kind}/${name}`, kind, name, namespace: 'default', rv: '1', summary: other, object: { apiVersion: 'v1', kind, metadata: { name, uid: `${kind}/${name}` } }, ...extra };
}
const pod = (name: string, owner: string | undefined, node: string | undefined) =>
  rec('Pod', name, { ...(owner ? { ownerUid: owner } : {}), summary: { kind: 'Pod', status: 'Running', phase: 'Running', ready: '1/1', restarts: 0, ...(node ? { nodeName: node } : {}), containers: ['c'], previous: [], cpuMilli: 0, memBytes: 0, daemon: false } });

function mirror(list: ObjectRecord[]) {
  const records = new Map(list.map((r) => [r.uid, r]));
  const ids: Record<string, string[]> = {};
  for (const r of list) (ids[r.kind] ??= []).push(r.uid);
  return { records, ids };
}

describe('graph models', () => {
  const list = [
    rec('CronJob', 'hello'),
    rec('Job', 'hello-1', { ownerUid: 'CronJob/hello' }),
    pod('hello-1-abc', 'Job/hello-1', 'worker-1'),
    pod('lonely', undefined, undefined),
    rec('Node', 'worker-1', { namespace: undefined, summary: { kind: 'Node', status: 'Ready', ready: true, cordoned: false, poweredOff: false, role: '<none>', taints: [], podCapacity: 110, cpuAllocatableMilli: 4000, memAllocatableBytes: 8 << 30 } }),
  ];
  it('ownership: controllers as cards, pods as chips, edges owner → owned', () => {
    const { records, ids } = mirror(list);
    const m = ownershipModel(records, ids);
    expect(m.cards.map((c) => [c.id, c.podIds])).toEqual([
      ['CronJob/hello', []],
      ['Job/hello-1', ['Pod/hello-1-abc']],
      ['orphans:default', ['Pod/lonely']],
    ]);
    expect(m.edges).toEqual([{ id: 'CronJob/hello>Job/hello-1', source: 'CronJob/hello', target: 'Job/hello-1', label: 'cronjob-controller' }]);
  });

  it('placement: pods on their node, the rest in the Unscheduled lane', () => {
    const { records, ids } = mirror(list);
    const m = placementModel(records, ids);
    expect(m.cards.map((c) => [c.kind, c.podIds])).toEqual([
      ['Node', ['Pod/hello-1-abc']],
      ['Unscheduled', ['Pod/lonely']],
    ]);
    expect([...gridLayout(m).keys()]).toEqual(['unscheduled', 'Node/worker-1']);
  });

  it('the topology key ignores pod status but not membership', () => {
    const { records, ids } = mirror(list);
    const before = ownershipModel(records, ids).topologyKey;
    records.set('Pod/hello-1-abc', { ...records.get('Pod/hello-1-abc')!, rv: '2' });
    expect(ownershipModel(records, ids).topologyKey).toBe(before);
  });

  it('packs unrelated cards into a grid without overlaps, groups laid out left to right', () => {
    const list: ObjectRecord[] = [rec('CronJob', 'cron')];
    for (let i = 0; i < 40; i++) list.push(rec('Job', `j${i}`, i < 3 ? { ownerUid: 'CronJob/cron' } : {}));
    const { records, ids } = mirror(list);
    const m = ownershipModel(records, ids);
    const pos = ownershipLayout(m);
    const boxes = m.cards.map((c) => ({ ...pos.get(c.id)!, w: c.width, h: c.height, id: c.id }));
    for (const a of boxes) for (const b of boxes) if (a.id < b.id) expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
    expect(pos.get('Job/j0')!.x).toBeGreaterThan(pos.get('CronJob/cron')!.x); // owner left of owned
    const width = Math.max(...boxes.map((b) => b.x + b.w));
    const height = Math.max(...boxes.map((b) => b.y + b.h));
    expect(width / height).toBeGreaterThan(0.5); // a grid, not one endless column
  });

  it('from DENSE_AT pods every card shows counts', () => {
    const list: ObjectRecord[] = [rec('Job', 'big'), rec('Job', 'small')];
    for (let i = 0; i < DENSE_AT; i++) list.push(pod(`p${i}`, i < 3 ? 'Job/small' : 'Job/big', 'worker-1'));
    const { records, ids } = mirror(list);
    expect(ownershipModel(records, ids).cards.map((c) => [c.id, c.collapsed])).toEqual([
      ['Job/big', true],
      ['Job/small', true],
    ]);
  });

  it('collapses big cards to one row of counts', () => {
    expect(cardHeight('Job', COLLAPSE_AT + 1)).toBe(cardHeight('Job', 1));
    expect(cardHeight('Job', 11)).toBeGreaterThan(cardHeight('Job', 10));
  });

  it.each([
    ['Running', 'running'],
    ['Completed', 'completed'],
    ['ContainerCreating', 'pending'],
    ['Init:0/1', 'pending'],
    ['CrashLoopBackOff', 'crashloop'],
    ['ImagePullBackOff', 'pull'],
    ['Terminating', 'terminating'],
    ['ExitCode:3', 'error'],
    ['Error', 'error'],
  ])('status %s → %s', (status, cls) => {
    expect(statusClass(status)).toBe(cls);
  });
});
