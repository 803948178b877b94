/**
 * What kubectl needs from a cluster, as one interface: the API server's verbs, resource lookup,
 * container logs and exec, virtual time (for `wait`, `delete --wait`, `rollout status`) and watch.
 * `simulationClient` implements it over an engine Simulation; every write lets the controllers
 * react at the same virtual instant, as a live control plane would within milliseconds.
 */
import {
  type ApiServer,
  type DeleteOptions,
  type KindDef,
  type KubeObject,
  type ListOptions,
  type LogLine,
  type Manifest,
  type PatchType,
  type Pod,
  type Simulation,
  type WatchEvent,
  type WriteOptions,
  allKinds,
  resolveResource,
} from '../engine/index.ts';

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface KubeClient {
  now(): number;
  /** Resolve `pods`, `po`, `deploy`, `jobs.batch`... to a kind. */
  resource(name: string): KindDef | undefined;
  /** Every kind the server serves (discovery: `api-resources`, `get all`, completion). */
  kinds(): KindDef[];
  /** The kind a manifest's apiVersion + kind name (throws a StatusError when unknown). */
  kindFor(apiVersion: string | undefined, kind: string | undefined): KindDef;
  tryGet<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined;
  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T;
  list<T extends KubeObject = KubeObject>(kind: string, opts?: ListOptions): T[];
  create<T extends KubeObject = KubeObject>(obj: Manifest, opts?: WriteOptions): T;
  update<T extends KubeObject = KubeObject>(obj: KubeObject, opts?: WriteOptions): T;
  patch<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string, type: PatchType, patch: unknown, opts?: WriteOptions): T;
  delete<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string, opts?: DeleteOptions): T;
  evict(namespace: string, name: string, opts?: { gracePeriodSeconds?: number; dryRun?: boolean }): Pod;
  /** Lines a container wrote (undefined: no such container on the node). Throws if the node is unreachable. */
  logs(namespace: string, pod: string, container: string, previous: boolean): LogLine[] | undefined;
  /** Run a command in a running container; undefined when exec is not supported by the runtime. */
  exec?(namespace: string, pod: string, container: string, argv: string[], stdin?: string): ExecResult;
  /** Advance virtual time until `predicate` holds or `timeoutMs` passes; returns whether it holds. */
  waitFor(predicate: () => boolean, timeoutMs: number): boolean;
  /** The node's heartbeat Lease (kube-node-lease), when the runtime keeps one. */
  nodeLease?(name: string): { holderIdentity: string; renewTimeMs: number } | undefined;
  /** Subscribe to writes of a kind; returns the unsubscribe function. */
  watch(kind: string, listener: (event: WatchEvent) => void): () => void;
}

/** Optional capabilities an engine may expose beyond the API server (logs, exec). */
interface SimulationLike {
  api: ApiServer;
  store: { watch(kind: string, l: (e: WatchEvent) => void): () => void };
  now(): number;
  settle(): void;
  runUntil(predicate: () => boolean, limitMs: number): boolean;
  kubelets: {
    logs(ns: string, pod: string, container: string, previous: boolean): LogLine[] | undefined;
    agent?(name: string): { leaseRenewedMs(nowMs: number): number } | undefined;
  };
  exec?(namespace: string, pod: string, container: string, argv: string[], stdin?: string): ExecResult;
  nodeReachable?(name: string): boolean;
}

export function simulationClient(simulation: Simulation): KubeClient {
  const sim = simulation as unknown as SimulationLike;
  const { api } = sim;
  const write = <T>(fn: () => T): T => {
    try {
      return fn();
    } finally {
      sim.settle();
    }
  };
  const client: KubeClient = {
    now: () => sim.now(),
    resource: (name) => resolveResource(name),
    kinds: () => allKinds(),
    kindFor: (apiVersion, kind) => api.kindFor(apiVersion, kind),
    tryGet: (kind, ns, name) => api.tryGet(kind, ns, name),
    get: (kind, ns, name) => api.get(kind, ns, name),
    list: (kind, opts) => api.list(kind, opts),
    create: (obj, opts) => write(() => api.create(obj, opts)),
    update: (obj, opts) => write(() => api.update(obj, opts)),
    patch: (kind, ns, name, type, patch, opts) => write(() => api.patch(kind, ns, name, type, patch, opts)),
    delete: (kind, ns, name, opts) => write(() => api.delete(kind, ns, name, opts)),
    evict: (ns, name, opts) => write(() => api.evict(ns, name, opts)),
    logs: (ns, pod, container, previous) => sim.kubelets.logs(ns, pod, container, previous),
    waitFor: (predicate, timeoutMs) => sim.runUntil(predicate, timeoutMs),
    watch: (kind, listener) => sim.store.watch(kind, listener),
  };
  client.nodeLease = (name) => {
    const agent = sim.kubelets.agent?.(name);
    return agent ? { holderIdentity: name, renewTimeMs: agent.leaseRenewedMs(sim.now()) } : undefined;
  };
  if (sim.exec) client.exec = (ns, pod, container, argv, stdin) => write(() => sim.exec!(ns, pod, container, argv, stdin));
  return client;
}
