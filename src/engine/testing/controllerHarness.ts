/**
 * A bare API server for table-driven controller tests, in the spirit of upstream's fake clientset
 * and informers: a frozen store, an API server, a clock and an event recorder — no scheduler, no
 * kubelets, no other controllers. Tests seed objects in exact states (pods bound, running, ready
 * since a given time), call one controller's `reconcile(key)`, and look at the writes it made.
 * Never imported by production code.
 */
import { ApiServer } from '../apiserver/apiServer.ts';
import { VirtualClock } from '../clock/clock.ts';
import { EventRecorder } from '../client/eventRecorder.ts';
import type { Controller, ControllerContext, ControllerFactory } from '../client/controller.ts';
import { WorkQueue } from '../client/workQueue.ts';
import { type Event, type KubeObject, type Manifest, type Pod, clone, ownerRefTo } from '../api/objects.ts';
import { DEFAULT_START_MS, formatTime } from '../api/time.ts';
import { createRng } from '../random/rng.ts';
import { Store, type WatchEvent } from '../store/store.ts';

export interface Harness {
  ctx: ControllerContext;
  store: Store;
  api: ApiServer;
  clock: VirtualClock;
  /** Every write since the last `reset()`, in order. */
  writes: WatchEvent[];
  reset(): void;
  /** The controller under test (its watches are not wired: tests call reconcile directly). */
  controller: Controller;
  /** Writes of one kind and type since the last reset. */
  written(kind: string, type?: WatchEvent['type']): KubeObject[];
  /** `reason message` of the events recorded since the last reset. */
  events(): string[];
}

export function controllerHarness(factory: ControllerFactory, seed = 1): Harness {
  const clock = new VirtualClock(DEFAULT_START_MS);
  const rng = createRng(seed);
  const store = new Store({ freeze: true });
  store.addIndex('Pod', 'nodeName', (p) => {
    const n = (p as Pod).spec?.nodeName;
    return n ? [n] : [];
  });
  const api = new ApiServer(store, () => clock.nowMs, rng.fork('apiserver'));
  const events = new EventRecorder(api, store, clock);
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const ctx: ControllerContext = { api, store, clock, events, rng: rng.fork('controller'), now: () => clock.nowMs };
  const writes: WatchEvent[] = [];
  store.watch('*', (e) => writes.push(e));
  const controller = factory(ctx, new WorkQueue(clock, 'test'));
  const h: Harness = {
    ctx,
    store,
    api,
    clock,
    writes,
    controller,
    reset: () => {
      writes.length = 0;
    },
    written: (kind, type) => writes.filter((w) => w.object.kind === kind && (!type || w.type === type)).map((w) => w.object),
    events: () => h.written('Event', 'ADDED').map((e) => `${(e as Event).reason} ${(e as Event).message}`),
  };
  return h;
}

export interface PodState {
  name: string;
  labels?: Record<string, string>;
  /** Controlled by this owner. */
  owner?: KubeObject;
  node?: string;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  /** Ready since this many ms before now (undefined: not ready). */
  readyForMs?: number;
  /** Created this many ms before now. */
  ageMs?: number;
  deleting?: boolean;
  restarts?: number;
  annotations?: Record<string, string>;
  extra?: Partial<Manifest>;
}

/** Store a pod in an exact state (bypassing scheduler and kubelet). */
export function seedPod(h: Harness, p: PodState): Pod {
  const now = h.clock.nowMs;
  const manifest: Manifest = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: 'default',
      labels: p.labels ?? {},
      ...(p.annotations ? { annotations: p.annotations } : {}),
      ...(p.owner ? { ownerReferences: [ownerRefTo(p.owner)] } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...(p.node ? { nodeName: p.node } : {}), ...((p.extra?.spec as object) ?? {}) },
  };
  if (p.ageMs) h.clock.nowMs = now - p.ageMs;
  let pod = h.api.create<Pod>(manifest);
  h.clock.nowMs = now;
  const status = clone(pod.status ?? {});
  status.phase = p.phase ?? (p.node ? 'Running' : 'Pending');
  if (p.readyForMs !== undefined || p.node) {
    status.conditions = [{ type: 'Ready', status: p.readyForMs !== undefined ? 'True' : 'False', lastTransitionTime: formatTime(now - (p.readyForMs ?? 0)) }];
  }
  if (p.restarts) status.containerStatuses = [{ name: 'c', ready: p.readyForMs !== undefined, restartCount: p.restarts, image: 'nginx', imageID: '' }];
  pod = h.api.updateStatus<Pod>({ ...pod, status });
  if (p.deleting) pod = h.api.delete<Pod>('Pod', 'default', p.name, { gracePeriodSeconds: 30 });
  return pod;
}
