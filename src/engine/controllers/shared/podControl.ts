/**
 * Creating and deleting a controller's pods, as upstream's RealPodControl and slowStartBatch
 * (pkg/controller/controller_utils.go, replica_set.go), in our words:
 *
 * - a pod is built from the owner's template: template labels, annotations and finalizers, the
 *   template spec, `generateName: <owner>-`, and one controller owner reference;
 * - creations go in slow-start batches of 1, 2, 4, 8...; a batch with an error stops the rest
 *   (the next sync tries again), so a failing create costs one call, not hundreds;
 * - every success and failure is an event on the owner (`SuccessfulCreate "Created pod: %s"`,
 *   `FailedCreate "Error creating: %s"`, `SuccessfulDelete "Deleted pod: %s"`,
 *   `FailedDelete "Error deleting: %s"`), except failures caused by a terminating namespace.
 * Shared by the ReplicaSet, DaemonSet and Job controllers.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { ControllerContext } from '../../client/controller.ts';
import { type KubeObject, type Manifest, type Pod, clone, ownerRefTo } from '../../api/objects.ts';
import { StatusError } from '../../apiserver/errors.ts';

/** At most this many pods are created or deleted per sync (upstream's burstReplicas). */
export const BURST_REPLICAS = 500;
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** GetPodFromTemplate: the pod a controller creates from its template. */
export function podFromTemplate(template: PodTemplateSpec | undefined, owner: KubeObject, ref: OwnerReference | undefined = ownerRefTo(owner)): Manifest {
  const meta = template?.metadata ?? {};
  const pod: Manifest = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ...(ref ? { ownerReferences: [ref] } : {}),
    },
    spec: clone(template?.spec ?? { containers: [] }),
  };
  return pod;
}

/**
 * Call `fn` `count` times in batches of 1, 2, 4, ... (each batch "in parallel": every call of a
 * batch runs even if one fails); stop after the first batch with an error. Returns the successes
 * and that error.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => StatusError | undefined): { successes: number; error?: StatusError } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: StatusError | undefined;
    for (let i = 0; i < batch; i++) {
      const e = fn();
      if (e) error ??= e;
      else successes++;
    }
    if (error) return { successes, error };
    remaining -= batch;
  }
  return { successes };
}

function namespaceTerminating(e: StatusError): boolean {
  return e.reason === 'Forbidden' && e.message.includes('because it is being terminated');
}

export class PodControl {
  constructor(
    private readonly ctx: ControllerContext,
    /** The event source, e.g. `replicaset-controller`. */
    private readonly component: string,
  ) {}

  /**
   * Create one pod from a manifest built for this call (podFromTemplate: all fresh, from a decoded
   * template), which is handed over to the API server undecoded and uncopied. Returns the error
   * (already reported as an event) when it fails.
   */
  createPod(owner: KubeObject, manifest: Manifest): { pod?: Pod; error?: StatusError } {
    if (Object.keys(manifest.metadata?.labels ?? {}).length === 0) {
      return { error: new StatusError('BadRequest', 'unable to create pods, no labels') };
    }
    try {
      const pod = this.ctx.api.create<Pod>(manifest, { owned: true });
      this.ctx.events.record(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, { component: this.component });
      return { pod };
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      if (!namespaceTerminating(e)) this.ctx.events.record(owner, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, { component: this.component });
      return { error: e };
    }
  }

  /**
   * Create `count` pods in slow-start batches, each built by `build(i)` (i counts attempts).
   * Errors from a terminating namespace are swallowed, as upstream does.
   */
  createPods(owner: KubeObject, count: number, build: (i: number) => Manifest): { created: Pod[]; error?: StatusError } {
    const created: Pod[] = [];
    let attempt = 0;
    const result = slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, () => {
      const { pod, error } = this.createPod(owner, build(attempt++));
      if (pod) created.push(pod);
      return error && !namespaceTerminating(error) ? error : undefined;
    });
    return { created, ...(result.error ? { error: result.error } : {}) };
  }

  /** Delete a pod (graceful, default grace period). A pod already gone is not an error. */
  deletePod(owner: KubeObject, pod: Pod): StatusError | undefined {
    try {
      this.ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name, { preconditions: { uid: pod.metadata.uid } });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      if (e.reason === 'NotFound' || e.reason === 'Conflict') return undefined;
      this.ctx.events.record(owner, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`, { component: this.component });
      return new StatusError(e.reason, `unable to delete pods: ${e.message}`);
    }
    this.ctx.events.record(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, { component: this.component });
    return undefined;
  }
}
