/**
 * The kubelets of every node, as one controller keyed by pod: a pod bound to a node is handed to
 * that node's pod worker, whose runtime state becomes the pod's status; a pod whose deletion
 * finished on the node is removed from the API (grace 0). Nodes that are down do nothing.
 * Mirrors pkg/kubelet/kubelet.go syncPod / syncTerminatingPod / syncTerminatedPod, in our words.
 */
import type { Controller, ControllerContext } from '../client/controller.ts';
import type { WorkQueue } from '../client/workQueue.ts';
import type { Pod } from '../api/objects.ts';
import { keyOf } from '../api/objects.ts';
import { StatusError } from '../apiserver/errors.ts';
import type { ContainerRuntime } from '../containers/runtime.ts';
import { type NodeOptions, NodeAgent } from './nodeAgent.ts';
import { PodWorker, type ContainerRun } from './podWorker.ts';
import { computePodStatus } from './podStatus.ts';
import type { LogLine } from './logs.ts';
import type { WatchEvent } from '../store/store.ts';

export interface KubeletOptions {
  runtime: ContainerRuntime;
  startProbes?: (worker: PodWorker, run: ContainerRun) => (() => void) | undefined;
}

export class Kubelets implements Controller {
  readonly name = 'kubelet';
  readonly watches: Controller['watches'];
  private readonly agents = new Map<string, NodeAgent>();
  private readonly workers = new Map<string, PodWorker>();
  private nodeCount = 0;
  private readonly renewalListeners: ((nodeName: string) => void)[] = [];
  /** The pod whose status this kubelet is writing right now (its watch echo is ignored). */
  private writingStatusOf: string | undefined;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly queue: WorkQueue,
    private readonly options: KubeletOptions,
  ) {
    this.watches = [
      {
        kind: 'Pod',
        keys: (e: WatchEvent) => {
          const key = e.key;
          // The echo of our own status write carries nothing new.
          if (key === this.writingStatusOf && e.type === 'MODIFIED') return undefined;
          return (e.object as Pod).spec?.nodeName || (e.old as Pod | undefined)?.spec?.nodeName || this.workers.has(key) ? key : undefined;
        },
      },
    ];
  }

  // ---- nodes ----

  addNode(options: NodeOptions): NodeAgent {
    const agent = new NodeAgent(this.nodeCount++, options, {
      api: this.ctx.api,
      clock: this.ctx.clock,
      events: this.ctx.events,
      runtime: this.options.runtime,
      rng: this.ctx.rng.fork(`node/${options.name}`),
      lookup: (kind, ns, name) => this.ctx.store.get(kind, `${ns}/${name}`),
      requestSync: (key) => this.queue.add(key),
      ...(this.options.startProbes ? { startProbes: this.options.startProbes } : {}),
    });
    this.agents.set(options.name, agent);
    agent.register();
    // Pods may have been bound to this node name before it registered: the kubelet picks them up.
    for (const pod of this.ctx.store.byIndex<Pod>('Pod', 'nodeName', options.name)) this.queue.add(keyOf(pod));
    return agent;
  }

  agent(name: string): NodeAgent | undefined {
    return this.agents.get(name);
  }

  /** Be told when a node's kubelet stops or resumes renewing its lease (it failed, recovered or went). */
  onRenewalChange(listener: (nodeName: string) => void): void {
    this.renewalListeners.push(listener);
  }

  private renewalChanged(name: string): void {
    for (const listener of this.renewalListeners) listener(name);
  }

  get nodeAgents(): IterableIterator<NodeAgent> {
    return this.agents.values();
  }

  /** Forget a node entirely (its Node object is being deleted). */
  removeNode(name: string): void {
    const agent = this.agents.get(name);
    if (!agent) return;
    agent.stop();
    for (const [key, w] of this.workers) {
      if (w.pod.spec?.nodeName === name) {
        w.abandon();
        this.options.runtime.release?.(w.uid);
        this.workers.delete(key);
      }
    }
    this.agents.delete(name);
    this.renewalChanged(name);
  }

  failNode(name: string): void {
    const agent = this.agents.get(name);
    if (!agent || !agent.alive) return;
    agent.fail();
    for (const w of this.workers.values()) if (w.pod.spec?.nodeName === name) w.abandon();
    this.renewalChanged(name);
  }

  recoverNode(name: string): void {
    const agent = this.agents.get(name);
    if (!agent || agent.alive) return;
    agent.recover();
    this.renewalChanged(name);
    for (const [key, w] of this.workers) {
      if (w.pod.spec?.nodeName !== name) continue;
      const current = this.ctx.store.get<Pod>('Pod', key);
      if (!current) {
        this.workers.delete(key);
        continue;
      }
      const fresh = new PodWorker(current, agent);
      fresh.adoptAfterReboot(w);
      this.workers.set(key, fresh);
      this.queue.add(key);
    }
    for (const pod of this.ctx.store.byIndex<Pod>('Pod', 'nodeName', name)) this.queue.add(keyOf(pod));
  }

  // ---- pods ----

  reconcile(key: string): void {
    const pod = this.ctx.store.get<Pod>('Pod', key);
    let worker = this.workers.get(key);
    if (!pod || (worker && worker.uid !== pod.metadata.uid)) {
      if (worker) this.retire(key, worker);
      worker = undefined;
      if (!pod) return;
    }
    const nodeName = pod.spec?.nodeName;
    const agent = nodeName ? this.agents.get(nodeName) : undefined;
    if (!agent || !agent.alive) return;
    if (!worker) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      if (pod.metadata.deletionTimestamp) {
        this.removeFromApi(pod);
        return;
      }
      worker = new PodWorker(pod, agent);
      this.workers.set(key, worker);
    }
    worker.deadlineChanged(pod);
    worker.advance(pod);
    const status = computePodStatus(pod, worker, agent.hostIP, this.ctx.now());
    let latest: Pod;
    this.writingStatusOf = key;
    try {
      // The status is built here for this write: the API server need not decode it. An unchanged
      // status writes nothing (the server returns the stored version).
      latest = this.ctx.api.updateStatus<Pod>({ apiVersion: pod.apiVersion, kind: pod.kind, metadata: pod.metadata, status }, { owned: true });
    } finally {
      this.writingStatusOf = undefined;
    }
    // The worker goes on with the version just written (the one it had is garbage now).
    worker.pod = latest;
    if (worker.terminating && worker.finished) this.removeFromApi(latest);
  }

  private retire(key: string, worker: PodWorker): void {
    worker.abandon();
    this.options.runtime.release?.(worker.uid);
    this.agents.get(worker.pod.spec?.nodeName ?? '')?.releasePodIP(worker.podIP);
    this.workers.delete(key);
  }

  /** The kubelet's final DELETE with grace 0 once all containers stopped. */
  private removeFromApi(pod: Pod): void {
    try {
      this.ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    } catch (e) {
      if (!(e instanceof StatusError && (e.reason === 'NotFound' || e.reason === 'Conflict'))) throw e;
    }
  }

  /**
   * After the controllers settle, every pod worker runs a stored pod (same uid) bound to the
   * worker's own, still registered node. Returns one line per discrepancy; for the invariant checkers.
   */
  verifyWorkers(): string[] {
    const problems: string[] = [];
    for (const [key, worker] of this.workers) {
      const pod = this.ctx.store.get<Pod>('Pod', key);
      const nodeName = worker.pod.spec?.nodeName ?? '';
      if (!this.agents.has(nodeName)) problems.push(`kubelet worker for ${key} belongs to unknown node "${nodeName}"`);
      if (!pod) problems.push(`kubelet worker for ${key} outlived its pod`);
      else if (pod.metadata.uid !== worker.uid) problems.push(`kubelet worker for ${key} runs uid ${worker.uid}, stored pod is ${pod.metadata.uid}`);
      else if (pod.spec?.nodeName !== nodeName) problems.push(`kubelet worker for ${key} runs on ${nodeName}, pod is bound to ${pod.spec?.nodeName ?? '<none>'}`);
    }
    return problems;
  }

  // ---- what `kubectl logs`, `exec` and `sim pod exit` reach ----

  worker(namespace: string, name: string): PodWorker | undefined {
    return this.workers.get(`${namespace}/${name}`);
  }

  /** Lines a container wrote; undefined when the kubelet has no such container. */
  logs(namespace: string, pod: string, container: string, previous: boolean): readonly LogLine[] | undefined {
    const run = this.workers.get(`${namespace}/${pod}`)?.run(container);
    if (!run) return undefined;
    return (previous ? run.previousLogs : run.logs)?.lines;
  }

  exitContainer(namespace: string, pod: string, container: string | undefined, code: number): boolean {
    return this.workers.get(`${namespace}/${pod}`)?.forceExit(container, code) ?? false;
  }
}
