/**
 * kubesim's container runtime (the ContainerRuntime the kubelet drives): pulls images from the
 * catalog, builds each container — image layer, pod volumes, the kubelet's /etc files, environment
 * (image ENV, service variables, the container's env) — resolves its command the way containerd +
 * runc do (entrypoint/cmd vs command/args, PATH lookup, `#!` scripts), and runs it as a process.
 * It also serves `kubectl exec` and exec probes into running containers.
 *
 * Start failures are containerd's: a missing executable is a StartError with exit code 128. An
 * image kubesim does not know runs shell commands through busybox's shell, and anything else as a
 * process that stays up until stopped.
 */
import type { Pod, Service } from '../api/objects.ts';
import type { VirtualClock } from '../clock/clock.ts';
import type { Rng } from '../random/rng.ts';
import { type ContainerLaunch, type ContainerRuntime, type ExecStart, type LaunchFailure, type PullResult, imageDigest } from './runtime.ts';
import type { Program, ProgramGenerator } from './process.ts';
import { type CommandImpl, type ExecEnv, Input } from './command.ts';
import { Container } from './container.ts';
import { Volume } from './fs.ts';
import { MountError, PodVolumes, type ObjectLookup, containerFs } from './volumes.ts';
import { lookupImage, pullMs } from './images/catalog.ts';
import type { ImageSpec } from './images/image.ts';
import { scriptedBehaviour, withScript } from './annotations.ts';
import { serveForever } from '../net/http.ts';
import { serviceEnvironment } from '../net/serviceEnv.ts';
import type { ClusterNetwork } from '../net/network.ts';

export interface SimRuntimeDeps {
  clock: VirtualClock;
  rng: Rng;
  network: ClusterNetwork;
  lookup: ObjectLookup;
  /** Services in a namespace (for the service environment variables). */
  services(namespace: string): Service[];
  /** Changes whenever any Service changes (the service environment is cached per version). */
  servicesVersion(): number;
  /** The pod as the API server has it now (for its IP). */
  currentPod(namespace: string, name: string): Pod | undefined;
}

/** One container of a pod: how many instances were built (each gets its own random stream), and the latest. */
interface ContainerState {
  instances: number;
  latest: Container | undefined;
}

export class SimRuntime implements ContainerRuntime {
  private readonly podVolumes = new Map<string, PodVolumes>();
  /** By pod uid, then container name. */
  private readonly pods = new Map<string, Map<string, ContainerState>>();
  private readonly hostPaths = new Map<string, Volume>();
  private readonly claims = new Map<string, Volume>();

  constructor(private readonly deps: SimRuntimeDeps) {}

  pull(image: string, _nodeName: string, rng: Rng): PullResult {
    const found = lookupImage(image);
    if (!found.ok) return { ok: false, pullMs: Math.round(400 + rng.next() * 900), message: found.message };
    return { ok: true, sizeBytes: found.spec.sizeBytes, digest: imageDigest(image), pullMs: pullMs(found.spec.sizeBytes, rng.next()) };
  }

  mountVolumes(pod: Pod): string | undefined {
    const volumes = this.volumesOf(pod);
    for (const v of pod.spec?.volumes ?? []) {
      try {
        volumes.get(v.name);
      } catch (e) {
        if (e instanceof MountError) return `MountVolume.SetUp failed for volume "${e.volume}" : ${e.message}`;
        throw e;
      }
    }
    return undefined;
  }

  private volumesOf(pod: Pod): PodVolumes {
    let volumes = this.podVolumes.get(pod.metadata.uid);
    if (!volumes) {
      // Volumes need the pod's metadata and spec, not the status of the version at hand.
      volumes = new PodVolumes({ ...pod, status: undefined }, {
        lookup: this.deps.lookup,
        hostPath: (node, path) => this.shared(this.hostPaths, `${node}:${path}`),
        claim: (namespace, claim) => this.shared(this.claims, `${namespace}/${claim}`),
      });
      this.podVolumes.set(pod.metadata.uid, volumes);
    }
    return volumes;
  }

  program(launch: ContainerLaunch): Program | LaunchFailure {
    const found = lookupImage(launch.container.image ?? '');
    if (!found.ok) return { reason: 'CreateContainerError', message: found.message };
    const image = found.spec;
    const spec = launch.container;
    const argv = [...(spec.command ?? image.entrypoint ?? []), ...(spec.args ?? (spec.command ? [] : (image.cmd ?? [])))];
    if (argv.length === 0 && found.known) return { reason: 'CreateContainerError', message: `failed to generate container "${spec.name}" spec: failed to generate spec: no command specified` };
    let container: Container;
    try {
      container = this.buildContainer(launch, image);
    } catch (e) {
      if (e instanceof MountError) return { reason: 'CreateContainerConfigError', message: `MountVolume.SetUp failed for volume "${e.volume}" : ${e.message}` };
      throw e;
    }
    let impl: CommandImpl;
    let resolvedArgv = argv;
    const resolved = argv.length > 0 ? container.resolve(argv, container.env, container.cwd) : undefined;
    if (resolved?.ok) {
      impl = resolved.impl;
      resolvedArgv = resolved.argv;
    } else if (!found.known) {
      impl = runUntilStopped;
    } else {
      const name = argv[0]!;
      const why = name.includes('/') ? `stat ${name}: no such file or directory` : 'executable file not found in $PATH';
      return {
        reason: 'StartError',
        exitCode: 128,
        message: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${name}": ${why}: unknown`,
      };
    }
    const script = scriptedBehaviour(launch.pod, spec.name);
    if (script) impl = withScript(impl, script);
    this.containerState(launch.pod.metadata.uid, spec.name).latest = container;
    return (ctx) => runMain(ctx, container, impl, resolvedArgv, spec.stdin === true);
  }

  private buildContainer(launch: ContainerLaunch, image: ImageSpec): Container {
    const pod = launch.pod;
    const ns = pod.metadata.namespace ?? 'default';
    const volumes = this.volumesOf(pod);
    // Closures keep the name and the IP known now, not this version of the pod.
    const name = pod.metadata.name;
    const builtWithIp = pod.status?.podIP ?? '';
    const podIp = () => this.deps.currentPod(ns, name)?.status?.podIP ?? builtWithIp;
    const ipNow = podIp();
    const fs = containerFs({ image, pod, podIp: ipNow, hostname: launch.hostname, spec: launch.container, volumes });
    const services = this.serviceEnv(ns, pod.spec?.enableServiceLinks ?? true);
    // The order a process sees: PATH, HOSTNAME, the container's env, service links, image ENV, HOME.
    const env: Record<string, string> = {};
    if (image.env.PATH) env.PATH = image.env.PATH;
    env.HOSTNAME = launch.env.HOSTNAME ?? launch.hostname;
    for (const k in launch.env) env[k] = launch.env[k]!;
    for (const k in services) if (!(k in launch.env)) env[k] = services[k]!;
    for (const k in image.env) if (!(k in env)) env[k] = image.env[k]!;
    env.HOME ??= '/root';
    // The names /etc/hosts gives the pod itself; they resolve to its current IP.
    const ownNames = pod.spec?.subdomain ? [launch.hostname, `${launch.hostname}.${pod.spec.subdomain}.${ns}.svc.cluster.local`] : [launch.hostname];
    return new Container({
      clock: this.deps.clock,
      rng: this.deps.rng.fork(`${pod.metadata.uid}/${launch.container.name}/${this.instance(pod.metadata.uid, launch.container.name)}`),
      hostname: launch.hostname,
      fs,
      image,
      env,
      cwd: launch.container.workingDir ?? image.workingDir ?? '/',
      net: {
        network: this.deps.network,
        namespace: ns,
        podUid: pod.metadata.uid,
        podIp,
        get hosts() {
          const ip = podIp();
          return Object.fromEntries(ownNames.map((name) => [name, ip]));
        },
      },
    });
  }

  private readonly serviceEnvCache = new Map<string, { version: number; env: Record<string, string> }>();

  /** The service variables of a namespace, recomputed only when Services changed. */
  private serviceEnv(namespace: string, links: boolean): Record<string, string> {
    const key = `${namespace}/${links}`;
    const version = this.deps.servicesVersion();
    const cached = this.serviceEnvCache.get(key);
    if (cached && cached.version === version) return cached.env;
    const services = this.deps.services(namespace).concat(namespace === 'default' ? [] : this.deps.services('default'));
    const env = serviceEnvironment(services, namespace, links);
    this.serviceEnvCache.set(key, { version, env });
    return env;
  }

  private containerState(podUid: string, name: string): ContainerState {
    let containers = this.pods.get(podUid);
    if (!containers) this.pods.set(podUid, (containers = new Map()));
    let state = containers.get(name);
    if (!state) containers.set(name, (state = { instances: 0, latest: undefined }));
    return state;
  }

  /** Count a new instance of a container; returns its number. */
  private instance(podUid: string, containerName: string): number {
    return ++this.containerState(podUid, containerName).instances;
  }

  private shared(map: Map<string, Volume>, key: string): Volume {
    let v = map.get(key);
    if (!v) map.set(key, (v = new Volume(false)));
    return v;
  }

  /** Start `argv` inside a running container (`kubectl exec`, exec probes). */
  exec(podUid: string, containerName: string, argv: string[], stdin?: string): ExecStart {
    const c = this.pods.get(podUid)?.get(containerName)?.latest;
    if (!c || !c.alive) return { ok: false, reason: 'not-found', message: `container not found ("${containerName}")` };
    const found = c.resolve(argv, c.env, c.cwd);
    if (!found.ok) {
      const name = argv[0] ?? '';
      const why = found.reason === 'denied' ? 'permission denied' : name.includes('/') ? `stat ${name}: no such file or directory` : 'executable file not found in $PATH';
      const id = c.rng.string(64, '0123456789abcdef');
      return { ok: false, reason: 'exec-failed', message: `error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": ${why}: unknown` };
    }
    let out = '';
    let err = '';
    let all = '';
    const env: ExecEnv = {
      argv: found.argv,
      env: c.env,
      cwd: c.cwd,
      io: {
        stdin: new Input(stdin ?? ''),
        out: (t) => {
          out += t;
          all += t;
        },
        err: (t) => {
          err += t;
          all += t;
        },
      },
      container: c,
      signals: { pending: [] },
    };
    const job = c.spawnJob(() => found.impl(env));
    return { ok: true, session: { exit: job.exit, stdout: () => out, stderr: () => err, combined: () => all, kill: () => c.signal(job.pid, 'KILL') } };
  }

  /** Forget a pod (its worker is gone): its volumes and containers. */
  release(podUid: string): void {
    this.podVolumes.delete(podUid);
    for (const { latest } of this.pods.get(podUid)?.values() ?? []) latest?.stop();
    this.pods.delete(podUid);
  }
}

/** PID 1: run the command with the container's stdout/stderr; when it ends, the container stops. */
function* runMain(ctx: Parameters<Program>[0], container: Container, impl: CommandImpl, argv: string[], stdinOpen: boolean): ProgramGenerator {
  const env: ExecEnv = {
    argv,
    env: container.env,
    cwd: container.cwd,
    io: { stdin: new Input('', stdinOpen), out: (t) => ctx.stdout(t), err: (t) => ctx.stderr(t) },
    container,
    signals: { pending: [] },
    process: ctx,
  };
  try {
    return yield* impl(env);
  } finally {
    container.stop();
  }
}

/** A program kubesim cannot interpret: it stays up (ignoring SIGTERM, as PID 1) until killed. */
const runUntilStopped: CommandImpl = function* () {
  return yield* serveForever();
};
