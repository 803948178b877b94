/**
 * Pure planning shared by the Endpoints and EndpointSlice controllers: which pods back a Service,
 * whether each is ready, and which port each service port maps to on each pod (`targetPort` by
 * number, or by the name of a container port). Exported for table-driven tests.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset, ServicePort } from 'kubernetes-types/core/v1';
import type { Endpoint as SliceEndpoint, EndpointPort as SlicePort } from 'kubernetes-types/discovery/v1';
import type { Pod, Service } from '../api/objects.ts';
import { labelSelectorMatches } from '../api/labels.ts';

export const MANAGED_BY_SLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
export const LAST_CHANGE_TRIGGER = 'endpoints.kubernetes.io/last-change-trigger-time';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export function isHeadless(svc: Service): boolean {
  return svc.spec?.clusterIP === 'None';
}

/** Pods the service selects (same namespace), in name order. */
export function selectedPods(svc: Service, pods: Iterable<Pod>): Pod[] {
  const selector = svc.spec?.selector;
  if (!selector) return [];
  const out: Pod[] = [];
  for (const p of pods) {
    if (p.metadata.namespace !== svc.metadata.namespace) continue;
    if (labelSelectorMatches({ matchLabels: selector }, p.metadata.labels)) out.push(p);
  }
  return out.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** The port a service port reaches on `pod`, or undefined when the pod has no such named port. */
export function targetPortOf(sp: ServicePort, pod: Pod): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const p = c.ports?.find((x) => x.name === target && (x.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'));
    if (p) return p.containerPort;
  }
  return undefined;
}

/** A pod's hostname as DNS publishes it for this service (Indexed Job pods with a subdomain). */
export function endpointHostname(svc: Service, pod: Pod): string | undefined {
  const hostname = pod.spec?.hostname;
  return hostname && pod.spec?.subdomain === svc.metadata.name ? hostname : undefined;
}

/** Pods that can be endpoints at all: they have an IP and have not finished. */
function candidates(svc: Service, pods: Iterable<Pod>): Pod[] {
  return selectedPods(svc, pods).filter((p) => p.status?.podIP && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed');
}

/** Endpoints.subsets as the endpoints controller writes them (grouped by port mapping, sorted by IP). */
export function planSubsets(svc: Service, pods: Iterable<Pod>): EndpointSubset[] {
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  for (const pod of candidates(svc, pods)) {
    if (pod.metadata.deletionTimestamp && !publishNotReady) continue;
    const address: EndpointAddress = {
      ip: pod.status!.podIP!,
      ...(endpointHostname(svc, pod) ? { hostname: endpointHostname(svc, pod)! } : {}),
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
    };
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = targetPortOf(sp, pod);
      if (port !== undefined) ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' });
    }
    if ((svc.spec?.ports ?? []).length > 0 && ports.length === 0) continue;
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }));
    if (isPodReady(pod) || publishNotReady) g.ready.push(address);
    else g.notReady.push(address);
  }
  const byIp = (a: EndpointAddress, b: EndpointAddress) => compareIp(a.ip, b.ip);
  return [...groups.values()].map((g) => ({
    ...(g.ready.length > 0 ? { addresses: g.ready.sort(byIp) } : {}),
    ...(g.notReady.length > 0 ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
    ...(g.ports.length > 0 ? { ports: g.ports } : {}),
  }));
}

export interface SlicePlan {
  ports: SlicePort[];
  endpoints: SliceEndpoint[];
}

/** EndpointSlices as the EndpointSlice controller shapes them: one per distinct port mapping. */
export function planSlices(svc: Service, pods: Iterable<Pod>): SlicePlan[] {
  const groups = new Map<string, SlicePlan>();
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  for (const pod of candidates(svc, pods)) {
    const ports: SlicePort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = targetPortOf(sp, pod);
      if (port !== undefined) ports.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' });
    }
    if ((svc.spec?.ports ?? []).length > 0 && ports.length === 0) continue;
    const terminating = Boolean(pod.metadata.deletionTimestamp);
    const ready = isPodReady(pod);
    const hostname = endpointHostname(svc, pod);
    const endpoint: SliceEndpoint = {
      addresses: [pod.status!.podIP!],
      conditions: { ready: publishNotReady || (ready && !terminating), serving: publishNotReady || ready, terminating },
      ...(hostname ? { hostname } : {}),
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
    };
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: [] }));
    g.endpoints.push(endpoint);
  }
  if (groups.size === 0) {
    // A placeholder slice with no endpoints, as the controller keeps for a selector matching nothing.
    return [{ ports: [], endpoints: [] }];
  }
  return [...groups.values()].map((g) => ({ ...g, endpoints: g.endpoints.sort((a, b) => compareIp(a.addresses[0]!, b.addresses[0]!)) }));
}

/** Numeric order of dotted IPv4 addresses. */
function ipValue(ip: string): number {
  let v = 0;
  for (const part of ip.split('.')) v = v * 256 + (Number(part) || 0);
  return v;
}

function compareIp(a: string, b: string): number {
  return ipValue(a) - ipValue(b);
}

/** Labels of the objects derived from a service: its own, plus the headless marker. */
export function derivedLabels(svc: Service): Record<string, string> {
  return { ...(svc.metadata.labels ?? {}), ...(isHeadless(svc) ? { [HEADLESS_LABEL]: '' } : {}) };
}
