/**
 * A simulated node: its kubelet's identity and local state (images on disk, pod IPs of its pod
 * CIDR), registration of the Node object, and the heartbeat the node lifecycle controller watches.
 *
 * Heartbeats are modelled as upstream does them since node leases: the Lease is renewed every 10 s
 * (kept in memory here, read by the node lifecycle controller as `leaseRenewedMs`), and the Node's
 * status is re-posted every 5 minutes when nothing changed (nodeStatusReportFrequency), so an idle
 * day of a large cluster costs almost nothing.
 */
import type { NodeCondition, Taint } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../apiserver/apiServer.ts';
import type { Timer, VirtualClock } from '../clock/clock.ts';
import type { EventRecorder, EventType } from '../client/eventRecorder.ts';
import type { Node, Pod } from '../api/objects.ts';
import { formatTime, MINUTE_MS, SECOND_MS } from '../api/time.ts';
import { formatCpu, formatMemory, parseQuantity } from '../api/quantity.ts';
import type { Rng } from '../random/rng.ts';
import type { ContainerRuntime } from '../containers/runtime.ts';
import type { NodeHost, ContainerRun, PodWorker } from './podWorker.ts';
import type { Lookup } from './env.ts';

export const KUBELET_VERSION = 'v1.32.0';
export const LEASE_RENEW_MS = 10 * SECOND_MS;
export const NODE_STATUS_REPORT_MS = 5 * MINUTE_MS;

export interface NodeOptions {
  name: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  /** Allocatable cpu, e.g. `4` or `3500m`. */
  cpu?: string;
  /** Allocatable memory, e.g. `8Gi`. */
  memory?: string;
  /** Max pods. */
  pods?: number;
  role?: 'control-plane' | 'worker';
  unschedulable?: boolean;
}

export interface NodeAgentDeps {
  api: ApiServer;
  clock: VirtualClock;
  events: EventRecorder;
  runtime: ContainerRuntime;
  rng: Rng;
  lookup: Lookup;
  requestSync(podKey: string): void;
  startProbes?: (worker: PodWorker, run: ContainerRun) => (() => void) | undefined;
}

export class NodeAgent implements NodeHost {
  readonly nodeName: string;
  readonly hostIP: string;
  readonly images = new Map<string, string>();
  readonly allocatable: Record<string, string>;
  alive = true;
  private bootMs: number;
  private failedAtMs: number | undefined;
  private heartbeat: Timer | undefined;
  private readonly usedIPs = new Set<string>();
  private nextIP = 2;

  constructor(
    readonly index: number,
    readonly options: NodeOptions,
    private readonly deps: NodeAgentDeps,
  ) {
    this.nodeName = options.name;
    this.hostIP = `192.168.49.${2 + index}`;
    this.bootMs = deps.clock.nowMs;
    this.allocatable = {
      cpu: options.cpu ?? '4',
      memory: options.memory ?? '8Gi',
      pods: String(options.pods ?? 110),
      'ephemeral-storage': '95551679124',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
    };
  }

  get clock(): VirtualClock {
    return this.deps.clock;
  }

  get rng(): Rng {
    return this.deps.rng;
  }

  get runtime(): ContainerRuntime {
    return this.deps.runtime;
  }

  get lookup(): Lookup {
    return this.deps.lookup;
  }

  get startProbes() {
    return this.deps.startProbes;
  }

  /** The pod CIDR this node hands pod IPs out of. */
  get podCIDR(): string {
    return `10.244.${this.index}.0/24`;
  }

  allocatePodIP(): string {
    for (let tries = 0; tries < 253; tries++) {
      const ip = `10.244.${this.index}.${this.nextIP}`;
      this.nextIP = this.nextIP >= 254 ? 2 : this.nextIP + 1;
      if (!this.usedIPs.has(ip)) {
        this.usedIPs.add(ip);
        return ip;
      }
    }
    return `10.244.${this.index}.255`;
  }

  releasePodIP(ip: string | undefined): void {
    if (ip) this.usedIPs.delete(ip);
  }

  record(pod: Pod, type: EventType, reason: string, message: string, fieldPath?: string): void {
    this.deps.events.record(pod, type, reason, message, fieldPath ? { component: 'kubelet', host: this.nodeName, fieldPath } : { component: 'kubelet', host: this.nodeName });
  }

  requestSync(podKey: string): void {
    this.deps.requestSync(podKey);
  }

  /** When the node's lease was last renewed (every 10 s while the kubelet is up). */
  leaseRenewedMs(nowMs: number): number {
    const until = this.alive ? nowMs : (this.failedAtMs ?? nowMs);
    return this.bootMs + Math.floor((until - this.bootMs) / LEASE_RENEW_MS) * LEASE_RENEW_MS;
  }

  private conditions(nowMs: number, previous?: NodeCondition[]): NodeCondition[] {
    const t = formatTime(nowMs);
    const make = (type: string, status: string, reason: string, message: string): NodeCondition => {
      const prev = previous?.find((c) => c.type === type);
      return { type, status, lastHeartbeatTime: t, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime! : t, reason, message };
    };
    return [
      make('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      make('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      make('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      make('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ];
  }

  /** Register the Node object, as a kubelet does on first start. */
  register(): Node {
    const o = this.options;
    const now = this.deps.clock.nowMs;
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': o.name,
      'kubernetes.io/os': 'linux',
      ...(o.role === 'control-plane' ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
      ...(o.labels ?? {}),
    };
    const capacity = { ...this.allocatable, cpu: formatCpu(parseQuantity(this.allocatable.cpu) ?? 4), memory: formatMemory(parseQuantity(this.allocatable.memory) ?? 8 * 2 ** 30) };
    const id = this.deps.rng.string(32, '0123456789abcdef');
    const node = this.deps.api.create<Node>({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: o.name,
        labels,
        annotations: {
          'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
          'node.alpha.kubernetes.io/ttl': '0',
          'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        },
      },
      spec: {
        podCIDR: this.podCIDR,
        podCIDRs: [this.podCIDR],
        ...(o.taints && o.taints.length > 0 ? { taints: o.taints } : {}),
        ...(o.unschedulable ? { unschedulable: true } : {}),
      },
    });
    const status = {
      capacity,
      allocatable: capacity,
      conditions: this.conditions(now),
      addresses: [
        { type: 'InternalIP', address: this.hostIP },
        { type: 'Hostname', address: o.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: id,
        systemUUID: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`,
        bootID: this.deps.rng.uuid(),
        kernelVersion: '6.8.0-1019-gcp',
        osImage: 'Ubuntu 22.04.5 LTS',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    };
    const registered = this.deps.api.updateStatus<Node>({ ...node, status });
    this.nodeEvent('Normal', 'Starting', 'Starting kubelet.');
    this.nodeEvent('Normal', 'NodeHasSufficientMemory', `Node ${o.name} status is now: NodeHasSufficientMemory`);
    this.nodeEvent('Normal', 'NodeHasNoDiskPressure', `Node ${o.name} status is now: NodeHasNoDiskPressure`);
    this.nodeEvent('Normal', 'NodeHasSufficientPID', `Node ${o.name} status is now: NodeHasSufficientPID`);
    this.nodeEvent('Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    this.nodeEvent('Normal', 'NodeReady', `Node ${o.name} status is now: NodeReady`);
    this.armHeartbeat();
    return registered;
  }

  private nodeEvent(type: EventType, reason: string, message: string): void {
    const node = this.deps.api.tryGet<Node>('Node', undefined, this.nodeName);
    if (node) this.deps.events.record(node, type, reason, message, { component: 'kubelet', host: this.nodeName });
  }

  private armHeartbeat(): void {
    this.deps.clock.cancel(this.heartbeat);
    this.heartbeat = this.deps.clock.after(NODE_STATUS_REPORT_MS, `kubelet:heartbeat:${this.nodeName}`, () => {
      this.postStatus();
      this.armHeartbeat();
    });
  }

  /** Re-post the node's conditions (heartbeat, or recovery after a failure). */
  postStatus(): void {
    const node = this.deps.api.tryGet<Node>('Node', undefined, this.nodeName);
    if (!node || !this.alive) return;
    // Built here for this write (fresh conditions, the rest the stored status): the API server
    // need neither decode nor copy it.
    this.deps.api.updateStatus({ ...node, status: { ...node.status, conditions: this.conditions(this.deps.clock.nowMs, node.status?.conditions) } }, { owned: true });
  }

  /** The node stops: no more heartbeats or status updates; its containers are gone. */
  fail(): void {
    this.alive = false;
    this.failedAtMs = this.deps.clock.nowMs;
    this.deps.clock.cancel(this.heartbeat);
  }

  /** The node boots again: the kubelet re-posts Ready and resumes its pods. */
  recover(): void {
    this.alive = true;
    this.failedAtMs = undefined;
    this.bootMs = this.deps.clock.nowMs;
    this.nodeEvent('Normal', 'Starting', 'Starting kubelet.');
    this.postStatus();
    this.nodeEvent('Normal', 'NodeReady', `Node ${this.nodeName} status is now: NodeReady`);
    this.armHeartbeat();
  }

  stop(): void {
    this.alive = false;
    this.deps.clock.cancel(this.heartbeat);
  }
}
