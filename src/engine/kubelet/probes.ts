/**
 * The kubelet's prober (pkg/kubelet/prober/worker.go and prober.go, in our words): one loop per
 * probe of a running container, every `periodSeconds` after `initialDelaySeconds`, each attempt
 * bounded by `timeoutSeconds`.
 *
 * - startup: liveness and readiness wait until it succeeds; `failureThreshold` failures kill the
 *   container ("failed startup probe, will be restarted").
 * - liveness: `failureThreshold` consecutive failures kill the container — SIGTERM, then SIGKILL
 *   after the grace period — and the restart policy restarts it; the probe is then on hold until
 *   the new instance starts (which gets fresh loops).
 * - readiness: `successThreshold` successes make the container ready, `failureThreshold` failures
 *   unready; the pod's Ready condition (and so its endpoints) follow.
 *
 * Handlers: httpGet (2xx/3xx is success), tcpSocket (the connection opens), exec (exit 0), and
 * grpc (answered by the TCP check: kubesim has no gRPC servers). Every failed attempt records
 * `Warning Unhealthy "<Kind> probe failed: <detail>"` with the upstream detail text.
 */
import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { VirtualClock, Timer } from '../clock/clock.ts';
import { type ClusterNetwork, Connection, type HttpRequest, type HttpResponse } from '../net/network.ts';
import { Deferred } from '../containers/command.ts';
import type { ExecStart } from '../containers/runtime.ts';
import type { ContainerRun, PodWorker } from './podWorker.ts';
import { SECOND_MS } from '../api/time.ts';

export const KUBE_PROBE_USER_AGENT = 'kube-probe/1.32';

export interface ProberDeps {
  clock: VirtualClock;
  network: ClusterNetwork;
  exec(podUid: string, container: string, argv: string[]): ExecStart;
}

type Kind = 'Startup' | 'Liveness' | 'Readiness';
type Outcome = { ok: true } | { ok: false; detail: string; errored?: boolean };

/** Resolve a probe's port (a number, or the name of one of the container's ports). */
export function probePort(port: number | string | undefined, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** Run one probe attempt; the outcome arrives on the virtual clock. */
export function runProbe(deps: ProberDeps, probe: Probe, worker: PodWorker, run: ContainerRun): Deferred<Outcome> {
  const result = new Deferred<Outcome>();
  const timeoutMs = (probe.timeoutSeconds ?? 1) * SECOND_MS;
  const ip = worker.podIP ?? '';
  if (probe.exec) {
    const started = deps.exec(worker.uid, run.name, [...(probe.exec.command ?? [])]);
    if (!started.ok) {
      result.resolve({ ok: false, detail: `rpc error: code = Unknown desc = ${started.message}`, errored: true });
      return result;
    }
    const { session } = started;
    const timer = deps.clock.after(timeoutMs, 'probe:exec-timeout', () => {
      session.kill();
      result.resolve({ ok: false, detail: `command "${(probe.exec!.command ?? []).join(' ')}" timed out` });
    });
    session.exit.subscribe((code) => {
      deps.clock.cancel(timer);
      result.resolve(code === 0 ? { ok: true } : { ok: false, detail: session.combined() });
    });
    return result;
  }
  if (probe.httpGet) {
    const port = probePort(probe.httpGet.port as number | string, run.spec);
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const path = probe.httpGet.path ?? '/';
    const host = probe.httpGet.host ?? ip;
    const url = `${scheme}://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
    if (port === undefined) {
      result.resolve({ ok: false, detail: `unable to find port ${String(probe.httpGet.port)} in container ${run.name}`, errored: true });
      return result;
    }
    const headers: Record<string, string> = { 'User-Agent': KUBE_PROBE_USER_AGENT, Accept: '*/*' };
    for (const h of probe.httpGet.httpHeaders ?? []) headers[h.name] = h.value;
    const request: HttpRequest = { method: 'GET', path, host: `${host}:${port}`, headers, body: '', remoteAddr: gateway(ip) };
    const conn = new Connection(gateway(ip));
    deps.network.exchange<HttpRequest, HttpResponse>(host, port, 'http', request, conn, timeoutMs).subscribe((r) => {
      conn.close();
      if (r.ok) {
        const status = r.value.status;
        result.resolve(status >= 200 && status < 400 ? { ok: true } : { ok: false, detail: `HTTP probe failed with statuscode: ${status}` });
      } else if (r.error === 'refused') result.resolve({ ok: false, detail: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` });
      else if (r.error === 'reset') result.resolve({ ok: false, detail: `Get "${url}": EOF` });
      else result.resolve({ ok: false, detail: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` });
    });
    return result;
  }
  const socket = probe.tcpSocket ?? (probe.grpc ? { port: probe.grpc.port } : undefined);
  if (socket) {
    const port = probePort(socket.port as number | string, run.spec);
    if (port === undefined) {
      result.resolve({ ok: false, detail: `unable to find port ${String(socket.port)} in container ${run.name}`, errored: true });
      return result;
    }
    const host = (probe.tcpSocket?.host as string | undefined) ?? ip;
    deps.network.connect(host, port, timeoutMs).subscribe((r) =>
      result.resolve(r.ok ? { ok: true } : { ok: false, detail: r.error === 'timeout' ? `dial tcp ${host}:${port}: i/o timeout` : `dial tcp ${host}:${port}: connect: connection refused` }),
    );
    return result;
  }
  result.resolve({ ok: true });
  return result;
}

/** Probes come from the node, through the pod network's gateway address. */
function gateway(podIp: string): string {
  return podIp.replace(/\.\d+$/, '.1');
}

/** The `startProbes` hook: start the probe loops of a container that just started. */
export function createProber(deps: ProberDeps): (worker: PodWorker, run: ContainerRun) => (() => void) | undefined {
  return (worker, run) => {
    const spec = run.spec;
    if (!spec.startupProbe && !spec.livenessProbe && !spec.readinessProbe) return undefined;
    const timers = new Set<Timer>();
    let stopped = false;
    let onHold = false;
    let startupDone = !spec.startupProbe;
    const startedAtMs = deps.clock.nowMs;
    if (spec.startupProbe) {
      run.started = false;
      run.ready = false;
    }
    if (spec.readinessProbe) run.ready = false;

    const after = (ms: number, fn: () => void) => {
      const t = deps.clock.after(Math.max(0, ms), 'kubelet:probe', () => {
        timers.delete(t);
        fn();
      });
      timers.add(t);
    };

    const loop = (kind: Kind, probe: Probe) => {
      const periodMs = (probe.periodSeconds ?? 10) * SECOND_MS;
      const failureThreshold = probe.failureThreshold ?? 3;
      const successThreshold = kind === 'Readiness' ? (probe.successThreshold ?? 1) : 1;
      let failures = 0;
      let successes = 0;
      const attempt = () => {
        if (stopped || onHold) return;
        if (kind === 'Startup' && startupDone) return;
        if (kind !== 'Startup' && !startupDone) {
          after(periodMs, attempt);
          return;
        }
        const tickMs = deps.clock.nowMs;
        runProbe(deps, probe, worker, run).subscribe((outcome) => {
          if (stopped || onHold) return;
          if (outcome.ok) {
            failures = 0;
            successes++;
            if (kind === 'Readiness' && successes >= successThreshold && !run.ready) {
              run.ready = true;
              worker.requestSync();
            }
            if (kind === 'Startup') {
              startupDone = true;
              run.started = true;
              if (!spec.readinessProbe) run.ready = true;
              worker.requestSync();
              return;
            }
          } else {
            successes = 0;
            failures++;
            worker.recordEvent('Warning', 'Unhealthy', `${kind} probe ${outcome.errored ? 'errored' : 'failed'}: ${outcome.detail}`, run);
            if (kind === 'Readiness' && failures >= failureThreshold && run.ready) {
              run.ready = false;
              worker.requestSync();
            }
            if (kind !== 'Readiness' && failures >= failureThreshold) {
              onHold = true;
              worker.recordEvent('Normal', 'Killing', `Container ${run.name} failed ${kind.toLowerCase()} probe, will be restarted`, run);
              const grace = probe.terminationGracePeriodSeconds ?? worker.pod.spec?.terminationGracePeriodSeconds ?? 30;
              worker.killContainer(run, grace);
              return;
            }
          }
          after(tickMs + periodMs - deps.clock.nowMs, attempt);
        });
      };
      after(startedAtMs + (probe.initialDelaySeconds ?? 0) * SECOND_MS - deps.clock.nowMs, attempt);
    };

    if (spec.startupProbe) loop('Startup', spec.startupProbe);
    if (spec.livenessProbe) loop('Liveness', spec.livenessProbe);
    if (spec.readinessProbe) loop('Readiness', spec.readinessProbe);
    return () => {
      stopped = true;
      for (const t of timers) deps.clock.cancel(t);
      timers.clear();
    };
  };
}
