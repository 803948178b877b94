/**
 * The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go, in our words): for
 * every Service with a selector, an Endpoints object of the same name listing the selected pods
 * that have an IP — ready ones under `addresses`, the others under `notReadyAddresses` —
 * grouped by their port mapping. Services without a selector are left to their owners (the
 * API server keeps `kubernetes` itself). Woken by service changes and by pods whose labels,
 * IP or readiness changed.
 */
import { type Controller, type ControllerContext, selfKey } from '../client/controller.ts';
import type { WatchEvent } from '../store/store.ts';
import { type Endpoints, type KubeObject, type Service, clone } from '../api/objects.ts';
import { formatTime } from '../api/time.ts';
import { StatusError } from '../apiserver/errors.ts';
import { LAST_CHANGE_TRIGGER, derivedLabels, planSubsets } from './serviceEndpoints.ts';
import { podsWithLabel } from './network.ts';

/**
 * Keys of the services in a pod's namespace whose selector matches it (before or after the change).
 * Every pod write comes through here, twice (Endpoints and EndpointSlices), and most clusters have
 * few selecting services: nothing is allocated unless one matches.
 */
export function servicesForPod(ctx: ControllerContext, e: WatchEvent): string[] | undefined {
  let keys: string[] | undefined;
  const ns = e.object.metadata.namespace;
  for (const svc of ctx.store.snapshot<Service>('Service')) {
    const selector = svc.spec?.selector;
    if (svc.metadata.namespace !== ns || !selector) continue;
    if (selects(selector, e.object) || (e.old !== undefined && selects(selector, e.old))) (keys ??= []).push(`${ns}/${svc.metadata.name}`);
  }
  return keys;
}

/** A Service's equality-based selector against an object's labels (an empty selector selects all). */
function selects(selector: Record<string, string>, obj: KubeObject): boolean {
  const labels = obj.metadata.labels;
  for (const key in selector) if (labels?.[key] !== selector[key]) return false;
  return true;
}

export function endpointsController(ctx: ControllerContext): Controller {
  const { store, api } = ctx;
  return {
    name: 'endpoint',
    watches: [
      { kind: 'Service', keys: selfKey },
      { kind: 'Pod', keys: (e) => servicesForPod(ctx, e) },
    ],
    reconcile(key) {
      const svc = store.get<Service>('Service', key);
      const existing = store.get<Endpoints>('Endpoints', key);
      const [namespace, name] = key.split('/') as [string, string];
      try {
        if (!svc || !svc.spec?.selector) {
          if (!svc && existing && !existing.metadata.labels?.['endpoints.kubernetes.io/managed-by']) api.delete('Endpoints', namespace, name);
          return;
        }
        const subsets = planSubsets(svc, podsWithLabel(store, namespace, svc.spec.selector));
        const labels = derivedLabels(svc);
        if (existing && JSON.stringify(existing.subsets ?? []) === JSON.stringify(subsets) && JSON.stringify(existing.metadata.labels ?? {}) === JSON.stringify(labels)) return;
        const annotations = { [LAST_CHANGE_TRIGGER]: formatTime(ctx.now()) };
        if (!existing) {
          api.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace, labels, annotations }, ...(subsets.length > 0 ? { subsets } : {}) });
          return;
        }
        const updated = clone(existing);
        updated.metadata.labels = labels;
        updated.metadata.annotations = { ...(updated.metadata.annotations ?? {}), ...annotations };
        if (subsets.length > 0) updated.subsets = subsets;
        else delete updated.subsets;
        api.update(updated);
      } catch (e) {
        if (!(e instanceof StatusError && (e.reason === 'NotFound' || e.reason === 'AlreadyExists' || e.reason === 'Conflict'))) throw e;
      }
    },
  };
}
