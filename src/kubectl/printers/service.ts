/**
 * Services, Endpoints and EndpointSlices as kubectl prints them (printService, printEndpoints,
 * printEndpointSlice in pkg/printers/internalversion/printers.go; describeService,
 * describeEndpoints, describeEndpointSliceV1 in staging/src/k8s.io/kubectl/pkg/describe, in our
 * words): `get svc` with TYPE / CLUSTER-IP / EXTERNAL-IP / PORT(S) (wide: SELECTOR), endpoint
 * lists cut at three entries ("+ N more..."), and the describers.
 */
import type { ServicePort } from 'kubernetes-types/core/v1';
import { type EndpointSlice, type Endpoints, type KubeObject, type Service, age, formatLabels } from '../../engine/index.ts';
import { registerTablePrinter } from './table.ts';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, eventsFor, registerDescriber, writeAnnotations, writeEvents, writeLabels, type DescribeContext } from './describe.ts';

const MAX_SHOWN = 3;

function withMore(list: string[], count: number, empty: string): string {
  if (count > MAX_SHOWN) return `${list.slice(0, MAX_SHOWN).join(',')} + ${count - MAX_SHOWN} more...`;
  const text = list.join(',');
  return text === '' ? empty : text;
}

/** `80/TCP`, `80:30080/TCP`, comma-joined. */
export function servicePorts(ports: readonly ServicePort[] | undefined): string {
  const text = (ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
  return text || '<none>';
}

function externalIP(svc: Service): string {
  const external = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
    case undefined:
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter((x) => x);
      const all = [...lb, ...external];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** The ENDPOINTS column of `get endpoints`. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    if (!ss.ports || ss.ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) if (list.length < MAX_SHOWN) list.push(a.ip);
      continue;
    }
    for (const port of ss.ports) {
      count += addresses.length;
      for (const a of addresses) if (list.length < MAX_SHOWN) list.push(`${a.ip}:${port.port}`);
    }
  }
  return count > MAX_SHOWN ? `${list.join(',')} + ${count - MAX_SHOWN} more...` : list.join(',');
}

/** Ready endpoints of a service's slices for one port name ("Endpoints:" of describe svc). */
export function formatEndpointSlices(slices: readonly EndpointSlice[], portName: string | undefined): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const slice of slices) {
    const endpoints = (slice.endpoints ?? []).filter((e) => e.conditions?.ready !== false);
    if (!slice.ports || slice.ports.length === 0) {
      for (const e of endpoints) {
        if (list.length < MAX_SHOWN) list.push(e.addresses[0]!);
        count++;
      }
      continue;
    }
    for (const port of slice.ports) {
      if (portName !== undefined && (port.name ?? '') !== portName) continue;
      for (const e of endpoints) {
        if (list.length < MAX_SHOWN) list.push(`${e.addresses[0]}:${port.port}`);
        count++;
      }
    }
  }
  return count > MAX_SHOWN ? `${list.join(',')} + ${count - MAX_SHOWN} more...` : list.join(',');
}

registerTablePrinter('Service', {
  columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wide: ['SELECTOR'],
  row(obj, ctx) {
    const svc = obj as unknown as Service;
    return {
      cells: [svc.metadata.name, svc.spec?.type ?? 'ClusterIP', svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP ?? '<none>', externalIP(svc), servicePorts(svc.spec?.ports), age(svc.metadata.creationTimestamp, ctx.nowMs)],
      wide: [formatLabels(svc.spec?.selector ?? {})],
    };
  },
});

registerTablePrinter('Endpoints', {
  columns: ['NAME', 'ENDPOINTS', 'AGE'],
  row(obj, ctx) {
    return { cells: [obj.metadata.name, formatEndpoints(obj as unknown as Endpoints), age(obj.metadata.creationTimestamp, ctx.nowMs)] };
  },
});

registerTablePrinter('EndpointSlice', {
  columns: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
  row(obj, ctx) {
    const slice = obj as unknown as EndpointSlice;
    const ports = (slice.ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*')));
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses);
    return { cells: [slice.metadata.name, slice.addressType, withMore(ports, ports.length, '<unset>'), withMore(addresses, addresses.length, '<unset>'), age(slice.metadata.creationTimestamp, ctx.nowMs)] };
  },
});

function describeService(obj: KubeObject, ctx: DescribeContext): string {
  const svc = obj as unknown as Service;
  const spec = svc.spec ?? {};
  const slices = ctx.client.list<EndpointSlice>('EndpointSlice', { namespace: svc.metadata.namespace ?? 'default', labelSelector: `kubernetes.io/service-name=${svc.metadata.name}` });
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace}\n`);
  writeLabels(w, 'Labels', svc.metadata.labels);
  writeAnnotations(w, 'Annotations', svc.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector ?? {})}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? 'ClusterIP'}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}\n`);
  if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs!.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  for (const sp of spec.ports ?? []) {
    const name = sp.name || '<unset>';
    const protocol = sp.protocol ?? 'TCP';
    w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${protocol}\n`);
    w.write(LEVEL_0, `TargetPort:\t${sp.targetPort ?? sp.port}/${protocol}\n`);
    if (sp.appProtocol) w.write(LEVEL_0, `AppProtocol:\t${sp.appProtocol}\n`);
    if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${protocol}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, sp.name ?? '')}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (ctx.showEvents) writeEvents(w, eventsFor(ctx.client, svc), ctx.nowMs);
  return w.toString();
}

function describeEndpoints(obj: KubeObject, ctx: DescribeContext): string {
  const ep = obj as unknown as Endpoints;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${ep.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace}\n`);
  writeLabels(w, 'Labels', ep.metadata.labels);
  writeAnnotations(w, 'Annotations', ep.metadata.annotations);
  w.write(LEVEL_0, 'Subsets:\n');
  for (const ss of ep.subsets ?? []) {
    w.write(LEVEL_1, `Addresses:\t${(ss.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    w.write(LEVEL_1, `NotReadyAddresses:\t${(ss.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    if ((ss.ports ?? []).length > 0) {
      w.write(LEVEL_1, 'Ports:\n');
      w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_2, '----\t----\t--------\n');
      for (const p of ss.ports!) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(LEVEL_0, '\n');
  }
  if (ctx.showEvents) writeEvents(w, eventsFor(ctx.client, ep), ctx.nowMs);
  return w.toString();
}

function describeEndpointSlice(obj: KubeObject, ctx: DescribeContext): string {
  const slice = obj as unknown as EndpointSlice;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${slice.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${slice.metadata.namespace}\n`);
  writeLabels(w, 'Labels', slice.metadata.labels);
  writeAnnotations(w, 'Annotations', slice.metadata.annotations);
  w.write(LEVEL_0, `AddressType:\t${slice.addressType}\n`);
  if ((slice.ports ?? []).length === 0) w.write(LEVEL_0, 'Ports: <unset>\n');
  else {
    w.write(LEVEL_0, 'Ports:\n');
    w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    for (const p of slice.ports!) w.write(LEVEL_1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? 'TCP'}\n`);
  }
  if ((slice.endpoints ?? []).length === 0) w.write(LEVEL_0, 'Endpoints: <none>\n');
  else {
    w.write(LEVEL_0, 'Endpoints:\n');
    for (const e of slice.endpoints) {
      w.write(LEVEL_1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}\n`);
      w.write(LEVEL_2, 'Conditions:\n');
      w.write(LEVEL_3, `Ready:\t${e.conditions?.ready === undefined ? '<unset>' : String(e.conditions.ready)}\n`);
      w.write(LEVEL_2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(LEVEL_2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  if (ctx.showEvents) writeEvents(w, eventsFor(ctx.client, slice), ctx.nowMs);
  return w.toString();
}

registerDescriber('Service', describeService);
registerDescriber('Endpoints', describeEndpoints);
registerDescriber('EndpointSlice', describeEndpointSlice);
