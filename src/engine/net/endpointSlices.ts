/**
 * The EndpointSlice controller (pkg/controller/endpointslice/endpointslice_controller.go and
 * reconciler.go, in our words): for every Service with a selector, EndpointSlices named
 * `<service>-<random>`, owned by the Service (so they go when it goes), labelled
 * `kubernetes.io/service-name` and managed-by the controller — one per distinct port mapping, and a
 * placeholder with no endpoints when nothing matches. Each endpoint carries the pod's IP, its
 * ready/serving/terminating conditions, node, hostname (for DNS of Indexed Job pods) and targetRef.
 * kube-proxy (our network) and CoreDNS (our DNS) read these.
 */
import type { EndpointSlice as SliceObject } from '../api/objects.ts';
import { type Controller, type ControllerContext, selfKey } from '../client/controller.ts';
import { type Service, clone, ownerRefTo } from '../api/objects.ts';
import { formatTime } from '../api/time.ts';
import { StatusError } from '../apiserver/errors.ts';
import { LAST_CHANGE_TRIGGER, MANAGED_BY_SLICE_CONTROLLER, derivedLabels, planSlices } from './serviceEndpoints.ts';
import { servicesForPod } from './endpoints.ts';
import { podsWithLabel, slicesOf } from './network.ts';

export function endpointSliceController(ctx: ControllerContext): Controller {
  const { store, api } = ctx;
  return {
    name: 'endpointslice',
    watches: [
      { kind: 'Service', keys: selfKey },
      { kind: 'Pod', keys: (e) => servicesForPod(ctx, e) },
      {
        kind: 'EndpointSlice',
        keys: (e) => {
          const svc = e.object.metadata.labels?.['kubernetes.io/service-name'];
          return svc && e.object.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === MANAGED_BY_SLICE_CONTROLLER ? `${e.object.metadata.namespace}/${svc}` : undefined;
        },
      },
    ],
    reconcile(key) {
      const svc = store.get<Service>('Service', key);
      if (!svc || !svc.spec?.selector) return; // owned slices are garbage-collected with the service
      const mine = slicesOf(store, svc).filter((s) => s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === MANAGED_BY_SLICE_CONTROLLER);
      const plans = planSlices(svc, podsWithLabel(store, svc.metadata.namespace ?? 'default', svc.spec.selector));
      const labels = { ...derivedLabels(svc), 'endpointslice.kubernetes.io/managed-by': MANAGED_BY_SLICE_CONTROLLER, 'kubernetes.io/service-name': svc.metadata.name };
      const now = formatTime(ctx.now());
      try {
        plans.forEach((plan, i) => {
          const current = mine[i];
          const body = { ...(plan.ports.length > 0 ? { ports: plan.ports } : {}), endpoints: plan.endpoints };
          const same = JSON.stringify([current?.ports ?? [], current?.endpoints ?? []]) === JSON.stringify([plan.ports, plan.endpoints]);
          if (current && same && JSON.stringify(current.metadata.labels) === JSON.stringify(labels)) return;
          if (!current) {
            api.create({
              apiVersion: 'discovery.k8s.io/v1',
              kind: 'EndpointSlice',
              metadata: { generateName: `${svc.metadata.name}-`, namespace: svc.metadata.namespace, labels, annotations: { [LAST_CHANGE_TRIGGER]: now }, ownerReferences: [ownerRefTo(svc)] },
              addressType: 'IPv4',
              ...body,
            });
            return;
          }
          const updated = clone(current) as SliceObject;
          updated.metadata.labels = labels;
          updated.metadata.annotations = { ...(updated.metadata.annotations ?? {}), [LAST_CHANGE_TRIGGER]: now };
          updated.endpoints = plan.endpoints;
          if (plan.ports.length > 0) updated.ports = plan.ports;
          else delete updated.ports;
          api.update(updated);
        });
        for (const extra of mine.slice(plans.length)) api.delete('EndpointSlice', extra.metadata.namespace, extra.metadata.name);
      } catch (e) {
        if (!(e instanceof StatusError && (e.reason === 'NotFound' || e.reason === 'AlreadyExists' || e.reason === 'Conflict'))) throw e;
      }
    },
  };
}
