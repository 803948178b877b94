/**
 * The engine's public surface: everything kubectl, the scenario runner, the worker and the CLI may
 * use. Anything not exported here is internal to the engine.
 */
export { Simulation, defaultNodes, type SimulationOptions, ExecError, EXEC_LIMIT_MS } from './sim/simulation.ts';
export { LoopLimitError } from './sim/controllerManager.ts';
export type { NodeOptions } from './kubelet/nodeAgent.ts';
export type { LogLine } from './kubelet/logs.ts';
export { ApiServer, type DeleteOptions, type ListOptions, type WriteOptions } from './apiserver/apiServer.ts';
export { StatusError, type Status, qualifiedResource } from './apiserver/errors.ts';
export type { PatchType } from './apiserver/patch.ts';
export type { WatchEvent, WatchEventType } from './store/store.ts';
export { type KindDef, kindDef, resolveResource, allKinds, type PropagationPolicy } from './api/kinds.ts';
export * from './api/objects.ts';
export * from './api/labels.ts';
export * from './api/time.ts';
export { parseQuantity, formatCpu, formatMemory, milli } from './api/quantity.ts';
export { parseSchedule, nextRuns, isValidTimeZone } from './api/cron.ts';
export { type FieldError, formatFieldError } from './api/fieldErrors.ts';
export { createRng, type Rng } from './random/rng.ts';
export { podRequests } from './scheduler/plugins.ts';
export * as apps from './controllers/appsApi.ts';
export { parseFieldSelector, matchesFields } from './apiserver/fieldSelector.ts';
export { remainingBackoffMs } from './controllers/job/backoff.ts';
