/**
 * Which controllers a simulation runs, in the fixed order they drain their queues each instant.
 * Adding a controller means adding one line here.
 */
import type { ControllerFactory } from '../client/controller.ts';
import { garbageCollector } from '../controllers/garbageCollector.ts';
import { namespaceController } from '../controllers/namespace.ts';
import { taintEvictionController } from '../controllers/taintEviction.ts';
import { podGCController } from '../controllers/podGC.ts';
import { jobController } from '../controllers/job/index.ts';
import { cronJobController } from '../controllers/cronJob.ts';
import { ttlAfterFinishedController } from '../controllers/ttlAfterFinished.ts';
import { replicaSetController } from '../controllers/replicaSet.ts';
import { deploymentController } from '../controllers/deployment/index.ts';
import { daemonSetController } from '../controllers/daemonSet/index.ts';
import { disruptionController } from '../controllers/disruption.ts';
import { endpointsController } from '../net/endpoints.ts';
import { rootCaPublisher } from '../controllers/rootCaPublisher.ts';
import { endpointSliceController } from '../net/endpointSlices.ts';

export interface ControllerRegistration {
  name: string;
  factory: ControllerFactory;
}

/** Workload and housekeeping controllers; the scheduler and kubelets are wired by the simulation. */
export const CONTROLLERS: ControllerRegistration[] = [
  { name: 'namespace', factory: namespaceController },
  { name: 'taint-eviction', factory: taintEvictionController },
  { name: 'pod-gc', factory: podGCController },
  { name: 'cronjob', factory: cronJobController },
  { name: 'job', factory: jobController },
  { name: 'ttl-after-finished', factory: ttlAfterFinishedController },
  { name: 'garbage-collector', factory: garbageCollector },
  { name: 'deployment', factory: deploymentController },
  { name: 'replicaset', factory: replicaSetController },
  { name: 'daemonset', factory: daemonSetController },
  { name: 'disruption', factory: disruptionController },
  { name: 'root-ca-cert-publisher', factory: rootCaPublisher },
  { name: 'endpoint', factory: endpointsController },
  { name: 'endpointslice', factory: endpointSliceController },
];
