/**
 * One controller on its own, as upstream's controller unit tests run one: a store, an API server, an
 * event recorder and a virtual clock, no scheduler, kubelets or other controllers. Tests set up
 * objects through `api`, call `controller.reconcile(key)` and look at what changed in the store.
 * Never imported by production code.
 */
import { ApiServer } from '../apiserver/apiServer.ts';
import { VirtualClock } from '../clock/clock.ts';
import type { Controller, ControllerContext, ControllerFactory } from '../client/controller.ts';
import { EventRecorder } from '../client/eventRecorder.ts';
import { WorkQueue } from '../client/workQueue.ts';
import { DEFAULT_START_MS } from '../api/time.ts';
import { createRng } from '../random/rng.ts';
import { Store } from '../store/store.ts';

export interface ControllerHarness {
  clock: VirtualClock;
  store: Store;
  api: ApiServer;
  ctx: ControllerContext;
  controller: Controller;
}

export function controllerHarness(factory: ControllerFactory, startMs = DEFAULT_START_MS): ControllerHarness {
  const clock = new VirtualClock(startMs);
  const rng = createRng('harness');
  const store = new Store({ freeze: true });
  const api = new ApiServer(store, () => clock.nowMs, rng.fork('apiserver'));
  const events = new EventRecorder(api, store, clock);
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const ctx: ControllerContext = { api, store, clock, events, rng: rng.fork('controller'), now: () => clock.nowMs };
  const controller = factory(ctx, new WorkQueue(clock, 'harness'));
  return { clock, store, api, ctx, controller };
}
