/**
 * A whole cluster on a virtual clock: store + API server + controllers + scheduler + kubelets,
 * wired together and driven by a discrete-event loop.
 *
 * One step = fire every timer due at the next instant, then run controllers to quiescence. Time
 * jumps straight from one scheduled event to the next, so idle hours cost nothing. External writes
 * (kubectl, UI actions) happen between steps; call `settle()` after them so controllers react at
 * the same virtual instant, as a real control plane would within milliseconds.
 */
import { ApiServer } from '../apiserver/apiServer.ts';
import { VirtualClock, fireTimer } from '../clock/clock.ts';
import type { ControllerContext, ControllerFactory } from '../client/controller.ts';
import { EventRecorder } from '../client/eventRecorder.ts';
import { DEFAULT_START_MS } from '../api/time.ts';
import { type Node, type Pod, clone } from '../api/objects.ts';
import { createRng, type Rng } from '../random/rng.ts';
import { Store } from '../store/store.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import { Kubelets } from '../kubelet/kubelet.ts';
import type { NodeOptions } from '../kubelet/nodeAgent.ts';
import type { ContainerRuntime } from '../containers/runtime.ts';
import { SimRuntime } from '../containers/simRuntime.ts';
import { ClusterNetwork, Connection, type HttpRequest, type HttpResponse } from '../net/network.ts';
import { bootstrapKubernetesService } from '../net/apiserverService.ts';
import { createProber } from '../kubelet/probes.ts';
import type { ConfigMap, Secret, Service } from '../api/objects.ts';
import { nodeLifecycleController, registeredNodeEvent } from '../controllers/nodeLifecycle.ts';
import { StatusError } from '../apiserver/errors.ts';
import { CONTROLLERS } from './controllers.ts';
import { ControllerManager, LoopLimitError } from './controllerManager.ts';
import { Trace, type TraceMode } from './trace.ts';

export interface SimulationOptions {
  seed?: number | string;
  /** Virtual start time (epoch ms). */
  startMs?: number;
  /** The nodes to boot; `defaultNodes()` when omitted. */
  nodes?: NodeOptions[];
  runtime?: ContainerRuntime;
  /** Deep-freeze stored objects (tests), so accidental mutation throws. */
  freeze?: boolean;
  trace?: TraceMode;
}

/** The default cluster: one control-plane node (tainted) and three workers. */
export function defaultNodes(workers = 3): NodeOptions[] {
  const nodes: NodeOptions[] = [
    { name: 'control-plane', role: 'control-plane', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
  ];
  for (let i = 1; i <= workers; i++) nodes.push({ name: `worker-${i}`, role: 'worker' });
  return nodes;
}

const MAX_STEPS_PER_INSTANT = 100_000;

/** The longest a `kubectl exec` session runs (virtual time) before it is killed. */
export const EXEC_LIMIT_MS = 10 * 60_000;

/** A `kubectl exec` that could not start; the message is what kubectl prints after `error: `. */
export class ExecError extends Error {}

export class Simulation {
  readonly seed: number | string;
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly store: Store;
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly trace: Trace;
  readonly kubelets: Kubelets;
  readonly scheduler: Scheduler;
  /** The pod network: services, DNS, servers listening in pods. */
  readonly network: ClusterNetwork;
  readonly runtime: ContainerRuntime;
  private readonly manager: ControllerManager;
  private stepsThisInstant = 0;
  private lastInstant = -1;

  constructor(options: SimulationOptions = {}) {
    this.seed = options.seed ?? 1;
    this.clock = new VirtualClock(options.startMs ?? DEFAULT_START_MS);
    this.rng = createRng(this.seed);
    this.store = new Store({ freeze: options.freeze ?? false });
    this.store.addIndex(
      'Pod',
      'nodeName',
      (p) => {
        const n = (p as Pod).spec?.nodeName;
        return n ? [n] : [];
      },
      (p) => (p as Pod).spec,
    );
    this.trace = new Trace(options.trace ?? 'light', () => this.clock.nowMs);
    this.store.watch('*', (e) => this.trace.record(e));
    this.api = new ApiServer(this.store, () => this.clock.nowMs, this.rng.fork('apiserver'));
    this.events = new EventRecorder(this.api, this.store, this.clock);
    this.manager = new ControllerManager(this.store, String(this.seed));
    this.network = new ClusterNetwork(this.store, this.clock, this.rng.fork('network'));
    let servicesVersion = 0;
    this.store.watch('Service', () => servicesVersion++);
    const runtime =
      options.runtime ??
      new SimRuntime({
        clock: this.clock,
        rng: this.rng.fork('runtime'),
        network: this.network,
        lookup: (kind, ns, name) => this.store.get<ConfigMap | Secret>(kind, `${ns}/${name}`),
        services: (ns) => [...this.store.list<Service>('Service')].filter((s) => s.metadata.namespace === ns),
        servicesVersion: () => servicesVersion,
        currentPod: (ns, name) => this.store.get<Pod>('Pod', `${ns}/${name}`),
      });
    this.runtime = runtime;
    const startProbes = createProber({
      clock: this.clock,
      network: this.network,
      exec: (uid, container, argv) => runtime.exec?.(uid, container, argv) ?? { ok: false, reason: 'exec-failed', message: 'exec is not supported by this container runtime' },
    });

    this.bootstrapNamespaces();
    for (const reg of CONTROLLERS) this.addController(reg.name, reg.factory);
    this.scheduler = this.addController('scheduler', (ctx, queue) => new Scheduler(ctx, queue)) as Scheduler;
    this.kubelets = this.addController('kubelet', (ctx, queue) => new Kubelets(ctx, queue, { runtime, startProbes })) as Kubelets;
    this.addController('node-lifecycle', (ctx) =>
      nodeLifecycleController(ctx, {
        leaseRenewedMs: (name, now) => this.kubelets.agent(name)?.leaseRenewedMs(now),
        renewing: (name) => this.kubelets.agent(name)?.alive ?? false,
        onRenewalChange: (listener) => this.kubelets.onRenewalChange(listener),
      }),
    );
    const nodes = options.nodes ?? defaultNodes();
    for (const node of nodes) this.addNode(node);
    const master = nodes.find((n) => n.role === 'control-plane') ?? nodes[0];
    bootstrapKubernetesService(this.api, this.network, master ? this.kubelets.agent(master.name)?.hostIP : undefined);
    this.settle();
  }

  /** Register a controller (wired to the store, with its own random stream). */
  addController(name: string, factory: ControllerFactory) {
    return this.manager.add(name, (n) => this.context(n), factory);
  }

  private context(name: string): ControllerContext {
    return {
      api: this.api,
      store: this.store,
      clock: this.clock,
      events: this.events,
      rng: this.rng.fork(`controller/${name}`),
      now: () => this.clock.nowMs,
    };
  }

  private bootstrapNamespaces(): void {
    for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      this.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
  }

  // ---- time ----

  now(): number {
    return this.clock.nowMs;
  }

  /** Let controllers react to whatever was just written, at the current instant. */
  settle(): void {
    this.manager.runToQuiescence(this.clock.nowMs);
  }

  /** The virtual time of the next scheduled event, if any. */
  nextEventMs(): number | undefined {
    return this.clock.nextDueMs();
  }

  /**
   * Process the next instant that has timers due, if it is not after `untilMs`.
   * Returns false when there is nothing to do by then.
   */
  step(untilMs = Number.POSITIVE_INFINITY): boolean {
    this.settle();
    const due = this.clock.takeDue(untilMs);
    if (due.length === 0) return false;
    const at = due[0]!.dueMs;
    if (at === this.lastInstant) {
      if (++this.stepsThisInstant > MAX_STEPS_PER_INSTANT) {
        throw new LoopLimitError(`timers keep firing at t=${at}ms (last: ${due[0]!.label}); seed ${this.seed}`);
      }
    } else {
      this.lastInstant = at;
      this.stepsThisInstant = 0;
    }
    this.clock.nowMs = at;
    for (const t of due) fireTimer(t);
    this.settle();
    return true;
  }

  /** Run virtual time forward to `targetMs`, processing every event on the way. */
  advanceTo(targetMs: number): void {
    while (this.step(targetMs)) {
      /* keep stepping */
    }
    if (targetMs > this.clock.nowMs) this.clock.nowMs = targetMs;
    this.settle();
  }

  advance(ms: number): void {
    this.advanceTo(this.clock.nowMs + ms);
  }

  /**
   * Step until `predicate` holds or `limitMs` of virtual time passed. Returns whether it holds.
   * Time stops at the instant the predicate first became true.
   */
  runUntil(predicate: () => boolean, limitMs: number): boolean {
    const deadline = this.clock.nowMs + limitMs;
    this.settle();
    if (predicate()) return true;
    while (this.step(deadline)) if (predicate()) return true;
    if (deadline > this.clock.nowMs) this.clock.nowMs = deadline;
    this.settle();
    return predicate();
  }

  // ---- nodes ----

  addNode(options: NodeOptions): Node {
    if (this.store.get('Node', options.name)) throw new StatusError('AlreadyExists', `nodes "${options.name}" already exists`);
    const agent = this.kubelets.addNode(options);
    const node = this.api.get<Node>('Node', undefined, agent.nodeName);
    registeredNodeEvent(this.context('node-lifecycle'), node);
    this.settle();
    return node;
  }

  /** Delete the Node object; its kubelet stops and pod GC cleans up its pods. */
  removeNode(name: string): void {
    this.api.get('Node', undefined, name);
    this.kubelets.removeNode(name);
    this.api.delete('Node', undefined, name);
    this.settle();
  }

  /** The node stops heartbeating and its containers die (power loss). */
  failNode(name: string): void {
    this.api.get('Node', undefined, name);
    this.kubelets.failNode(name);
    this.settle();
  }

  recoverNode(name: string): void {
    this.api.get('Node', undefined, name);
    this.kubelets.recoverNode(name);
    this.settle();
  }

  // ---- containers ----

  /** Make a running container exit with `code`. Returns false when no such running container. */
  exitContainer(namespace: string, pod: string, code: number, container?: string): boolean {
    const ok = this.kubelets.exitContainer(namespace, pod, container, code);
    this.settle();
    return ok;
  }

  /**
   * `kubectl exec`: run `argv` in a running container with its environment and files, advancing
   * virtual time until the command ends (at most EXEC_LIMIT_MS, after which it is killed).
   * Throws a StatusError (no such pod) or an ExecError with kubectl's message.
   */
  exec(namespace: string, podName: string, container: string, argv: string[], stdin?: string): { stdout: string; stderr: string; exitCode: number } {
    const pod = this.api.get<Pod>('Pod', namespace, podName);
    const run = this.kubelets.worker(namespace, podName)?.run(container);
    const proc = run?.proc;
    if (!run || !proc || run.state.kind !== 'running') throw new ExecError(`unable to upgrade connection: container not found ("${container}")`);
    const started = this.runtime.exec?.(pod.metadata.uid, container, argv, stdin);
    if (!started) throw new ExecError('unable to upgrade connection: exec is not supported by this container runtime');
    if (!started.ok) throw new ExecError(started.reason === 'not-found' ? `unable to upgrade connection: ${started.message}` : `Internal error occurred: ${started.message}`);
    const { session } = started;
    this.runUntil(() => session.exit.done || run.proc !== proc, EXEC_LIMIT_MS);
    if (!session.exit.done) session.kill();
    this.settle();
    return { stdout: session.stdout(), stderr: session.stderr(), exitCode: session.exit.result ?? 137 };
  }

  /**
   * An HTTP request into the cluster from outside a pod, as `kubectl port-forward` + curl or a
   * node's curl would make it (tests and the UI use it): `http://web.default/`, a ClusterIP, a pod
   * IP or `http://<node-ip>:<nodePort>`. Names resolve with cluster DNS from `namespace`. Advances
   * virtual time until the reply or the timeout.
   */
  request(url: string, options: { method?: string; namespace?: string; timeoutMs?: number } = {}): { ok: true; status: number; headers: Record<string, string>; body: string } | { ok: false; error: string } {
    const m = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
    if (!m) return { ok: false, error: 'badurl' };
    const answer = this.network.dns.lookup(m[1]!, options.namespace ?? 'default');
    if (!answer) return { ok: false, error: 'resolve' };
    const port = m[2] ? Number(m[2]) : url.startsWith('https') ? 443 : 80;
    const request: HttpRequest = { method: options.method ?? 'GET', path: m[3] ?? '/', host: m[1]!, headers: { 'User-Agent': 'kubesim' }, body: '', remoteAddr: '127.0.0.1' };
    const reply = this.network.exchange<HttpRequest, HttpResponse>(answer.ips[0]!, port, 'http', request, new Connection('127.0.0.1'), options.timeoutMs ?? 30_000);
    this.runUntil(() => reply.done, (options.timeoutMs ?? 30_000) + 1_000);
    const r = reply.result;
    if (!r) return { ok: false, error: 'timeout' };
    return r.ok ? { ok: true, status: r.value.status, headers: r.value.headers, body: r.value.body } : { ok: false, error: r.error };
  }

  /** Reconcile failures so far (should stay empty). */
  get controllerErrors() {
    return this.manager.errors;
  }

  /** A snapshot of every stored object (for tests and invariants). */
  objects(kind: string): unknown[] {
    return [...this.store.list(kind)].map((o) => clone(o));
  }
}
