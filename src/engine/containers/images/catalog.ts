/**
 * The image catalog: which image families kubesim knows (by repository, any registry or tag), which
 * references cannot be pulled, and how long a pull takes.
 */
import type { ImageSpec } from './image.ts';
import { parseImageRef } from './image.ts';
import { busybox } from './busybox.ts';
import { alpine } from './alpine.ts';
import { bash } from './bash.ts';
import { debian, ubuntu } from './debian.ts';
import { perl } from './perl.ts';
import { python } from './python.ts';
import { nginx } from './nginx.ts';
import { httpEcho } from './httpEcho.ts';
import { kubia, kubiaUnhealthy } from './kubia.ts';
import { ssdMonitor } from './ssdMonitor.ts';
import { batchJob } from './batchJob.ts';
import { redis } from './redis.ts';
import { rabbitmq } from './rabbitmq.ts';
import { jobWq1, jobWq2 } from './workQueue.ts';
import { curl } from './curl.ts';
import { unknownImage } from './unknown.ts';
import { qualifyImage } from '../runtime.ts';

/** Official images by repository name (docker.io/library/<name>). */
const OFFICIAL: Record<string, ImageSpec> = { busybox, alpine, bash, ubuntu, debian, perl, python, nginx, redis, rabbitmq };

/** Community / tutorial images by the last segment of their path. */
const BY_NAME: Record<string, ImageSpec> = {
  'http-echo': httpEcho,
  curl,
  kubia,
  'kubia-unhealthy': kubiaUnhealthy,
  'ssd-monitor': ssdMonitor,
  'batch-job': batchJob,
  'job-wq-1': jobWq1,
  'job-wq-2': jobWq2,
};

/** References no registry serves (the Pod failure policy tutorial's non-existing-repo, typos...). */
const MISSING = /non-?exist|does-?not-?exist|invalid-image|no-such-image/i;

export type ImageLookup = { ok: true; spec: ImageSpec; known: boolean } | { ok: false; message: string };

/** An image named `constructor` is not Object.prototype's. */
const own = (table: Record<string, ImageSpec>, name: string): ImageSpec | undefined => (Object.hasOwn(table, name) ? table[name] : undefined);

export function lookupImage(image: string): ImageLookup {
  const ref = parseImageRef(image);
  if (MISSING.test(image)) {
    const q = qualifyImage(image);
    return { ok: false, message: `failed to pull and unpack image "${q}": failed to resolve reference "${q}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed` };
  }
  const official = ref.registry === 'docker.io' && ref.path.startsWith('library/') ? own(OFFICIAL, ref.name) : undefined;
  const spec = official ?? own(BY_NAME, ref.name) ?? (ref.path === 'library/python3' ? python : undefined);
  if (spec) return { ok: true, spec, known: true };
  return { ok: true, spec: unknownImage(image), known: false };
}

/** Virtual time to download an image: ~30 MB/s plus registry latency, with some jitter. */
export function pullMs(sizeBytes: number, jitter: number): number {
  return Math.round(350 + (sizeBytes / 30_000_000) * 1000 * (0.85 + 0.3 * jitter) + 400 * jitter);
}
