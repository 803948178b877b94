/**
 * Which controllers a simulation runs, in the fixed order they drain their queues each instant.
 * Adding a controller means adding one line here.
 */
import type { ControllerFactory } from '../client/controller.ts';
import { garbageCollector } from '../controllers/garbageCollector.ts';
import { namespaceController } from '../controllers/namespace.ts';
import { taintEvictionController } from '../controllers/taintEviction.ts';
import { podGCController } from '../controllers/podGC.ts';
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
  { name: 'garbage-collector', factory: garbageCollector },
  { name: 'root-ca-cert-publisher', factory: rootCaPublisher },
  { name: 'endpoint', factory: endpointsController },
  { name: 'endpointslice', factory: endpointSliceController },
];
