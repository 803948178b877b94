/**
 * The boundary between the kubelet and what runs inside containers: image pulls and the program a
 * container's image + command resolve to. The kubelet owns lifecycle (when to pull, start, restart,
 * kill); the runtime owns meaning (what `perl -Mbignum=bpi -wle "print bpi(2000)"` prints and how long
 * it takes).
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { Pod } from '../api/objects.ts';
import type { Rng } from '../random/rng.ts';
import { memoByString } from '../api/memo.ts';
import type { Program } from './process.ts';
import type { Deferred } from './command.ts';

export interface ContainerLaunch {
  pod: Pod;
  container: Container;
  isInit: boolean;
  nodeName: string;
  /** The container's environment, resolved by the kubelet (values, fieldRefs, config maps). */
  env: Record<string, string>;
  hostname: string;
}

export type PullResult =
  | { ok: true; sizeBytes: number; digest: string; pullMs: number }
  | { ok: false; pullMs: number; message: string };

/** A failure to create or start the container (CreateContainerError, StartError, ...). */
export interface LaunchFailure {
  reason: 'CreateContainerError' | 'CreateContainerConfigError' | 'StartError' | 'RunContainerError';
  message: string;
  /** StartError terminates the container with this code (128 on containerd). */
  exitCode?: number;
}

export interface ContainerRuntime {
  /** Pull an image onto `nodeName`: how long it takes, and whether it exists. */
  pull(image: string, nodeName: string, rng: Rng): PullResult;
  /** The program a container runs, or why it cannot start. */
  program(launch: ContainerLaunch): Program | LaunchFailure;
  /** Set up the pod's volumes; returns the FailedMount message when one cannot be mounted yet. */
  mountVolumes?(pod: Pod): string | undefined;
  /** Start a command in a running container (`kubectl exec`, exec probes). */
  exec?(podUid: string, containerName: string, argv: string[], stdin?: string): ExecStart;
  /** The pod is gone from this node: drop its volumes and container state. */
  release?(podUid: string): void;
}

/** A `kubectl exec` / exec-probe session. */
export interface ExecSession {
  exit: Deferred<number>;
  stdout(): string;
  stderr(): string;
  /** Output in the order it was written. */
  combined(): string;
  kill(): void;
}

export type ExecStart = { ok: true; session: ExecSession } | { ok: false; reason: 'not-found' | 'exec-failed'; message: string };

export function isLaunchFailure(p: Program | LaunchFailure): p is LaunchFailure {
  return typeof p !== 'function';
}

/**
 * A deterministic fake sha256 for an image reference (for imageID and Pulled messages). Every pull
 * asks, for the few images a cluster runs: each is computed once and its string shared.
 */
export const imageDigest = memoByString((image: string): string => {
  let h1 = 0x811c9dc5;
  const words: string[] = [];
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < image.length; i++) h1 = Math.imul(h1 ^ image.charCodeAt(i), 16777619) >>> 0;
    h1 = Math.imul(h1 ^ round, 16777619) >>> 0;
    words.push(h1.toString(16).padStart(8, '0'));
  }
  return `sha256:${words.join('')}`;
}, 256);

/** `docker.io/library/busybox:latest` — the fully qualified reference containerd reports (for every container start). */
export const qualifyImage = memoByString((image: string): string => {
  let ref = image;
  const lastSlash = ref.lastIndexOf('/');
  if (!ref.includes('@') && ref.indexOf(':', lastSlash + 1) < 0) ref += ':latest';
  const first = ref.split('/')[0]!;
  const hasRegistry = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry) return ref;
  return ref.includes('/') ? `docker.io/${ref}` : `docker.io/library/${ref}`;
}, 256);
