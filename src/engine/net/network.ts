/**
 * The cluster network as the pods see it: pod IPs (one network namespace per pod, shared by its
 * containers), Service virtual IPs and NodePorts routed the way kube-proxy's iptables mode does it
 * (a random ready endpoint per connection; REJECT when a service has no endpoints), and the servers
 * listening in pods. Every exchange costs a round trip of virtual time.
 *
 * What answers: a live pod's IP (its sandbox is up and it has not finished) — ping works, and a
 * port answers if a process listens on it, else "connection refused"; a node's IP; a ClusterIP on
 * a port the service defines. Anything else drops packets: the caller waits for its timeout.
 */
import type { EndpointSlice, KubeObject, Node, Pod, Service } from '../api/objects.ts';
import type { Store } from '../store/store.ts';
import type { VirtualClock } from '../clock/clock.ts';
import type { Rng } from '../random/rng.ts';
import { Deferred } from '../containers/command.ts';
import { ClusterDns } from './dns.ts';

/** Store index of pods by `namespace/key=value` for each of their labels (service selectors). */
export const PODS_BY_LABEL = 'label';

/** Pods a selector could match: those carrying its first label (the caller checks the rest). */
export function podsWithLabel(store: Store, namespace: string, selector: Record<string, string>): Pod[] {
  const first = Object.entries(selector)[0];
  if (!first) return [];
  return [...store.byIndex<Pod>('Pod', PODS_BY_LABEL, `${namespace}/${first[0]}=${first[1]}`)];
}

/** Store index of EndpointSlices by `namespace/service`. */
export const SLICES_BY_SERVICE = 'service';

export function slicesOf(store: Store, svc: Service): EndpointSlice[] {
  return [...store.byIndex<EndpointSlice>('EndpointSlice', SLICES_BY_SERVICE, `${svc.metadata.namespace}/${svc.metadata.name}`)];
}

/** One network round trip (the clock's resolution is a millisecond). */
export const NET_RTT_MS = 1;

export interface HttpRequest {
  method: string;
  path: string;
  host: string;
  headers: Record<string, string>;
  body: string;
  remoteAddr: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A client connection: servers hold state for it (leases, blocked pops) until it closes. */
export class Connection {
  closed = false;
  private readonly closers: (() => void)[] = [];

  constructor(readonly remoteAddr: string) {}

  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.closers.push(fn);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const fn of this.closers.splice(0)) fn();
  }
}

/** A server bound to a port. `handle` answers one request of the listener's protocol. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a port holds a listener of any protocol
export interface Listener<Req = any, Res = any> {
  protocol: 'http' | 'redis' | 'amqp' | 'tcp';
  handle(request: Req, conn: Connection): Res | Deferred<Res>;
}

export type NetError = 'refused' | 'timeout' | 'reset';

export type Exchanged<Res> = { ok: true; value: Res } | { ok: false; error: NetError };

export type Dialed = { ok: true; listener: Listener; ip: string; port: number } | { ok: false; error: NetError };

const TERMINAL = new Set(['Succeeded', 'Failed']);

/**
 * `<namespace>/<key>=<value>` for each of a pod's labels. Memoised on the labels object: a pod's
 * versions share it until the labels change, and this runs on every pod write.
 */
const labelKeysCache = new WeakMap<Record<string, string>, { namespace: string | undefined; keys: readonly string[] }>();
function podLabelKeys(pod: KubeObject): readonly string[] {
  const labels = pod.metadata.labels;
  if (!labels) return [];
  const namespace = pod.metadata.namespace;
  const cached = labelKeysCache.get(labels);
  if (cached && cached.namespace === namespace) return cached.keys;
  const keys = Object.entries(labels).map(([k, v]) => `${namespace}/${k}=${v}`);
  labelKeysCache.set(labels, { namespace, keys });
  return keys;
}

export class ClusterNetwork {
  readonly dns: ClusterDns;
  private readonly podListeners = new Map<string, Map<number, Listener>>();
  private readonly hostListeners = new Map<string, Listener>();

  constructor(
    private readonly store: Store,
    readonly clock: VirtualClock,
    private readonly rng: Rng,
  ) {
    const podIP = (p: KubeObject) => (p as Pod).status?.podIP;
    store.addIndex(
      'Pod',
      'podIP',
      (p) => {
        const ip = podIP(p);
        return ip ? [ip] : [];
      },
      podIP,
    );
    store.addIndex(
      'Service',
      'clusterIP',
      (s) => {
        const ip = (s as Service).spec?.clusterIP;
        return ip && ip !== 'None' ? [ip] : [];
      },
      (s) => (s as Service).spec,
    );
    store.addIndex('Pod', PODS_BY_LABEL, podLabelKeys, (p) => p.metadata.labels);
    store.addIndex(
      'EndpointSlice',
      SLICES_BY_SERVICE,
      (s) => {
        const svc = s.metadata.labels?.['kubernetes.io/service-name'];
        return svc ? [`${s.metadata.namespace}/${svc}`] : [];
      },
      (s) => s.metadata.labels,
    );
    this.dns = new ClusterDns(store);
  }

  get now(): number {
    return this.clock.nowMs;
  }

  /** Bind `listener` to `port` in a pod's network namespace. Returns the close function. */
  listen(podUid: string, port: number, listener: Listener): () => void {
    let ports = this.podListeners.get(podUid);
    if (!ports) this.podListeners.set(podUid, (ports = new Map()));
    ports.set(port, listener);
    return () => {
      if (ports.get(port) === listener) ports.delete(port);
      if (ports.size === 0) this.podListeners.delete(podUid);
    };
  }

  /** A server on a node address (the API server on the control plane's 6443). */
  listenHost(ip: string, port: number, listener: Listener): void {
    this.hostListeners.set(`${ip}:${port}`, listener);
  }

  /** The live pod that owns `ip`. */
  podByIp(ip: string): Pod | undefined {
    for (const pod of this.store.byIndex<Pod>('Pod', 'podIP', ip)) {
      if (!TERMINAL.has(pod.status?.phase ?? '')) return pod;
    }
    return undefined;
  }

  nodeByIp(ip: string): Node | undefined {
    for (const node of this.store.list<Node>('Node')) {
      if (node.status?.addresses?.some((a) => a.address === ip)) return node;
    }
    return undefined;
  }

  serviceByIp(ip: string): Service | undefined {
    for (const svc of this.store.byIndex<Service>('Service', 'clusterIP', ip)) return svc;
    return undefined;
  }

  /** Whether `ip` answers ICMP echo. ClusterIPs do not (iptables mode only rewrites TCP/UDP). */
  pingable(ip: string): boolean {
    if (ip === '127.0.0.1') return true;
    if (this.podByIp(ip)) return true;
    const node = this.nodeByIp(ip);
    return node !== undefined && node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  }

  /** Open a TCP connection to `ip:port`, following Service and NodePort rules; `from` is the caller's pod (for 127.0.0.1). */
  dial(ip: string, port: number, from?: string): Dialed {
    if (ip === '127.0.0.1' || ip === '::1') {
      const listener = from ? this.podListeners.get(from)?.get(port) : undefined;
      return listener ? { ok: true, listener, ip, port } : { ok: false, error: 'refused' };
    }
    const svc = this.serviceByIp(ip);
    if (svc) return this.dialService(svc, port, (p) => p.port === port);
    if (this.nodeByIp(ip)) {
      const host = this.hostListeners.get(`${ip}:${port}`);
      if (host) return { ok: true, listener: host, ip, port };
      for (const s of this.store.list<Service>('Service')) {
        if (s.spec?.ports?.some((p) => p.nodePort === port)) return this.dialService(s, port, (p) => p.nodePort === port);
      }
      return { ok: false, error: 'refused' };
    }
    const pod = this.podByIp(ip);
    if (!pod) return { ok: false, error: 'timeout' };
    const listener = this.podListeners.get(pod.metadata.uid)?.get(port);
    return listener ? { ok: true, listener, ip, port } : { ok: false, error: 'refused' };
  }

  private dialService(svc: Service, port: number, match: (p: NonNullable<NonNullable<Service['spec']>['ports']>[number]) => boolean): Dialed {
    const sp = svc.spec?.ports?.find((p) => match(p) && (p.protocol ?? 'TCP') === 'TCP');
    if (!sp) return { ok: false, error: 'timeout' };
    const targets: { ip: string; port: number }[] = [];
    for (const slice of this.slicesOf(svc)) {
      const portNumber = slice.ports?.find((p) => (p.name ?? '') === (sp.name ?? ''))?.port;
      if (portNumber === undefined || portNumber === null) continue;
      for (const ep of slice.endpoints ?? []) {
        if (ep.conditions?.ready === false) continue;
        for (const address of ep.addresses ?? []) targets.push({ ip: address, port: portNumber });
      }
    }
    const target = this.rng.pick(targets);
    if (!target) return { ok: false, error: 'refused' };
    return this.dial(target.ip, target.port);
  }

  /** The EndpointSlices of a service (by their `kubernetes.io/service-name` label, as kube-proxy selects them). */
  slicesOf(svc: Service): EndpointSlice[] {
    return slicesOf(this.store, svc);
  }

  /**
   * Send one request over a fresh connection and wait for the reply, with a timeout. The result
   * arrives a round trip later (or when the server answers, for blocking requests).
   */
  exchange<Req, Res>(ip: string, port: number, protocol: Listener['protocol'], request: Req, conn: Connection, timeoutMs: number, from?: string): Deferred<Exchanged<Res>> {
    const result = new Deferred<Exchanged<Res>>();
    const dialed = this.dial(ip, port, from);
    const timer = this.clock.after(timeoutMs, 'net:timeout', () => result.resolve({ ok: false, error: 'timeout' }));
    const settle = (v: Exchanged<Res>) => {
      this.clock.after(NET_RTT_MS, 'net:reply', () => {
        this.clock.cancel(timer);
        result.resolve(v);
      });
    };
    if (!dialed.ok) {
      if (dialed.error !== 'timeout') settle({ ok: false, error: dialed.error });
      return result;
    }
    if (dialed.listener.protocol !== protocol) {
      settle({ ok: false, error: 'reset' });
      return result;
    }
    const reply = (dialed.listener as Listener<Req, Res>).handle(request, conn);
    if (reply instanceof Deferred) reply.subscribe((v) => settle({ ok: true, value: v }));
    else settle({ ok: true, value: reply });
    return result;
  }

  /** TCP connect only (tcpSocket probes, `nc -z`). */
  connect(ip: string, port: number, timeoutMs: number, from?: string): Deferred<{ ok: true } | { ok: false; error: NetError }> {
    const result = new Deferred<{ ok: true } | { ok: false; error: NetError }>();
    const dialed = this.dial(ip, port, from);
    if (!dialed.ok && dialed.error === 'timeout') {
      this.clock.after(timeoutMs, 'net:timeout', () => result.resolve({ ok: false, error: 'timeout' }));
      return result;
    }
    this.clock.after(NET_RTT_MS, 'net:connect', () => result.resolve(dialed.ok ? { ok: true } : { ok: false, error: dialed.error }));
    return result;
  }
}
